import type { ServiceItemInput } from '../../../../src/catalog/types.js';

/** Exactly the fields PUT /api/v1/items/:code accepts (the API refuses unknown fields). */
export function toInput(v: ServiceItemInput): ServiceItemInput {
  const nullable = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
  return {
    code: v.code,
    baseCode: v.baseCode,
    name: v.name,
    type: v.type,
    exerciseLevel: v.exerciseLevel,
    departmentCode: v.departmentCode,
    legalLimitDays: v.legalLimitDays,
    promisedLimitDays: v.promisedLimitDays,
    caseKind: v.caseKind,
    serviceObjects: v.serviceObjects ?? [],
    handlingForms: v.handlingForms ?? [],
    visits: v.visits,
    visitsReason: nullable(v.visitsReason),
    onlineDepth: v.onlineDepth,
    feeFen: v.feeFen,
    tiers: v.tiers ?? [],
    delivery: v.delivery ?? [],
    commitmentAllowed: !!v.commitmentAllowed,
    resultLicenseTypeCode: nullable(v.resultLicenseTypeCode),
    guide: {
      conditions: v.guide?.conditions ?? '',
      process: v.guide?.process ?? '',
      legalBasis: v.guide?.legalBasis ?? '',
      location: v.guide?.location ?? '',
      hours: v.guide?.hours ?? '',
      consultPhone: v.guide?.consultPhone ?? '',
      supervisePhone: v.guide?.supervisePhone ?? '',
    },
    materials: (v.materials ?? []).map((m) => ({
      code: m.code,
      name: m.name,
      required: !!m.required,
      originals: m.originals ?? 0,
      copies: m.copies ?? 0,
      issuer: nullable(m.issuer),
      deferrable: !!m.deferrable,
      commitmentReplaceable: !!m.commitmentReplaceable,
      licenseTypeCode: nullable(m.licenseTypeCode),
    })),
    steps: (v.steps ?? []).map((s) => ({ name: s.name, role: s.role, limitDays: s.limitDays ?? 0 })),
  };
}
