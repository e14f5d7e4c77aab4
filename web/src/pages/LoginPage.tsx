import { App, Card, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { Actor } from '../api/types.js';
import { useAuth } from '../auth/AuthContext.js';
import { safeNext } from '../auth/safeNext.js';
import { PageTitle } from '../components/PageTitle.js';
import { Loading } from '../components/Status.js';
import { useT } from '../prefs/PrefsContext.js';
import { homeOf } from '../screens/screens.js';
import { LoginForm } from './LoginForm.js';
import { SetPasswordForm } from './SetPasswordForm.js';

/** /login: log in, then (if required) set a new password, then go to the user's main screen. */
export function LoginPage() {
  const t = useT();
  const { actor, refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  const go = (a: Actor) => navigate(next ?? homeOf(a.roles), { replace: true });

  if (actor === undefined) return <Loading />;
  if (actor && !actor.mustChangePassword) return <Navigate to={next ?? homeOf(actor.roles)} replace />;

  const changing = !!actor?.mustChangePassword;
  return (
    <div className="ow-login">
      <Card className="ow-login-card">
        <PageTitle>{changing ? t('pwd.title') : t('login.title')}</PageTitle>
        {changing ? (
          <SetPasswordForm
            onDone={async () => {
              message.success(t('pwd.done'));
              const me = await refresh();
              if (me) go(me);
            }}
          />
        ) : (
          <>
            <Typography.Paragraph>{t('login.intro')}</Typography.Paragraph>
            <LoginForm onDone={(a) => (a.mustChangePassword ? undefined : go(a))} />
            <Typography.Paragraph className="ow-login-foot">
              <Link to="/portal/items">{t('login.browseGuide')}</Link>
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </div>
  );
}
