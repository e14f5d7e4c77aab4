import type { MessageKey } from '../i18n/translate.js';

/** The importer names a cell as "<sheet>.<column key>": readable names for the report. */
const SHEETS: Record<string, MessageKey> = { items: 'import.sheet.items', materials: 'import.sheet.materials', steps: 'import.sheet.steps' };

const ITEM_COLUMNS: Record<string, MessageKey> = {
  code: 'guide.code',
  baseCode: 'guide.baseCode',
  name: 'guide.name',
  type: 'guide.type',
  exerciseLevel: 'guide.level',
  departmentCode: 'guide.department',
  departmentName: 'guide.department',
  legalLimitDays: 'guide.legalLimit',
  promisedLimitDays: 'guide.promisedLimit',
  caseKind: 'guide.caseKind',
  serviceObjects: 'guide.serviceObjects',
  handlingForms: 'guide.handlingForms',
  visits: 'guide.visits',
  visitsReason: 'guide.visitsReason',
  onlineDepth: 'guide.onlineDepth',
  feeFen: 'guide.fee',
  tiers: 'guide.tiers',
  delivery: 'guide.delivery',
  commitmentAllowed: 'guide.commitment',
  resultLicenseTypeCode: 'guide.result',
  'guide.conditions': 'guide.conditions',
  'guide.process': 'guide.process',
  'guide.legalBasis': 'guide.legalBasis',
  'guide.location': 'guide.location',
  'guide.hours': 'guide.hours',
  'guide.consultPhone': 'guide.consultPhone',
  'guide.supervisePhone': 'guide.supervisePhone',
};
const MATERIAL_COLUMNS: Record<string, MessageKey> = {
  itemCode: 'guide.code',
  code: 'mat.code',
  name: 'mat.name',
  required: 'mat.required',
  originals: 'mat.originals',
  copies: 'mat.copies',
  issuer: 'mat.issuer',
  deferrable: 'mat.deferrable',
  commitmentReplaceable: 'mat.commitment',
  licenseTypeCode: 'mat.licenseType',
};
const STEP_COLUMNS: Record<string, MessageKey> = { itemCode: 'guide.code', name: 'step.name', role: 'step.role', limitDays: 'step.limitDays' };
const COLUMNS: Record<string, Record<string, MessageKey>> = { items: ITEM_COLUMNS, materials: MATERIAL_COLUMNS, steps: STEP_COLUMNS };

/** "items.promisedLimitDays" → sheet and column message keys (undefined where unknown: show the raw text). */
export function cellLabels(field: string): { sheet: string; column: string; sheetKey?: MessageKey; columnKey?: MessageKey } {
  const dot = field.indexOf('.');
  const sheet = dot < 0 ? '' : field.slice(0, dot);
  const column = dot < 0 ? field : field.slice(dot + 1);
  return { sheet, column, sheetKey: SHEETS[sheet], columnKey: COLUMNS[sheet]?.[column] };
}
