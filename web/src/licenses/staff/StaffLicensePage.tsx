import { Alert, App, Breadcrumb, Result } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/http.js';
import { useAsync } from '../../api/useAsync.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorAlert, Loading } from '../../components/Status.js';
import { useT } from '../../prefs/PrefsContext.js';
import { StatusTag } from '../labels.js';
import { fetchLicenseTypes, fetchStaffLicense, type LicenseAction, type StaffLicenseDetail } from './api.js';
import { LicenseActions } from './LicenseActions.js';
import { BasicsSection, FieldsSection, OperationsSection, VersionsSection } from './LicenseSections.js';
import { LICENSE_ADMIN_PATH, staffLicensePath } from './paths.js';
import '../licenses.css';
import './staff.css';

/** /licenses/:id — one licence for staff: particulars, fields, actions, operations log, versions. */
export function StaffLicensePage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: lic, error, loading, reload } = useAsync((signal) => fetchStaffLicense(id, signal), [id]);
  const types = useAsync((signal) => fetchLicenseTypes(signal), []);
  const type = types.data?.items.find((x) => x.code === lic?.typeCode);
  // after an action the button used may be gone: focus goes to the actions heading once the licence shows again
  const refocus = useRef(false);
  const shown = lic && lic.id === id && !loading ? lic : undefined;
  useEffect(() => {
    if (!shown || !refocus.current) return;
    refocus.current = false;
    document.getElementById('la-actions')?.focus();
  }, [shown]);

  const onDone = useCallback(
    (next: StaffLicenseDetail, _action: LicenseAction, text: string) => {
      void message.success(text);
      refocus.current = true;
      if (next.id !== id) navigate(staffLicensePath(next.id));
      else reload();
    },
    [id, message, navigate, reload],
  );

  const crumbs = (
    <Breadcrumb
      aria-label={t('common.breadcrumb')}
      className="ow-breadcrumb"
      items={[{ title: <Link to={LICENSE_ADMIN_PATH}>{t('licAdm.title')}</Link> }, { title: lic?.typeName ?? '' }]}
    />
  );
  if (error !== undefined && !lic) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <div className="ow-page ow-la-page">
        {crumbs}
        <PageTitle>{missing ? t('licAdm.detail.notFound') : t('licAdm.detail.loadError')}</PageTitle>
        {missing ? <Result status="404" extra={<Link to={LICENSE_ADMIN_PATH}>{t('licAdm.title')}</Link>} /> : <ErrorAlert error={error} onRetry={reload} />}
      </div>
    );
  }
  if (!lic || lic.id !== id) return <Loading />;

  return (
    <div className="ow-page ow-la-page">
      {crumbs}
      <PageTitle title={`${lic.typeName} ${lic.holder.name}`} extra={<StatusTag status={lic.status} />}>
        {lic.typeName}
      </PageTitle>
      <p className="ow-code ow-la-ident ow-la-subline">{lic.identifier}</p>
      {error !== undefined && <ErrorAlert error={error} onRetry={reload} />}
      {lic.status === 'superseded' && lic.supersededBy && (
        <Alert
          type="info"
          showIcon
          className="ow-la-alert"
          title={t('licAdm.detail.superseded')}
          action={<Link to={staffLicensePath(lic.supersededBy)}>{t('licAdm.detail.latest')}</Link>}
        />
      )}
      {(lic.status === 'suspended' || lic.status === 'revoked') && lic.statusReason && (
        <Alert
          type={lic.status === 'revoked' ? 'error' : 'warning'}
          showIcon
          className="ow-la-alert"
          title={t('licAdm.detail.statusNote', { status: t(`lic.status.${lic.status}`) })}
          description={lic.statusReason}
        />
      )}
      <LicenseActions lic={lic} type={type} onDone={onDone} onStale={reload} />
      <BasicsSection lic={lic} />
      <FieldsSection lic={lic} />
      <OperationsSection lic={lic} />
      <VersionsSection lic={lic} />
    </div>
  );
}
