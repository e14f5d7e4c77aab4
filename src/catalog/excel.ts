/**
 * The catalog as an Excel workbook (exceljs), both ways. No database here: the service hands in
 * a snapshot to export, and gets parsed items (or every row error) back from an import.
 *
 * Layout (one header row, Chinese headers; the import also accepts the column keys as headers):
 *  - 事项 (items):      one row per item, keyed by 实施编码 (code)
 *  - 材料 (materials):  one row per material, keyed by item code; order of rows = order of materials
 *  - 环节 (steps):      one row per step, keyed by item code and 序号 (seq)
 *  - 部门 (departments): read-only reference (ignored on import)
 *  - 代码说明 (codes):   read-only legend of the code lists
 * Lists are comma-separated codes; booleans 是/否.
 * Error fields are `<sheet>.<column key>` (items.promisedLimitDays, materials.deferrable, …).
 */
import ExcelJS from 'exceljs';
import { Problem, type FieldError } from '../platform/problem.js';
import { GUIDE_KEYS, GUIDE_LABELS, normalizeItem, validateItem, type KnownCodes } from './model.js';
import {
  CASE_KINDS,
  DELIVERY_MODES,
  EXERCISE_LEVELS,
  HANDLING_FORMS,
  ITEM_TYPES,
  ONLINE_DEPTHS,
  SERVICE_OBJECTS,
  STEP_ROLES,
  TIERS,
  type Guide,
  type MaterialInput,
  type ServiceItemInput,
  type StepInput,
} from './types.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface CatalogSnapshot {
  departments: { code: string; name: string; shortName: string; uscc: string; itemCount: number }[];
  /** current versions, in catalog order (department code, item code); extra fields are ignored */
  items: (ServiceItemInput & { departmentName?: string })[];
}

type Kind = 'text' | 'optText' | 'int' | 'bool' | 'digits2' | 'digits3' | 'digits10' | 'intList' | 'strList' | 'readonly';

interface Col {
  key: string;
  header: string;
  kind: Kind;
  width: number;
}

type SheetId = 'items' | 'materials' | 'steps';

const SHEETS: Record<SheetId | 'departments' | 'codes', { name: string; aliases: string[] }> = {
  items: { name: '事项', aliases: ['事项', 'items', '事项 items'] },
  materials: { name: '材料', aliases: ['材料', 'materials', '材料 materials'] },
  steps: { name: '环节', aliases: ['环节', 'steps', '环节 steps'] },
  departments: { name: '部门', aliases: [] },
  codes: { name: '代码说明', aliases: [] },
};
const SHEET_ZH: Record<SheetId, string> = { items: '事项', materials: '材料', steps: '环节' };
const SHEET_EN: Record<SheetId, string> = { items: 'Items', materials: 'Materials', steps: 'Steps' };

const ITEM_COLS: Col[] = [
  { key: 'code', header: '实施编码', kind: 'text', width: 32 },
  { key: 'baseCode', header: '基本编码', kind: 'digits10', width: 14 },
  { key: 'name', header: '事项名称', kind: 'text', width: 36 },
  { key: 'type', header: '事项类型', kind: 'digits2', width: 10 },
  { key: 'exerciseLevel', header: '行使层级', kind: 'int', width: 10 },
  { key: 'departmentCode', header: '实施部门编码', kind: 'digits3', width: 14 },
  { key: 'departmentName', header: '实施部门（参考）', kind: 'readonly', width: 24 },
  { key: 'legalLimitDays', header: '法定办结时限（工作日）', kind: 'int', width: 12 },
  { key: 'promisedLimitDays', header: '承诺办结时限（工作日）', kind: 'int', width: 12 },
  { key: 'caseKind', header: '办件类型', kind: 'int', width: 10 },
  { key: 'serviceObjects', header: '服务对象', kind: 'intList', width: 12 },
  { key: 'handlingForms', header: '办理形式', kind: 'intList', width: 12 },
  { key: 'visits', header: '到现场次数', kind: 'int', width: 10 },
  { key: 'visitsReason', header: '到现场原因', kind: 'optText', width: 20 },
  { key: 'onlineDepth', header: '网上办理深度', kind: 'int', width: 12 },
  { key: 'feeFen', header: '收费（分）', kind: 'int', width: 10 },
  { key: 'tiers', header: '可办理层级', kind: 'strList', width: 28 },
  { key: 'delivery', header: '送达方式', kind: 'strList', width: 14 },
  { key: 'commitmentAllowed', header: '告知承诺', kind: 'bool', width: 10 },
  { key: 'resultLicenseTypeCode', header: '结果证照类型', kind: 'optText', width: 14 },
  ...GUIDE_KEYS.map((k): Col => ({ key: `guide.${k}`, header: GUIDE_LABELS[k], kind: 'text', width: k.endsWith('Phone') ? 16 : 30 })),
];

