import { Button, Result } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle.js';
import { useT } from '../prefs/PrefsContext.js';

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div className="ow-page">
      <PageTitle>{t('common.notFound')}</PageTitle>
      <Result
        status="404"
        subTitle={t('common.notFoundDetail')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.home')}
          </Button>
        }
      />
    </div>
  );
}

export function Forbidden() {
  const t = useT();
  return (
    <div className="ow-page">
      <PageTitle>{t('common.forbidden')}</PageTitle>
      <Result status="403" subTitle={t('common.forbiddenDetail')} extra={<Link to="/">{t('common.home')}</Link>} />
    </div>
  );
}
