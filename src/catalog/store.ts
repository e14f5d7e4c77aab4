/** The catalog's tables as Kysely queries. Only this module touches them. */
import { sql } from 'kysely';
import { tables, type AnyDb, type Executor } from '../platform/db/database.js';

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  short_name: string;
  uscc: string;
  created_at: string;
  updated_at: string;
}

export interface LicenseTypeRow {
  code: string;
  name: string;
  department_code: string;
  /** JSON: {key,label}[] */
  fields: string;
  validity_years: number | null;
  created_at: string;
  updated_at: string;
}

export interface ItemRow {
  id: string;
  code: string;
  base_code: string;
  current_version: number;
  department_id: string;
  name: string;
  type: string;
  case_kind: number;
  commitment_allowed: number;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface ItemVersionRow {
  id: string;
  item_code: string;
  version: number;
  /** JSON: ServiceItemInput (normalised) */
  body: string;
  digest: string;
  created_at: string;
  created_by: string | null;
}

export interface CatalogTables {
  departments: DepartmentRow;
  license_types: LicenseTypeRow;
  items: ItemRow;
  item_versions: ItemVersionRow;
  catalog_revision: { id: number; revision: number; updated_at: string | null };
}

type Ex = AnyDb | Executor<unknown>;
const t = (db: Ex) => tables<CatalogTables>(db);

/** Rows per multi-row INSERT: well below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;
async function insertChunked<K extends keyof CatalogTables>(db: Ex, table: K, rows: CatalogTables[K][]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await t(db).insertInto(table).values(rows.slice(i, i + CHUNK) as any).execute();
  }
}

// --- revision ---

export async function readRevision(db: Ex): Promise<number> {
  const r = await t(db).selectFrom('catalog_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(r?.revision ?? 0);
}

/**
 * Serialises catalog writers: a no-op update of the revision row takes its row lock (PostgreSQL);
 * SQLite writers are already serialised by BEGIN IMMEDIATE. Later reads in the transaction then
 * see every write committed before it, so versions never collide.
 */
export async function lockCatalog(db: Ex): Promise<void> {
  await t(db).updateTable('catalog_revision').set({ revision: sql`revision` }).where('id', '=', 1).execute();
}

export async function bumpRevision(db: Ex, now: string): Promise<void> {
  await t(db).updateTable('catalog_revision').set({ revision: sql`revision + 1`, updated_at: now }).where('id', '=', 1).execute();
}

// --- departments ---

export const listDepartmentRows = (db: Ex) => t(db).selectFrom('departments').selectAll().orderBy('code').execute();

export const departmentByCode = (db: Ex, code: string) =>
  t(db).selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst();

export const departmentById = (db: Ex, id: string) =>
  t(db).selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();

export const insertDepartments = (db: Ex, rows: DepartmentRow[]) => insertChunked(db, 'departments', rows);

export async function updateDepartment(db: Ex, row: DepartmentRow) {
  await t(db)
    .updateTable('departments')
    .set({ name: row.name, short_name: row.short_name, uscc: row.uscc, updated_at: row.updated_at })
    .where('id', '=', row.id)
    .execute();
}

// --- licence types ---

export const listLicenseTypeRows = (db: Ex) => t(db).selectFrom('license_types').selectAll().orderBy('code').execute();

export const insertLicenseTypes = (db: Ex, rows: LicenseTypeRow[]) => insertChunked(db, 'license_types', rows);

export async function updateLicenseType(db: Ex, row: LicenseTypeRow) {
  await t(db)
    .updateTable('license_types')
    .set({
      name: row.name,
      department_code: row.department_code,
      fields: row.fields,
      validity_years: row.validity_years,
      updated_at: row.updated_at,
    })
    .where('code', '=', row.code)
    .execute();
}

// --- items ---

export interface CurrentItemRow {
  code: string;
  current_version: number;
  department_id: string;
  updated_at: string;
  body: string;
  digest: string;
}

function currentQuery(db: Ex) {
  return t(db)
    .selectFrom('items')
    .innerJoin('item_versions', (j) =>
      j.onRef('item_versions.item_code', '=', 'items.code').onRef('item_versions.version', '=', 'items.current_version'),
    )
    .select([
      'items.code',
      'items.current_version',
      'items.department_id',
      'items.updated_at',
      'item_versions.body',
      'item_versions.digest',
    ]);
}

/** Every item's current version (the search index loads these). */
export const listCurrentItems = (db: Ex): Promise<CurrentItemRow[]> => currentQuery(db).orderBy('items.code').execute();

export async function currentItems(db: Ex, codes: string[]): Promise<CurrentItemRow[]> {
  const out: CurrentItemRow[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    out.push(...(await currentQuery(db).where('items.code', 'in', codes.slice(i, i + 500)).execute()));
  }
  return out;
}

export const currentItem = (db: Ex, code: string): Promise<CurrentItemRow | undefined> =>
  currentQuery(db).where('items.code', '=', code).executeTakeFirst();

export const itemRow = (db: Ex, code: string) => t(db).selectFrom('items').selectAll().where('code', '=', code).executeTakeFirst();

export const insertItems = (db: Ex, rows: ItemRow[]) => insertChunked(db, 'items', rows);

export const insertVersions = (db: Ex, rows: ItemVersionRow[]) => insertChunked(db, 'item_versions', rows);

export async function updateItemHead(db: Ex, row: Omit<ItemRow, 'id' | 'created_at'>) {
  const { code, ...rest } = row;
  await t(db).updateTable('items').set(rest).where('code', '=', code).execute();
}

export const itemVersion = (db: Ex, code: string, version: number) =>
  t(db).selectFrom('item_versions').selectAll().where('item_code', '=', code).where('version', '=', version).executeTakeFirst();

export const itemVersions = (db: Ex, code: string) =>
  t(db)
    .selectFrom('item_versions')
    .select(['version', 'created_at', 'created_by', 'digest'])
    .where('item_code', '=', code)
    .orderBy('version')
    .execute();