const MATERIAL_COLS: Col[] = [
  { key: 'itemCode', header: '实施编码', kind: 'text', width: 32 },
  { key: 'code', header: '材料编码', kind: 'text', width: 10 },
  { key: 'name', header: '材料名称', kind: 'text', width: 36 },
  { key: 'required', header: '是否必需', kind: 'bool', width: 10 },
  { key: 'originals', header: '原件份数', kind: 'int', width: 10 },
  { key: 'copies', header: '复印件份数', kind: 'int', width: 10 },
  { key: 'issuer', header: '出具单位', kind: 'optText', width: 20 },
  { key: 'deferrable', header: '容缺', kind: 'bool', width: 8 },
  { key: 'commitmentReplaceable', header: '可告知承诺替代', kind: 'bool', width: 14 },
  { key: 'licenseTypeCode', header: '可用证照类型', kind: 'optText', width: 14 },
];

const STEP_COLS: Col[] = [
  { key: 'itemCode', header: '实施编码', kind: 'text', width: 32 },
  { key: 'seq', header: '序号', kind: 'int', width: 8 },
  { key: 'name', header: '环节名称', kind: 'text', width: 20 },
  { key: 'role', header: '环节角色', kind: 'text', width: 12 },
  { key: 'limitDays', header: '环节时限（工作日）', kind: 'int', width: 14 },
];

const DEPT_COLS: Col[] = [
  { key: 'code', header: '部门编码', kind: 'readonly', width: 10 },
  { key: 'name', header: '部门名称', kind: 'readonly', width: 30 },
  { key: 'shortName', header: '简称', kind: 'readonly', width: 14 },
  { key: 'uscc', header: '统一社会信用代码', kind: 'readonly', width: 22 },
  { key: 'itemCount', header: '事项数', kind: 'readonly', width: 10 },
];

const COLS: Record<SheetId, Col[]> = { items: ITEM_COLS, materials: MATERIAL_COLS, steps: STEP_COLS };

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

const yesNo = (b: boolean) => (b ? '是' : '否');
const list = (v: readonly (string | number)[]) => v.join(',');

function addSheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: Record<string, unknown>[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return ws;
}

