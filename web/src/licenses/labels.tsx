import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, ExclamationCircleFilled, MinusCircleFilled, PauseCircleFilled, QuestionCircleFilled, WarningFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../prefs/PrefsContext.js';
import type { GrantState, LicenseStatus, LicenseSummary, VerifyResult } from './api.js';

export type Tone = 'green' | 'red' | 'orange' | 'grey' | 'blue';

const STATUS: Record<LicenseStatus, { tone: Tone; icon: ReactNode }> = {
  valid: { tone: 'green', icon: <CheckCircleFilled aria-hidden /> },
  suspended: { tone: 'orange', icon: <PauseCircleFilled aria-hidden /> },
  revoked: { tone: 'red', icon: <CloseCircleFilled aria-hidden /> },
  expired: { tone: 'grey', icon: <ClockCircleFilled aria-hidden /> },
  superseded: { tone: 'grey', icon: <MinusCircleFilled aria-hidden /> },
};

export const statusKey = (s: LicenseStatus): MessageKey => `lic.status.${s}`;

/** A licence status as a tag: colour AND icon AND text. */
export function StatusTag({ status }: { status: LicenseStatus }) {
  const t = useT();
  const s = STATUS[status] ?? STATUS.expired;
  return (
    <Tag className={`ow-lic-tag ow-lic-tag-${s.tone}`} icon={s.icon}>
      {t(statusKey(status))}
    </Tag>
  );
}

export function ToneTag({ tone, children, icon }: { tone: Tone; children: ReactNode; icon?: ReactNode }) {
  return (
    <Tag className={`ow-lic-tag ow-lic-tag-${tone}`} icon={icon}>
      {children}
    </Tag>
  );
}

const GRANT_TONE: Record<GrantState, Tone> = { active: 'green', revoked: 'grey', expired: 'orange' };
export function GrantStateTag({ state }: { state: GrantState }) {
  const t = useT();
  return <ToneTag tone={GRANT_TONE[state] ?? 'grey'}>{t(`lic.grant.state.${state}`)}</ToneTag>;
}

export interface Verdict {
  tone: Tone;
  icon: ReactNode;
  /** the big word */
  title: MessageKey;
  /** one sentence saying what it means */
  detail: MessageKey;
}

const VERDICT_KEYS: VerifyResult[] = ['valid', 'revoked', 'suspended', 'expired', 'superseded', 'tampered', 'unknown_issuer', 'presentation_expired', 'not_found'];
const VERDICT_LOOK: Record<VerifyResult, { tone: Tone; icon: ReactNode }> = {
  valid: { tone: 'green', icon: <CheckCircleFilled aria-hidden /> },
  revoked: { tone: 'red', icon: <CloseCircleFilled aria-hidden /> },
  suspended: { tone: 'orange', icon: <PauseCircleFilled aria-hidden /> },
  expired: { tone: 'red', icon: <ClockCircleFilled aria-hidden /> },
  superseded: { tone: 'orange', icon: <MinusCircleFilled aria-hidden /> },
  tampered: { tone: 'red', icon: <WarningFilled aria-hidden /> },
  unknown_issuer: { tone: 'red', icon: <QuestionCircleFilled aria-hidden /> },
  presentation_expired: { tone: 'orange', icon: <ClockCircleFilled aria-hidden /> },
  not_found: { tone: 'grey', icon: <ExclamationCircleFilled aria-hidden /> },
};

/** How a verification result looks and reads. Unknown results read as "not found". */
export function verdictOf(result: string): Verdict & { result: VerifyResult } {
  const r = (VERDICT_KEYS as string[]).includes(result) ? (result as VerifyResult) : 'not_found';
  return { result: r, ...VERDICT_LOOK[r], title: `lic.verdict.${r}`, detail: `lic.verdict.${r}.d` };
}

/** An instant as Beijing time, `YYYY-MM-DD HH:mm:ss`. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** Only the clock part, `HH:mm:ss` (Beijing time). */
export function formatClock(iso: string): string {
  return formatInstant(iso).slice(11);
}

/** "2016-05-20 至 2036-05-19", or 长期 */
export function useValidity() {
  const t = useT();
  return (l: Pick<LicenseSummary, 'validFrom' | 'validUntil'>) =>
    l.validUntil ? t('lic.f.validRange', { from: l.validFrom, until: l.validUntil }) : t('lic.f.validFromLong', { from: l.validFrom });
}
