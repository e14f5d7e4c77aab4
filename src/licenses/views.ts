/** How a licence is shown: the list entry, and the detail with its fields, versions and operations. */
import type { Ctx } from '../platform/context.js';
import { today, typeFieldsOf } from './context.js';
import { effectiveStatus, maskedHolderCode, OPERATIONS, STANDARD_CLAIMS, type Claims, type Operation, type TypeField } from './model.js';
import { issuerId, verifyPath } from './settings.js';
import * as store from './store.js';

export interface FieldValue {
  key: string;
  label: string;
  value: unknown;
}

export function baseView(r: store.LicenseListRow, day: string, full: boolean) {
  return {
    id: r.id,
    identifier: r.identifier,
    typeCode: r.type_code,
    typeName: r.type_name,
    version: r.version,
    status: effectiveStatus(r, day),
    statusReason: r.status_reason,
    holder: {
      applicantId: r.holder_applicant_id,
      kind: r.holder_kind,
      name: r.holder_name,
      code: full ? r.holder_code : maskedHolderCode(r.holder_kind, r.holder_code),
    },
    issuer: { code: r.issuer_code, name: r.issuer_name, departmentCode: r.department_code },
    issuedOn: r.issued_on,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    source: r.source,
    caseNo: r.case_no,
    previousId: r.previous_id,
    supersededBy: r.superseded_by,
    verifyUrl: verifyPath(r.identifier),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type LicenseSummary = ReturnType<typeof baseView>;

function fieldsOf(typeFields: TypeField[], claims: Claims): FieldValue[] {
  return typeFields.filter((f) => claims[f.key] !== undefined).map((f) => ({ key: f.key, label: f.label, value: claims[f.key] }));
}

const opView = (o: store.OperationRow) => ({
  code: o.code,
  operation: o.operation,
  name: OPERATIONS[o.operation as Operation]?.zh ?? o.operation,
  identifier: o.identifier,
  reason: o.reason,
  actor: o.actor_name,
  at: o.at,
  detail: o.detail ? (JSON.parse(o.detail) as unknown) : null,
});

export async function detailView(ctx: Ctx, r: store.LicenseRow, opts: { full: boolean; credential: boolean }) {
  const day = today(ctx);
  const typeFields = await typeFieldsOf(ctx, r.type_code);
  const claims = JSON.parse(r.claims) as Claims;
  const chain = await store.chainOf(ctx.db, r);
  const ops = await store.operationsOf(ctx.db, chain.map((c) => c.id));
  return {
    ...baseView(r, day, opts.full),
    claims,
    fields: fieldsOf(typeFields, claims),
    /** the claim keys a holder may disclose one by one */
    disclosable: [...STANDARD_CLAIMS, ...typeFields.filter((f) => claims[f.key] !== undefined)].map((f) => ({ key: f.key, label: f.label })),
    versions: chain.map((c) => ({ id: c.id, identifier: c.identifier, version: c.version, issuedOn: c.issued_on, status: effectiveStatus(c, day) })),
    operations: ops.map(opView),
    kid: r.kid,
    ...(opts.credential ? { credential: r.credential } : {}),
  };
}

/** The detail view after a write, read inside its transaction: for staff, without the credential. */
export const writtenView = (ctx: Ctx, tx: Ctx['db'], row: store.LicenseRow) => detailView({ ...ctx, db: tx }, row, { full: true, credential: false });

/** What a licence is and who issued it, as verifiers see it. */
export const licenseOrigin = (r: Pick<store.LicenseRow, 'type_code' | 'type_name' | 'issuer_name'>) => ({
  licenseType: { code: r.type_code, name: r.type_name },
  issuer: { iss: issuerId(), name: r.issuer_name },
});