export async function buildWorkbook(s: CatalogSnapshot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OneWindow 一窗通';
  const itemRows: Record<string, unknown>[] = [];
  const materialRows: Record<string, unknown>[] = [];
  const stepRows: Record<string, unknown>[] = [];
  const deptName = new Map(s.departments.map((d) => [d.code, d.name]));
  for (const it of s.items) {
    const row: Record<string, unknown> = {
      code: it.code,
      baseCode: it.baseCode,
      name: it.name,
      type: it.type,
      exerciseLevel: it.exerciseLevel,
      departmentCode: it.departmentCode,
      departmentName: it.departmentName ?? deptName.get(it.departmentCode) ?? '',
      legalLimitDays: it.legalLimitDays,
      promisedLimitDays: it.promisedLimitDays,
      caseKind: it.caseKind,
      serviceObjects: list(it.serviceObjects),
      handlingForms: list(it.handlingForms),
      visits: it.visits,
      visitsReason: it.visitsReason ?? null,
      onlineDepth: it.onlineDepth,
      feeFen: it.feeFen,
      tiers: list(it.tiers),
      delivery: list(it.delivery),
      commitmentAllowed: yesNo(it.commitmentAllowed),
      resultLicenseTypeCode: it.resultLicenseTypeCode ?? null,
    };
    for (const k of GUIDE_KEYS) row[`guide.${k}`] = it.guide[k] ?? '';
    itemRows.push(row);
    for (const m of it.materials) {
      materialRows.push({
        itemCode: it.code,
        code: m.code,
        name: m.name,
        required: yesNo(m.required),
        originals: m.originals,
        copies: m.copies,
        issuer: m.issuer ?? null,
        deferrable: yesNo(m.deferrable),
        commitmentReplaceable: yesNo(m.commitmentReplaceable),
        licenseTypeCode: m.licenseTypeCode ?? null,
      });
    }
    it.steps.forEach((st, k) => stepRows.push({ itemCode: it.code, seq: k + 1, name: st.name, role: st.role, limitDays: st.limitDays }));
  }
  addSheet(wb, SHEETS.items.name, ITEM_COLS, itemRows);
  addSheet(wb, SHEETS.materials.name, MATERIAL_COLS, materialRows);
  addSheet(wb, SHEETS.steps.name, STEP_COLS, stepRows);
  addSheet(wb, SHEETS.departments.name, DEPT_COLS, s.departments as unknown as Record<string, unknown>[]);
  const legend: Record<string, unknown>[] = [];
  const addLegend = (field: string, table: Record<string | number, string>) => {
    for (const [code, label] of Object.entries(table)) legend.push({ field, code, label });
  };
  addLegend('事项类型 type', ITEM_TYPES);
  addLegend('行使层级 exerciseLevel', EXERCISE_LEVELS);
  addLegend('办件类型 caseKind', CASE_KINDS);
  addLegend('服务对象 serviceObjects', SERVICE_OBJECTS);
  addLegend('办理形式 handlingForms', HANDLING_FORMS);
  addLegend('网上办理深度 onlineDepth', ONLINE_DEPTHS);
  addLegend('可办理层级 tiers', TIERS);
  addLegend('送达方式 delivery', DELIVERY_MODES);
  addLegend('环节角色 role', STEP_ROLES);
  addLegend('是/否 booleans', { 是: 'true', 否: 'false' });
  addSheet(
    wb,
    SHEETS.codes.name,
    [
      { key: 'field', header: '字段', kind: 'readonly', width: 28 },
      { key: 'code', header: '代码', kind: 'readonly', width: 12 },
      { key: 'label', header: '含义', kind: 'readonly', width: 24 },
    ],
    legend,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

type Scalar = string | number | boolean | null;
const ERROR_CELL = Symbol('error');

function scalarOf(v: ExcelJS.CellValue): Scalar | typeof ERROR_CELL {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('error' in v) return ERROR_CELL;
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      return r === undefined ? null : scalarOf(r as ExcelJS.CellValue);
    }
    if ('text' in v && typeof (v as ExcelJS.CellHyperlinkValue).text === 'string') return (v as ExcelJS.CellHyperlinkValue).text;
  }
  return ERROR_CELL;
}

const isBlank = (v: Scalar | typeof ERROR_CELL) => v === null || (typeof v === 'string' && v.trim() === '');

interface Parsed {
  ok: boolean;
  value: unknown;
  zh?: string;
  en?: string;
  code?: string;
}

const fail = (code: string, zh: string, en: string, raw: unknown): Parsed => ({ ok: false, value: raw, code, zh, en });

