/** The material checklist's state and its translation into the API's material inputs. */
import type { SatisfiedBy } from '../../api/cases.js';
import { ApiError } from '../../api/http.js';
import type { Lang } from '../../i18n/translate.js';
import type { HeldLicence, MaterialInput } from '../api.js';

/** What the checklist needs to know of one material of the item. */
export interface MaterialMeta {
  code: string;
  name: string;
  required: boolean;
  deferrable: boolean;
  commitmentReplaceable: boolean;
  licenseTypeCode: string | null;
  originals: number;
  copies: number;
}

export type Choice = SatisfiedBy | 'missing';

export interface UploadedFile {
  sha256: string;
  name: string;
}

export interface RowState {
  by: Choice;
  files: UploadedFile[];
  paperSeen: boolean;
  /** 容缺 supplement-by date (YYYY-MM-DD); empty = the latest allowed */
  deferredUntil: string;
}

export interface ChecklistContext {
  /** the item allows 告知承诺 */
  commitmentAllowed: boolean;
  /** at the window (容缺 and paper originals are the clerk's call) */
  staff: boolean;
  /** the applicant's valid licences by licence type; null = not known (the server fills them at intake) */
  held: Map<string, HeldLicence> | null;
}

export const emptyRow = (by: Choice = 'missing'): RowState => ({ by, files: [], paperSeen: false, deferredUntil: '' });

/** The ways this material may be satisfied here. */
export function waysFor(m: MaterialMeta, ctx: ChecklistContext): Choice[] {
  const ways: Choice[] = ['provided'];
  if (m.licenseTypeCode && (ctx.held === null || ctx.held.has(m.licenseTypeCode))) ways.push('license');
  if (ctx.commitmentAllowed && m.commitmentReplaceable) ways.push('commitment');
  if (ctx.staff && m.deferrable) ways.push('deferred');
  // the window records a missing material (one-time notice); online, only optional ones may be left out
  if (ctx.staff || !m.required) ways.push('missing');
  return ways;
}

/** A held licence of the material's type is pre-selected (0 materials). */
export function initialRow(m: MaterialMeta, ctx: ChecklistContext): RowState {
  if (m.licenseTypeCode && ctx.held?.has(m.licenseTypeCode)) return emptyRow('license');
  return emptyRow(ctx.staff ? 'missing' : 'provided');
}

export function rowSatisfied(r: RowState | undefined): boolean {
  if (!r) return false;
  switch (r.by) {
    case 'provided':
      return r.files.length > 0 || r.paperSeen;
    case 'missing':
      return false;
    default:
      return true;
  }
}

/** The inputs to send, and which material each index stands for (errors name `materials[i]`). */
export function toInputs(materials: MaterialMeta[], rows: Record<string, RowState>, held: Map<string, HeldLicence> | null): { inputs: MaterialInput[]; codes: string[] } {
  const inputs: MaterialInput[] = [];
  const codes: string[] = [];
  for (const m of materials) {
    const r = rows[m.code];
    if (!r || !rowSatisfied(r)) continue;
    let input: MaterialInput;
    switch (r.by) {
      case 'provided':
        input = { code: m.code, by: 'provided', ...(r.files.length ? { files: r.files.map((f) => f.sha256) } : {}), ...(r.paperSeen ? { paperSeen: true } : {}) };
        break;
      case 'license': {
        const l = m.licenseTypeCode ? held?.get(m.licenseTypeCode) : undefined;
        input = { code: m.code, by: 'license', ...(l ? { licenseId: l.licenseId } : {}) };
        break;
      }
      case 'deferred':
        input = { code: m.code, by: 'deferred', ...(r.deferredUntil ? { deferredUntil: r.deferredUntil } : {}) };
        break;
      default:
        input = { code: m.code, by: 'commitment' };
    }
    inputs.push(input);
    codes.push(m.code);
  }
  return { inputs, codes };
}

/** Field errors of a refused request, per material code (from `materials[i].…`). */
export function materialErrors(err: unknown, codes: string[], lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.problem.errors ?? []) {
    const m = /^materials\[(\d+)\]/.exec(e.field);
    const code = m ? codes[Number(m[1])] : undefined;
    if (code && !out[code]) out[code] = lang === 'zh' ? e.zh : e.en;
  }
  return out;
}

/** Does the problem only concern materials (shown at the rows)? */
export const onlyMaterialErrors = (err: unknown): boolean =>
  err instanceof ApiError && (err.problem.errors?.length ?? 0) > 0 && (err.problem.errors ?? []).every((e) => e.field.startsWith('materials['));
