import { Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useT } from '../prefs/PrefsContext.js';

/** The page's single <h1>, also setting the document title. */
export function PageTitle({ children, title, extra }: { children: ReactNode; title?: string; extra?: ReactNode }) {
  const t = useT();
  const text = title ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    document.title = text ? `${text} - ${t('app.name')}` : t('app.name');
  }, [text, t]);
  return (
    <div className="ow-page-title">
      <Typography.Title level={1}>{children}</Typography.Title>
      {extra && <div className="ow-page-title-extra">{extra}</div>}
    </div>
  );
}

/** A section heading (<h2>) inside a page. */
export function SectionTitle({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <Typography.Title level={2} id={id} className="ow-section-title">
      {children}
    </Typography.Title>
  );
}