function parseCell(kind: Kind, raw: Scalar | typeof ERROR_CELL): Parsed {
  if (raw === ERROR_CELL) return fail('formula_error', '单元格含有错误值', 'the cell holds an error value', null);
  const s = typeof raw === 'string' ? raw.trim() : raw;
  switch (kind) {
    case 'readonly':
      return { ok: true, value: undefined };
    case 'text':
      if (typeof s === 'boolean') return fail('type', '须为文本', 'must be text', s);
      return { ok: true, value: s === null ? '' : String(s) };
    case 'optText':
      if (typeof s === 'boolean') return fail('type', '须为文本', 'must be text', s);
      return { ok: true, value: s === null || s === '' ? null : String(s) };
    case 'digits2':
    case 'digits3':
    case 'digits10': {
      const n = kind === 'digits2' ? 2 : kind === 'digits3' ? 3 : 10;
      if (typeof s === 'number' && Number.isInteger(s) && s >= 0) return { ok: true, value: String(s).padStart(n, '0') };
      if (typeof s === 'string') return { ok: true, value: s };
      if (s === null) return fail('required', '必填', 'is required', '');
      return fail('type', `须为 ${n} 位数字代码`, `must be a ${n}-digit code`, s);
    }
    case 'int': {
      if (s === null || s === '') return fail('required', '必填', 'is required', null);
      if (typeof s === 'number' && Number.isInteger(s)) return { ok: true, value: s };
      if (typeof s === 'string' && /^-?\d{1,12}$/.test(s)) return { ok: true, value: Number(s) };
      return fail('type', '须为整数', 'must be an integer', s);
    }
    case 'bool': {
      if (s === true || s === '是' || s === 'true' || s === 'TRUE' || s === 'Y') return { ok: true, value: true };
      if (s === false || s === '否' || s === 'false' || s === 'FALSE' || s === 'N') return { ok: true, value: false };
      if (s === null || s === '') return fail('required', '必填（是/否）', 'is required (是/否)', null);
      return fail('type', '须为“是”或“否”', 'must be 是 (yes) or 否 (no)', s);
    }
    case 'intList':
    case 'strList': {
      if (s === null || s === '') return { ok: true, value: [] };
      const parts = String(s).split(/[,，、;；\s]+/).filter(Boolean);
      if (kind === 'strList') return { ok: true, value: parts };
      if (!parts.every((p) => /^\d{1,3}$/.test(p))) return fail('type', '须为逗号分隔的数字代码', 'must be comma-separated numeric codes', s);
      return { ok: true, value: parts.map(Number) };
    }
  }
}

interface Row {
  row: number;
  values: Record<string, unknown>;
}

interface SheetRead {
  rows: Row[];
}

export type ParseResult = { ok: true; items: ServiceItemInput[] } | { ok: false; problem: Problem };

const invalidWorkbook = (en: string, zh: string, errors?: FieldError[]) =>
  new Problem(422, 'invalid_workbook', { zh: `Excel 文件无效：${zh}`, en: `Invalid workbook: ${en}` }, errors ? { errors } : {});

function findSheet(wb: ExcelJS.Workbook, id: SheetId): ExcelJS.Worksheet | undefined {
  const aliases = SHEETS[id].aliases.map((a) => a.toLowerCase());
  return wb.worksheets.find((ws) => aliases.includes(ws.name.trim().toLowerCase()));
}

function cellError(id: SheetId, row: number, col: Col | { key: string; header: string }, code: string, zh: string, en: string): FieldError {
  return {
    row,
    field: `${id}.${col.key}`,
    code,
    zh: `${SHEET_ZH[id]}表第 ${row} 行“${col.header}”：${zh}`,
    en: `${SHEET_EN[id]} row ${row}, column ${col.key}: ${en}`,
  };
}

