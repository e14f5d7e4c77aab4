/** Reading the licence register: staff lists and details, and the licences that serve at intake. */
import type { Ctx } from '../platform/context.js';
import { staffDept, staffLicense, today } from './context.js';
import { isValidOn } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import { baseView, detailView } from './views.js';

export interface StaffListQuery extends Pick<store.ListQuery, 'typeCode' | 'status' | 'q' | 'holderApplicantId'> {
  page?: number;
  pageSize?: number;
}

export async function listLicenses(ctx: Ctx, q: StaffListQuery) {
  const actor = policy.requireActor(ctx.actor);
  const s = await staffDept(ctx, actor);
  policy.assertAllowed(policy.canListLicenses(s), { zh: '无权查看电子证照库', en: 'Not allowed to list licences' });
  const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 100);
  const page = Math.max(q.page ?? 1, 1);
  const day = today(ctx);
  const { total, rows } = await store.listLicenses(ctx.db, policy.licenseScope(s), {
    ...q,
    today: day,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { total, page, pageSize, items: rows.map((r) => baseView(r, day, false)) };
}

export async function getLicense(ctx: Ctx, id: string) {
  const { row } = await staffLicense(ctx, id);
  return detailView(ctx, row, { full: true, credential: true });
}

/**
 * Which of the applicant's licences satisfy these licence types on `onDate` (YYYY-MM-DD): valid
 * only (not suspended, revoked, expired or superseded); the newest per type. (Reuse at intake.)
 */
export async function licensesSatisfying(
  ctx: Ctx,
  applicantId: string,
  licenseTypeCodes: string[],
  onDate: string,
): Promise<Map<string, { licenseId: string; identifier: string; name: string }>> {
  const out = new Map<string, { licenseId: string; identifier: string; name: string }>();
  const codes = [...new Set(licenseTypeCodes.filter(Boolean))];
  if (codes.length === 0) return out;
  for (const r of await store.currentOfTypes(ctx.db, applicantId, codes)) {
    if (!out.has(r.type_code) && isValidOn(r, onDate)) out.set(r.type_code, { licenseId: r.id, identifier: r.identifier, name: r.type_name });
  }
  return out;
}
