import { Button, Card, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/http.js';
import { useAuth } from '../../auth/AuthContext.js';
import type { MessageKey } from '../../i18n/translate.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { availableActions, mayOperate } from './abilities.js';
import { licenseAction, REVOKE_KINDS, type ActionBodies, type LicenseAction, type LicenseType, type RevokeKind, type StaffLicenseDetail } from './api.js';
import { ChangeDialog } from './ChangeDialog.js';
import { ReasonField } from './ReasonField.js';
import { ActionDialog } from '../../components/ActionDialog.js';
import { useStaffScope } from './useStaffScope.js';

interface Props {
  lic: StaffLicenseDetail;
  type: LicenseType | undefined;
  /** after a successful action: the licence as the server answered it (for renew and change, the new version) */
  onDone(next: StaffLicenseDetail, action: LicenseAction, message: string): void;
  /** the server refused because the licence changed meanwhile (409): show it as it is now */
  onStale(): void;
}

const BUTTON: Record<LicenseAction, { label: MessageKey; primary?: boolean; danger?: boolean }> = {
  suspend: { label: 'licAdm.act.suspend' },
  reinstate: { label: 'licAdm.act.reinstate', primary: true },
  renew: { label: 'licAdm.act.renew', primary: true },
  change: { label: 'licAdm.act.change' },
  revoke: { label: 'licAdm.act.revoke', danger: true },
};

/** 证照操作: the buttons this actor may use on this licence now, and one dialog per action. */
export function LicenseActions({ lic, type, onDone, onStale }: Props) {
  const { t } = usePrefs();
  const { actor } = useAuth();
  const scope = useStaffScope();
  const [open, setOpen] = useState<LicenseAction | null>(null);
  const close = () => setOpen(null);
  const roles = actor?.roles ?? [];
  const operate = mayOperate(roles, scope.departmentCode, lic.issuer.departmentCode);
  const actions = availableActions(lic.status, operate);

  const run = async <A extends LicenseAction>(action: A, body: ActionBodies[A], done: (next: StaffLicenseDetail) => string) => {
    let next: StaffLicenseDetail;
    try {
      next = await licenseAction(lic.id, action, body);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onStale();
      throw e;
    }
    onDone(next, action, done(next));
  };

  let note: string | null = null;
  if (!roles.includes('admin') && !roles.includes('approver')) note = t('licAdm.act.readOnly');
  else if (!operate) note = t('licAdm.act.notYours');
  else if (actions.length === 0 && lic.status !== 'superseded') note = t('licAdm.act.noneForStatus', { status: t(`lic.status.${lic.status}`) });
  if (actions.length === 0 && !note) return null;

  const kindName = (k: RevokeKind) => t(`licAdm.kind.${k}`);
  const years = type?.validityYears;

  return (
    <section aria-labelledby="la-actions" className="ow-la-section">
      <Card size="small" className="ow-card ow-la-actions-card">
        <h2 id="la-actions" className="ow-la-h2-inline" tabIndex={-1}>
          {t('licAdm.act.title')}
        </h2>
        {note && <p className="ow-la-note">{note}</p>}
        {actions.length > 0 && (
          <Space wrap className="ow-la-action-bar">
            {actions.map((a) => (
              <Button key={a} type={BUTTON[a].primary ? 'primary' : 'default'} danger={BUTTON[a].danger} onClick={() => setOpen(a)}>
                {t(BUTTON[a].label)}
              </Button>
            ))}
          </Space>
        )}
      </Card>

      {/* 暂扣 and 发还 ask only why */}
      {(['suspend', 'reinstate'] as const).map((a) => (
        <ActionDialog<{ reason: string }>
          key={a}
          name={`la-${a}`}
          open={open === a}
          title={t(`licAdm.dlg.${a}`)}
          okText={t(`licAdm.ok.${a}`)}
          intro={t(`licAdm.intro.${a}`)}
          fields={['reason']}
          onClose={close}
          onSubmit={(v) => run(a, { reason: v.reason.trim() }, () => t(`licAdm.done.${a}`))}
        >
          {() => <ReasonField />}
        </ActionDialog>
      ))}

      <ActionDialog<{ reason: string; validUntil?: string }>
        name="la-renew"
        open={open === 'renew'}
        title={t('licAdm.dlg.renew')}
        okText={t('licAdm.ok.renew')}
        intro={t('licAdm.intro.renew', { n: lic.version + 1 })}
        fields={['reason', 'validUntil']}
        onClose={close}
        onSubmit={(v) => run('renew', { reason: v.reason.trim(), ...(v.validUntil ? { validUntil: v.validUntil } : {}) }, (next) => t('licAdm.done.renew', { n: next.version }))}
      >
        {() => (
          <>
            <Form.Item
              name="validUntil"
              label={t('licAdm.f.newValidUntil')}
              extra={years ? t('licAdm.renew.byYears', { years }) : type ? t('licAdm.renew.longTerm') : undefined}
            >
              <Input type="date" className="ow-la-date" />
            </Form.Item>
            <ReasonField />
          </>
        )}
      </ActionDialog>

      <ChangeDialog
        lic={lic}
        type={type}
        open={open === 'change'}
        onClose={close}
        onSubmit={(body) => run('change', body, (next) => t('licAdm.done.change', { n: next.version }))}
      />

      <ActionDialog<{ kind: RevokeKind; reason: string }>
        name="la-revoke"
        open={open === 'revoke'}
        title={t('licAdm.dlg.revoke')}
        okText={t('licAdm.ok.revoke')}
        danger
        intro={t('licAdm.intro.revoke')}
        initialValues={{ kind: 'cancel' }}
        fields={['kind', 'reason']}
        onClose={close}
        confirm={(v) => (
          <>
            <p className="ow-dialog-confirm-title">{t('licAdm.revoke.confirm', { kind: kindName(v.kind), identifier: lic.identifier })}</p>
            <p>{t('licAdm.revoke.confirmText', { kind: kindName(v.kind), reason: v.reason.trim() })}</p>
          </>
        )}
        onSubmit={(v) => run('revoke', { kind: v.kind, reason: v.reason.trim() }, () => t('licAdm.done.revoke', { kind: kindName(v.kind) }))}
      >
        {() => (
          <>
            <Form.Item name="kind" label={t('licAdm.f.kind')} rules={[{ required: true, message: t('licAdm.v.kind') }]}>
              <Radio.Group className="ow-la-kinds">
                {REVOKE_KINDS.map((k) => (
                  <Radio key={k} value={k}>
                    <strong>{kindName(k)}</strong> <span className="ow-la-muted">{t(`licAdm.kind.${k}.d`)}</span>
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <ReasonField />
          </>
        )}
      </ActionDialog>
    </section>
  );
}