function readSheet(ws: ExcelJS.Worksheet, id: SheetId, errors: FieldError[]): SheetRead {
  const cols = COLS[id];
  // header row: Chinese header or key → column index
  const at = new Map<string, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, colNumber) => {
    const h = scalarOf(cell.value);
    if (typeof h !== 'string') return;
    const text = h.trim();
    const col = cols.find((c) => c.header === text || c.key === text || `${c.header} ${c.key}` === text);
    if (col && !at.has(col.key)) at.set(col.key, colNumber);
  });
  let missing = false;
  for (const c of cols) {
    if (c.kind !== 'readonly' && !at.has(c.key)) {
      missing = true;
      errors.push(cellError(id, 1, c, 'missing_column', '缺少该列', 'column missing'));
    }
  }
  if (missing) return { rows: [] };
  const rows: Row[] = [];
  const lastRow = ws.actualRowCount > 0 ? ws.rowCount : 0;
  for (let r = 2; r <= lastRow; r++) {
    const row = ws.getRow(r);
    const raw = new Map<string, Scalar | typeof ERROR_CELL>();
    let blank = true;
    for (const c of cols) {
      const idx = at.get(c.key);
      const v = idx === undefined ? null : scalarOf(row.getCell(idx).value);
      raw.set(c.key, v);
      if (c.kind !== 'readonly' && !isBlank(v)) blank = false;
    }
    if (blank) continue;
    const values: Record<string, unknown> = {};
    for (const c of cols) {
      const p = parseCell(c.kind, raw.get(c.key) ?? null);
      values[c.key] = p.value;
      if (!p.ok) errors.push(cellError(id, r, c, p.code!, p.zh!, p.en!));
    }
    rows.push({ row: r, values });
  }
  return { rows };
}

/** Parses the workbook, checks every row and every assembled item; returns items or every error. */
export async function parseWorkbook(file: Buffer, known: KnownCodes): Promise<ParseResult> {
  const wb = new ExcelJS.Workbook();
  try {
    if (!Buffer.isBuffer(file) || file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip');
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problem: invalidWorkbook('the file is not a readable .xlsx workbook', '不是可读取的 .xlsx 工作簿') };
  }
  const errors: FieldError[] = [];
  const sheets = {} as Record<SheetId, SheetRead>;
  for (const id of ['items', 'materials', 'steps'] as SheetId[]) {
    const ws = findSheet(wb, id);
    if (!ws) {
      errors.push({ row: 0, field: id, code: 'missing_sheet', zh: `缺少工作表“${SHEETS[id].name}”`, en: `sheet ${SHEET_EN[id]} (${SHEETS[id].name}) missing` });
      sheets[id] = { rows: [] };
    } else sheets[id] = readSheet(ws, id, errors);
  }
  if (errors.some((e) => e.code === 'missing_sheet' || e.code === 'missing_column')) {
    return { ok: false, problem: invalidWorkbook('sheets or columns missing', '缺少工作表或列', errors) };
  }

  // assemble items
  interface Assembly {
    row: number;
    item: Record<string, unknown>;
    materials: Row[];
    steps: Row[];
  }
  const byCode = new Map<string, Assembly>();
  const order: Assembly[] = [];
  for (const r of sheets.items.rows) {
    const v = r.values;
    const code = typeof v.code === 'string' ? v.code.trim() : '';
    if (code && byCode.has(code)) {
      errors.push(cellError('items', r.row, ITEM_COLS[0], 'duplicate', `实施编码 ${code} 重复（已见于第 ${byCode.get(code)!.row} 行）`, `duplicate item code ${code} (first on row ${byCode.get(code)!.row})`));
      continue;
    }
    const guide = Object.fromEntries(GUIDE_KEYS.map((k) => [k, v[`guide.${k}`]])) as unknown as Guide;
    const item: Record<string, unknown> = {
      code,
      baseCode: v.baseCode,
      name: v.name,
      type: v.type,
      exerciseLevel: v.exerciseLevel,
      departmentCode: v.departmentCode,
      legalLimitDays: v.legalLimitDays,
      promisedLimitDays: v.promisedLimitDays,
      caseKind: v.caseKind,
      serviceObjects: v.serviceObjects,
      handlingForms: v.handlingForms,
      visits: v.visits,
      visitsReason: v.visitsReason,
      onlineDepth: v.onlineDepth,
      feeFen: v.feeFen,
      tiers: v.tiers,
      delivery: v.delivery,
      commitmentAllowed: v.commitmentAllowed,
      resultLicenseTypeCode: v.resultLicenseTypeCode,
      guide,
    };
    const a: Assembly = { row: r.row, item, materials: [], steps: [] };
    if (code) byCode.set(code, a);
    order.push(a);
  }
  for (const id of ['materials', 'steps'] as const) {
    for (const r of sheets[id].rows) {
      const code = typeof r.values.itemCode === 'string' ? r.values.itemCode.trim() : '';
      const a = byCode.get(code);
      if (!a) {
        errors.push(cellError(id, r.row, COLS[id][0], 'unknown_item', `事项表中没有实施编码 ${code || '（空）'}`, `no item ${code || '(empty)'} on the Items sheet`));
      } else a[id].push(r);
    }
  }
  const items: ServiceItemInput[] = [];
  for (const a of order) {
    a.steps.sort((x, y) => Number(x.values.seq) - Number(y.values.seq));
    const seqs = new Set<unknown>();
    for (const s of a.steps) {
      if (seqs.has(s.values.seq)) errors.push(cellError('steps', s.row, STEP_COLS[1], 'duplicate', '同一事项的环节序号重复', 'duplicate step number for this item'));
      seqs.add(s.values.seq);
    }
    const materials = a.materials.map(
      (m): MaterialInput => ({
        code: m.values.code as string,
        name: m.values.name as string,
        required: m.values.required as boolean,
        originals: m.values.originals as number,
        copies: m.values.copies as number,
        issuer: m.values.issuer as string | null,
        deferrable: m.values.deferrable as boolean,
        commitmentReplaceable: m.values.commitmentReplaceable as boolean,
        licenseTypeCode: m.values.licenseTypeCode as string | null,
      }),
    );
    const steps = a.steps.map(
      (s): StepInput => ({ name: s.values.name as string, role: s.values.role as StepInput['role'], limitDays: s.values.limitDays as number }),
    );
    const item = normalizeItem({ ...a.item, materials, steps } as unknown as ServiceItemInput);
    items.push(item);
    for (const e of validateItem(item, known)) errors.push(locate(e, a));
  }
  if (errors.length) return { ok: false, problem: workbookRefused(dedupe(errors)) };
  return { ok: true, items };
}

