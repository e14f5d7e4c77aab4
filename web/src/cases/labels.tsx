import type { CaseStatus, Colour, SatisfiedBy } from '../api/cases.js';
import { ToneTag } from '../catalog/Tags.js';
import type { MessageKey } from '../i18n/translate.js';
import { useT } from '../prefs/PrefsContext.js';

type Tone = 'blue' | 'green' | 'orange' | 'purple' | 'grey';

const STATUS: Record<CaseStatus, { key: MessageKey; tone: Tone }> = {
  draft: { key: 'case.status.draft', tone: 'grey' },
  submitted: { key: 'case.status.submitted', tone: 'blue' },
  pending_completion: { key: 'case.status.pending_completion', tone: 'orange' },
  accepted: { key: 'case.status.accepted', tone: 'blue' },
  refused: { key: 'case.status.refused', tone: 'grey' },
  in_review: { key: 'case.status.in_review', tone: 'blue' },
  suspended: { key: 'case.status.suspended', tone: 'orange' },
  granted: { key: 'case.status.granted', tone: 'green' },
  denied: { key: 'case.status.denied', tone: 'purple' },
  issued: { key: 'case.status.issued', tone: 'green' },
  delivered: { key: 'case.status.delivered', tone: 'green' },
  concluded: { key: 'case.status.concluded', tone: 'green' },
  withdrawn: { key: 'case.status.withdrawn', tone: 'grey' },
  terminated: { key: 'case.status.terminated', tone: 'grey' },
};

export const statusKey = (s: CaseStatus): MessageKey => STATUS[s]?.key ?? 'case.status.unknown';

/** The case status as a contrast-safe tag (text, not colour alone). */
export function StatusTag({ status }: { status: CaseStatus }) {
  const t = useT();
  const s = STATUS[status];
  return <ToneTag tone={s?.tone ?? 'grey'}>{s ? t(s.key) : status}</ToneTag>;
}

export const BY_KEY: Record<SatisfiedBy | 'missing', MessageKey> = {
  provided: 'case.by.provided',
  license: 'case.by.license',
  commitment: 'case.by.commitment',
  deferred: 'case.by.deferred',
  missing: 'case.by.missing',
};

const ACTION_KEYS: Record<string, MessageKey> = {
  create: 'case.action.create',
  submit: 'case.action.submit',
  accept: 'case.action.accept',
  notice: 'case.action.notice',
  refuse: 'case.action.refuse',
  complete: 'case.action.complete',
  deem: 'case.action.deem',
  claim: 'case.action.claim',
  pass: 'case.action.pass',
  return: 'case.action.return',
  'request-correction': 'case.action.requestCorrection',
  supplement: 'case.action.supplement',
  'special-procedure': 'case.action.specialProcedure',
  'end-special': 'case.action.endSpecial',
  extend: 'case.action.extend',
  decide: 'case.action.decide',
  issue: 'case.action.issue',
  deliver: 'case.action.deliver',
  conclude: 'case.action.conclude',
  withdraw: 'case.action.withdraw',
  terminate: 'case.action.terminate',
};

/** The name of a timeline action in the UI language (the server's Chinese name as a fallback). */
export function useActionName() {
  const t = useT();
  return (action: string, fallback: string) => {
    const k = ACTION_KEYS[action];
    return k ? t(k) : fallback;
  };
}

const DOC_KEYS: Record<string, MessageKey> = {
  'acceptance-notice': 'case.doc.acceptance-notice',
  'one-time-notice': 'case.doc.one-time-notice',
  refusal: 'case.doc.refusal',
  'deferral-notice': 'case.doc.deferral-notice',
  commitment: 'case.doc.commitment',
  decision: 'case.doc.decision',
  certificate: 'case.doc.certificate',
};

export function useDocName() {
  const t = useT();
  return (kind: string, fallback: string) => {
    const k = DOC_KEYS[kind];
    return k ? t(k) : fallback;
  };
}

const COLOUR: Record<Colour, { key: MessageKey; tone: Tone }> = {
  green: { key: 'case.colour.green', tone: 'green' },
  yellow: { key: 'case.colour.yellow', tone: 'orange' },
  red: { key: 'case.colour.red', tone: 'purple' },
};

/** Deadline light with its meaning in words. */
export function ColourTag({ colour }: { colour: Colour }) {
  const t = useT();
  const c = COLOUR[colour];
  return (
    <ToneTag tone={c.tone}>
      <span className={`ow-case-dot ow-case-dot-${colour}`} aria-hidden />
      {t(c.key)}
    </ToneTag>
  );
}

/** Statuses after which the case is closed. */
export const FINISHED: readonly CaseStatus[] = ['concluded', 'refused', 'withdrawn', 'terminated'];
