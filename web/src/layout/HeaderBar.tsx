import { LoginOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Space, Switch } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.js';
import { usePrefs } from '../prefs/PrefsContext.js';
import { homeOf } from '../screens/screens.js';

/** Product name, language switch, large-text switch and the user's session controls. */
export function HeaderBar({ onOpenMenu }: { onOpenMenu?: () => void }) {
  const { t, lang, setLang, largeText, setLargeText } = usePrefs();
  const { actor, logout } = useAuth();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = !!screens.md;

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };
  const next = pathname === '/login' ? '' : `?next=${encodeURIComponent(pathname + search)}`;

  return (
    <Layout.Header className="ow-header">
      <div className="ow-header-left">
        {onOpenMenu && (
          <Button className="ow-header-btn" type="text" icon={<MenuOutlined />} aria-label={t('nav.open')} onClick={onOpenMenu} />
        )}
        <Link to={actor ? homeOf(actor.roles) : '/portal'} className="ow-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="ow-brand-name">{t('app.name')}</span>
          {wide && <span className="ow-brand-sub">{t('app.nameEn')}</span>}
        </Link>
        {screens.lg && <span className="ow-tagline">{t('app.tagline')}</span>}
      </div>
      <Space className="ow-header-right" size={wide ? 'middle' : 'small'} wrap={false}>
        <Button
          className="ow-header-btn"
          type="text"
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          title={t('header.switchLang')}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {lang === 'zh' ? 'English' : '中文'}
        </Button>
        <span className="ow-large-toggle">
          <Switch id="ow-large-text" size={wide ? 'default' : 'small'} checked={largeText} onChange={setLargeText} />
          <label htmlFor="ow-large-text">{t('header.largeText')}</label>
        </span>
        {actor ? (
          <>
            {wide && (
              <span className="ow-user" title={t('header.user', { name: actor.name })}>
                <UserOutlined aria-hidden /> {actor.name}
              </span>
            )}
            <Button className="ow-header-btn" type="text" icon={<LogoutOutlined />} onClick={onLogout} aria-label={wide ? undefined : t('header.logout')}>
              {wide ? t('header.logout') : null}
            </Button>
          </>
        ) : (
          pathname !== '/login' && (
            <Link className="ow-header-link" to={`/login${next}`}>
              <LoginOutlined aria-hidden /> {t('header.login')}
            </Link>
          )
        )}
      </Space>
    </Layout.Header>
  );
}
