import { Alert, Button, Spin } from 'antd';
import { errorText } from '../api/http.js';
import { usePrefs } from '../prefs/PrefsContext.js';

export function Loading() {
  const { t } = usePrefs();
  return (
    <div className="ow-loading" role="status" aria-live="polite">
      <Spin />
      <span className="ow-loading-text">{t('common.loading')}</span>
    </div>
  );
}

/** An error from the API, in the user's language, with an optional retry. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t, lang } = usePrefs();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t('common.error')}
      description={errorText(error, lang)}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
