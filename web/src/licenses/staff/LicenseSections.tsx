import { Card, Descriptions, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { SectionTitle } from '../../components/PageTitle.js';
import type { MessageKey } from '../../i18n/translate.js';
import { useT } from '../../prefs/PrefsContext.js';
import { claimText } from '../api.js';
import { formatInstant, StatusTag } from '../labels.js';
import type { StaffLicenseDetail, StaffOperation } from './api.js';
import { staffLicensePath } from './paths.js';

const OPERATIONS = ['issue', 'renew', 'suspend', 'expire', 'revoke', 'reinstate', 'change', 'import'] as const;
const KINDS = ['cancel', 'withdraw', 'revoke'] as const;
const opKey = (op: string): MessageKey | null => ((OPERATIONS as readonly string[]).includes(op) ? (`licAdm.op.${op}` as MessageKey) : null);
const kindKey = (kind: string | undefined): MessageKey | null => (kind && (KINDS as readonly string[]).includes(kind) ? (`licAdm.kind.${kind}` as MessageKey) : null);

/** 基本信息: identifier, holder, issuer, term, version, case. */
export function BasicsSection({ lic }: { lic: StaffLicenseDetail }) {
  const t = useT();
  const items = [
    { key: 'identifier', label: t('lic.f.identifier'), children: <span className="ow-code ow-la-ident">{lic.identifier}</span>, span: 'filled' as const },
    {
      key: 'holder',
      label: t('lic.f.holder'),
      children: (
        <>
          {lic.holder.name} <span className="ow-code ow-la-muted">{lic.holder.code}</span>
        </>
      ),
    },
    { key: 'issuer', label: t('lic.f.issuer'), children: lic.issuer.name },
    { key: 'issuedOn', label: t('lic.f.issuedOn'), children: lic.issuedOn },
    { key: 'version', label: t('lic.f.version'), children: t('lic.f.versionN', { n: lic.version }) },
    { key: 'validFrom', label: t('licAdm.f.validFrom'), children: lic.validFrom },
    { key: 'validUntil', label: t('licAdm.f.validUntil'), children: lic.validUntil ?? t('lic.f.longTerm') },
    ...(lic.caseNo ? [{ key: 'caseNo', label: t('lic.f.caseNo'), children: <span className="ow-code">{lic.caseNo}</span> }] : []),
    { key: 'source', label: t('lic.f.source'), children: lic.source === 'imported' ? t('lic.f.sourceImported') : t('lic.f.sourceIssued') },
    ...(lic.statusReason ? [{ key: 'reason', label: t('lic.f.statusReason'), children: lic.statusReason }] : []),
  ];
  return (
    <Card className="ow-card">
      <section aria-labelledby="la-basics">
        <SectionTitle id="la-basics">{t('licAdm.detail.basics')}</SectionTitle>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} items={items} className="ow-la-desc" />
      </section>
    </Card>
  );
}

/** 证照字段: the claims with their labels, in the type's order. */
export function FieldsSection({ lic }: { lic: StaffLicenseDetail }) {
  const t = useT();
  return (
    <Card className="ow-card">
      <section aria-labelledby="la-fields">
        <SectionTitle id="la-fields">{t('licAdm.detail.fields')}</SectionTitle>
        {lic.fields.length === 0 ? (
          <Typography.Paragraph className="ow-la-muted">{t('licAdm.detail.noFields')}</Typography.Paragraph>
        ) : (
          <Descriptions
            bordered
            size="small"
            column={1}
            className="ow-la-desc ow-la-claims"
            items={lic.fields.map((f) => ({ key: f.key, label: f.label, children: <span className="ow-pre">{claimText(f.value)}</span> }))}
          />
        )}
      </section>
    </Card>
  );
}

/** 操作日志: every operation on every version of the licence, newest first, with its code. */
export function OperationsSection({ lic }: { lic: StaffLicenseDetail }) {
  const t = useT();
  const versionOf = new Map(lic.versions.map((v) => [v.identifier, v.version]));
  const ops = lic.operations.map((o, i) => ({ ...o, i })).sort((a, b) => (a.at === b.at ? b.i - a.i : a.at < b.at ? 1 : -1));
  const opName = (o: StaffOperation) => {
    const key = opKey(o.operation);
    const kind = o.operation === 'revoke' ? kindKey(o.detail?.kind) : null;
    return `${key ? t(key) : o.name}${kind ? ` · ${t(kind)}` : ''}`;
  };
  const columns: TableColumnsType<StaffOperation & { i: number }> = [
    {
      title: t('licAdm.log.col.at'),
      key: 'at',
      render: (_v, o) => {
        const [day, clock] = formatInstant(o.at).split(' ');
        return (
          <time dateTime={o.at}>
            <span className="ow-la-nowrap">{day}</span> <span className="ow-la-nowrap">{clock}</span>
          </time>
        );
      },
    },
    {
      title: t('licAdm.log.col.op'),
      key: 'op',
      render: (_v, o) => (
        <span className="ow-la-op">
          <span className="ow-la-opcode">{o.code}</span>
          <span>{opName(o)}</span>
        </span>
      ),
    },
    { title: t('licAdm.log.col.reason'), key: 'reason', render: (_v, o) => o.reason ?? '—' },
    { title: t('licAdm.log.col.actor'), key: 'actor', render: (_v, o) => o.actor ?? t('licAdm.log.system') },
    {
      title: t('licAdm.log.col.version'),
      key: 'version',
      responsive: ['lg'],
      render: (_v, o) => {
        const n = versionOf.get(o.identifier);
        return n === undefined ? <span className="ow-code ow-la-ident">{o.identifier}</span> : t('lic.f.versionN', { n });
      },
    },
  ];
  return (
    <Card className="ow-card">
      <section aria-labelledby="la-log">
        <SectionTitle id="la-log">{t('licAdm.detail.log')}</SectionTitle>
        <Typography.Paragraph className="ow-la-muted">{t('licAdm.detail.logIntro')}</Typography.Paragraph>
        <Table<StaffOperation & { i: number }>
          rowKey={(o) => `${o.at}-${o.i}`}
          size="small"
          className="ow-la-log"
          columns={columns}
          dataSource={ops}
          pagination={false}
          title={() => <span className="ow-sr-only">{t('licAdm.log.caption')}</span>}
        />
      </section>
    </Card>
  );
}

/** 证照版本: the chain of versions, older ones linking to their own page. */
export function VersionsSection({ lic }: { lic: StaffLicenseDetail }) {
  const t = useT();
  const versions = [...lic.versions].sort((a, b) => b.version - a.version);
  return (
    <Card className="ow-card">
      <section aria-labelledby="la-versions">
        <SectionTitle id="la-versions">{t('licAdm.detail.versions')}</SectionTitle>
        <ul className="ow-la-versions">
          {versions.map((v) => (
            <li key={v.id} aria-current={v.id === lic.id ? 'page' : undefined}>
              {v.id === lic.id ? (
                <strong>
                  {t('lic.f.versionN', { n: v.version })} · {t('licAdm.detail.current')}
                </strong>
              ) : (
                <Link to={staffLicensePath(v.id)}>{t('lic.f.versionN', { n: v.version })}</Link>
              )}
              <StatusTag status={v.status} />
              <span className="ow-la-muted">{t('lic.f.issuedOn')} {v.issuedOn}</span>
              <span className="ow-code ow-la-ident ow-la-muted ow-la-small">{v.identifier}</span>
            </li>
          ))}
        </ul>
      </section>
    </Card>
  );
}
