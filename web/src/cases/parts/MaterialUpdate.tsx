import { CheckCircleOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useMemo, useState } from 'react';
import { caseAction, type CaseView } from '../../api/cases.js';
import type { ItemDetail } from '../../api/types.js';
import { ErrorAlert } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import type { HeldLicence } from '../api.js';
import { initialRow, materialErrors, onlyMaterialErrors, rowSatisfied, toInputs, type ChecklistContext, type MaterialMeta, type RowState } from './checklist.js';
import { MaterialRow } from './MaterialRow.js';

export type UpdateMode = 'complete' | 'preaccept' | 'supplement';

/**
 * Materials brought later, on the same case: completion after a one-time notice (补齐材料),
 * the pre-review of an online submission (accept or one-time notice), or 容缺 materials supplied.
 */
export function MaterialUpdate({
  c,
  item,
  mode,
  staff,
  held,
  today,
  maxDeferral,
  onDone,
}: {
  c: CaseView;
  item: ItemDetail;
  mode: UpdateMode;
  staff: boolean;
  held: Map<string, HeldLicence> | null;
  today?: string;
  maxDeferral?: string;
  onDone(c: CaseView): void;
}) {
  const { t, lang } = usePrefs();
  const byCode = new Map(item.materials.map((m) => [m.code, m]));
  const metas: MaterialMeta[] = useMemo(() => {
    if (mode === 'supplement') {
      return c.outstandingDeferred.flatMap((d) => {
        const m = byCode.get(d.code);
        return m ? [{ ...m, deferrable: false, commitmentReplaceable: false }] : [];
      });
    }
    return c.materials.filter((m) => !m.satisfiedBy).flatMap((cm) => {
      const m = byCode.get(cm.code);
      return m ? [m] : [];
    });
  }, [c, item, mode]);
  const ctx: ChecklistContext = { commitmentAllowed: mode !== 'supplement' && item.commitmentAllowed, staff, held };
  const [rows, setRows] = useState<Record<string, RowState>>(() => Object.fromEntries(metas.map((m) => [m.code, initialRow(m, ctx)])));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  const stillMissing = metas.filter((m) => m.required && !rowSatisfied(rows[m.code]));
  const given = metas.filter((m) => rowSatisfied(rows[m.code]));

  const run = async (action: 'complete' | 'accept' | 'notice' | 'supplement') => {
    setBusy(action);
    setError(undefined);
    setRowErrors({});
    const { inputs, codes } = toInputs(metas, rows, held);
    try {
      const next = await caseAction(c, action, { materials: inputs });
      onDone(next);
    } catch (e) {
      setRowErrors(materialErrors(e, codes, lang));
      if (!onlyMaterialErrors(e)) setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (metas.length === 0 && mode !== 'preaccept') return null;
  const title = mode === 'complete' ? t('case.upd.completeTitle') : mode === 'preaccept' ? t('case.upd.preTitle') : t('case.upd.supplementTitle');
  const hint = mode === 'complete' ? t('case.upd.completeHint') : mode === 'preaccept' ? t('case.upd.preHint') : t('case.upd.supplementHint');

  return (
    <section className="ow-case-update" aria-labelledby={`upd-${mode}`} data-testid={`update-${mode}`}>
      <h3 className="ow-case-h3" id={`upd-${mode}`}>
        {title}
      </h3>
      <p className="ow-case-hint">{hint}</p>
      {metas.length > 0 && (
        <div className="ow-desk-rows">
          {metas.map((m, i) => (
            <MaterialRow key={m.code} index={i} m={m} value={rows[m.code]} onChange={(r) => setRows((p) => ({ ...p, [m.code]: r }))} ctx={ctx} today={today} maxDeferral={maxDeferral} error={rowErrors[m.code] || undefined} disabled={busy !== null} />
          ))}
        </div>
      )}
      {stillMissing.length > 0 && mode !== 'supplement' && (
        <Alert
          className="ow-desk-alert"
          type="warning"
          showIcon
          title={mode === 'preaccept' ? t('case.desk.missingTitle', { n: stillMissing.length }) : t('case.upd.stillMissing', { n: stillMissing.length })}
          description={
            <ol className="ow-desk-missing">
              {stillMissing.map((m) => (
                <li key={m.code}>{m.name}</li>
              ))}
            </ol>
          }
        />
      )}
      {error !== undefined && <ErrorAlert error={error} title={t('case.desk.failed')} />}
      <div className="ow-desk-actions">
        {mode === 'complete' && (
          <Button type="primary" size="large" icon={<CheckCircleOutlined aria-hidden />} disabled={stillMissing.length > 0 || busy !== null} loading={busy === 'complete'} onClick={() => void run('complete')}>
            {staff ? t('case.upd.complete') : t('case.upd.completeOnline')}
          </Button>
        )}
        {mode === 'preaccept' && (
          <>
            <Button type="primary" size="large" icon={<CheckCircleOutlined aria-hidden />} disabled={stillMissing.length > 0 || busy !== null} loading={busy === 'accept'} onClick={() => void run('accept')}>
              {t('case.desk.accept')}
            </Button>
            {stillMissing.length > 0 && (
              <Button size="large" icon={<FileTextOutlined aria-hidden />} disabled={busy !== null} loading={busy === 'notice'} onClick={() => void run('notice')}>
                {t('case.desk.notice')}
              </Button>
            )}
          </>
        )}
        {mode === 'supplement' && (
          <Button type="primary" size="large" icon={<UploadOutlined aria-hidden />} disabled={given.length === 0 || busy !== null} loading={busy === 'supplement'} onClick={() => void run('supplement')}>
            {t('case.upd.supplement')}
          </Button>
        )}
      </div>
    </section>
  );
}