/** Maps an item-level field error (materials.2.deferrable, steps, guide.hours, …) to its sheet, row and column. */
function locate(e: FieldError, a: { row: number; materials: Row[]; steps: Row[] }): FieldError {
  const parts = e.field.split('.');
  const head = parts[0];
  if ((head === 'materials' || head === 'steps') && parts.length >= 2 && /^\d+$/.test(parts[1])) {
    const id = head as 'materials' | 'steps';
    const row = a[id][Number(parts[1])];
    const col = COLS[id].find((c) => c.key === parts[2]) ?? COLS[id][0];
    return cellError(id, row?.row ?? a.row, col, e.code, e.zh, e.en);
  }
  // list-level rules show on the item row: the step-limit sum against the promised limit, the material count against the code
  const key = head === 'steps' ? 'promisedLimitDays' : head === 'materials' ? 'code' : head === 'guide' ? e.field : head;
  const col = ITEM_COLS.find((c) => c.key === key) ?? { key, header: key };
  return cellError('items', a.row, col, e.code, e.zh, e.en);
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.row}|${e.field}|${e.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function workbookRefused(errors: FieldError[]): Problem {
  errors.sort((x, y) => sheetRank(x.field) - sheetRank(y.field) || (x.row ?? 0) - (y.row ?? 0));
  const rows = new Set(errors.map((e) => `${e.field.split('.')[0]}:${e.row}`)).size;
  const first = errors[0];
  return new Problem(
    422,
    'import_rows_invalid',
    {
      zh: `导入被拒绝：${rows} 行有误（共 ${errors.length} 处），未导入任何内容。首个错误：${first?.zh ?? ''}`,
      en: `Import refused: ${rows} bad rows (${errors.length} errors); nothing was imported. First: ${first?.en ?? ''}`,
    },
    { field: first?.field, errors },
  );
}

const sheetRank = (field: string) => ['items', 'materials', 'steps'].indexOf(field.split('.')[0]);
