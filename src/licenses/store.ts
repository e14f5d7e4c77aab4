/** The licence module's tables as Kysely queries. Only this module touches them. */
import { CompiledQuery, sql, type SqlBool } from 'kysely';
import { tables, type DialectName, type Executor } from '../platform/db/database.js';
import { insertRows } from '../platform/db/insert.js';
import type { LicenseStatus } from './model.js';

export interface LicenseRow {
  id: string;
  identifier: string;
  type_code: string;
  type_name: string;
  issuer_code: string;
  issuer_name: string;
  department_code: string | null;
  serial: string;
  version: number;
  holder_applicant_id: string;
  holder_kind: 'person' | 'enterprise';
  holder_code: string;
  holder_name: string;
  /** JSON object */
  claims: string;
  issued_on: string;
  valid_from: string;
  valid_until: string | null;
  status: LicenseStatus;
  status_reason: string | null;
  source: 'issued' | 'imported';
  case_no: string | null;
  credential: string;
  credential_digest: string;
  kid: string;
  previous_id: string | null;
  superseded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OperationRow {
  id: string;
  license_id: string;
  identifier: string;
  code: string;
  operation: string;
  reason: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
  detail: string | null;
}

export interface KeyRow {
  kid: string;
  alg: string;
  public_jwk: string;
  private_enc: string;
  kek_id: string;
  created_at: string;
  retired_at: string | null;
  destroyed_at: string | null;
}

export interface VerificationRow {
  id: string;
  license_id: string | null;
  identifier: string | null;
  at: string;
  channel: 'token' | 'qr' | 'identifier' | 'grant';
  result: string;
  ip: string | null;
  audience: string | null;
  disclosed: string | null;
  grant_id: string | null;
  org_uscc: string | null;
}

export interface GrantRow {
  id: string;
  license_id: string;
  holder_applicant_id: string;
  org_uscc: string;
  org_name: string;
  purpose: string;
  fields: string;
  valid_until: string;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
  use_count: number;
  last_used_at: string | null;
}

export interface ScenarioRow {
  id: string;
  name: string;
  description: string;
  license_type_codes: string;
  fields: string;
  sort: number;
  created_at: string;
  updated_at: string;
}

export interface LicenseTables {
  licenses: LicenseRow;
  license_serials: { type_code: string; issuer_code: string; last_serial: number };
  license_operations: OperationRow;
  license_keys: KeyRow;
  license_key_state: { id: number; active_kid: string | null; updated_at: string | null };
  license_verifications: VerificationRow;
  license_grants: GrantRow;
  license_scenarios: ScenarioRow;
}

const t = (db: Executor<unknown>) => tables<LicenseTables>(db);

// ---------------------------------------------------------------------------------------------
// Licences
// ---------------------------------------------------------------------------------------------

export const findLicense = (db: Executor<unknown>, id: string) =>
  t(db).selectFrom('licenses').selectAll().where('id', '=', id).executeTakeFirst();

export const findByIdentifier = (db: Executor<unknown>, identifier: string) =>
  t(db).selectFrom('licenses').selectAll().where('identifier', '=', identifier).executeTakeFirst();

/** The hot path of verification: only what a verdict needs, by the issuer JWT's digest. */
export const findForVerify = (db: Executor<unknown>, digest: string) =>
  t(db)
    .selectFrom('licenses')
    .select(['id', 'identifier', 'type_code', 'type_name', 'issuer_name', 'status', 'valid_from', 'valid_until', 'superseded_by', 'holder_applicant_id'])
    .where('credential_digest', '=', digest)
    .executeTakeFirst();

export type VerifyRow = Pick<
  LicenseRow,
  'id' | 'identifier' | 'type_code' | 'type_name' | 'issuer_name' | 'status' | 'valid_from' | 'valid_until' | 'superseded_by' | 'holder_applicant_id'
>;

/**
 * The same as findForVerify, as a precompiled statement (the verification hot path: skips
 * Kysely's per-call query building; SQLite reuses the prepared statement by its text).
 */
export async function findForVerifyFast(db: Executor<unknown>, dialect: DialectName, digest: string): Promise<VerifyRow | undefined> {
  const q = CompiledQuery.raw(
    'select id, identifier, type_code, type_name, issuer_name, status, valid_from, valid_until, superseded_by, holder_applicant_id ' +
      `from licenses where credential_digest = ${dialect === 'postgres' ? '$1' : '?'}`,
    [digest],
  );
  return (await db.executeQuery<VerifyRow>(q)).rows[0];
}

export async function insertLicense(db: Executor<unknown>, row: LicenseRow) {
  await t(db).insertInto('licenses').values(row).execute();
}

export async function updateLicense(db: Executor<unknown>, id: string, patch: Partial<LicenseRow>) {
  await t(db).updateTable('licenses').set(patch).where('id', '=', id).execute();
}

/** Updates only if the row still has `expectedStatus` and no newer version (optimistic); false when stale. */
export async function updateLicenseIf(db: Executor<unknown>, id: string, expectedStatus: LicenseStatus, patch: Partial<LicenseRow>): Promise<boolean> {
  const r = await t(db)
    .updateTable('licenses')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', expectedStatus)
    .where('superseded_by', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Takes the next serial for (type, issuer): one upsert, so concurrent issuers queue on the row. */
export async function nextSerial(db: Executor<unknown>, typeCode: string, issuerCode: string): Promise<number> {
  const row = await t(db)
    .insertInto('license_serials')
    .values({ type_code: typeCode, issuer_code: issuerCode, last_serial: 1 })
    .onConflict((oc) => oc.columns(['type_code', 'issuer_code']).doUpdateSet({ last_serial: sql`license_serials.last_serial + 1` }))
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return Number(row.last_serial);
}

/** Raises the counter to an imported serial so issued ones never collide with it. */
export async function reserveSerial(db: Executor<unknown>, typeCode: string, issuerCode: string, serial: number) {
  await t(db)
    .insertInto('license_serials')
    .values({ type_code: typeCode, issuer_code: issuerCode, last_serial: serial })
    .onConflict((oc) =>
      oc.columns(['type_code', 'issuer_code']).doUpdateSet({
        last_serial: sql`case when license_serials.last_serial > ${serial} then license_serials.last_serial else ${serial} end`,
      }),
    )
    .execute();
}

export type LicenseScope = { kind: 'all' } | { kind: 'department'; departmentCode: string } | { kind: 'holder'; applicantId: string } | null;

export interface ListQuery {
  typeCode?: string;
  status?: LicenseStatus;
  q?: string;
  holderApplicantId?: string;
  includeSuperseded?: boolean;
  limit: number;
  offset: number;
  today: string;
}

export type LicenseListRow = Omit<LicenseRow, 'credential' | 'claims' | 'credential_digest'>;

const LIST_COLUMNS = [
  'id', 'identifier', 'type_code', 'type_name', 'issuer_code', 'issuer_name', 'department_code', 'serial', 'version',
  'holder_applicant_id', 'holder_kind', 'holder_code', 'holder_name', 'issued_on', 'valid_from', 'valid_until', 'status',
  'status_reason', 'source', 'case_no', 'kid', 'previous_id', 'superseded_by', 'created_at', 'updated_at',
] as const;

/** Lists licences in the actor's scope (filtered in SQL); status filters use the status as of `today`. */
export async function listLicenses(db: Executor<unknown>, scope: LicenseScope, q: ListQuery): Promise<{ total: number; rows: LicenseListRow[] }> {
  if (!scope) return { total: 0, rows: [] };
  let base = t(db).selectFrom('licenses');
  if (scope.kind === 'department') base = base.where('department_code', '=', scope.departmentCode);
  if (scope.kind === 'holder') base = base.where('holder_applicant_id', '=', scope.applicantId);
  if (q.holderApplicantId) base = base.where('holder_applicant_id', '=', q.holderApplicantId);
  if (q.typeCode) base = base.where('type_code', '=', q.typeCode);
  if (!q.includeSuperseded && q.status !== 'superseded') base = base.where('superseded_by', 'is', null);
  if (q.status) {
    const today = q.today;
    switch (q.status) {
      case 'expired':
        base = base.where((eb) =>
          eb.or([
            eb('status', '=', 'expired'),
            eb.and([eb('status', 'in', ['valid', 'suspended']), eb('valid_until', 'is not', null), eb('valid_until', '<', today)]),
          ]),
        );
        break;
      case 'valid':
      case 'suspended':
        base = base
          .where('status', '=', q.status)
          .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]));
        break;
      case 'superseded':
        base = base.where('superseded_by', 'is not', null);
        break;
      default:
        base = base.where('status', '=', q.status);
    }
  }
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        // SQLite has no default escape character: say it, or "\_" would be two characters
        sql<SqlBool>`${eb.ref('holder_name')} like ${like} escape '\\'`,
        eb('identifier', '=', q.q!.toUpperCase()),
        eb('holder_code', '=', q.q!.toUpperCase()),
        eb('case_no', '=', q.q!),
      ]),
    );
  }
  const [{ n }] = await base.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const rows = await base.select([...LIST_COLUMNS]).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  return { total: Number(n), rows: rows as LicenseListRow[] };
}

/** Candidates for intake reuse: current versions of these types held by the applicant. */
export const currentOfTypes = (db: Executor<unknown>, applicantId: string, typeCodes: string[]) =>
  t(db)
    .selectFrom('licenses')
    .select(['id', 'identifier', 'type_code', 'type_name', 'status', 'valid_from', 'valid_until', 'superseded_by', 'issued_on', 'created_at'])
    .where('holder_applicant_id', '=', applicantId)
    .where('type_code', 'in', typeCodes)
    .where('superseded_by', 'is', null)
    .orderBy('issued_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();

/** Licences still stored valid/suspended whose last day is before `today` (for the 04 sweep). */
export const dueToExpire = (db: Executor<unknown>, today: string, limit: number) =>
  t(db)
    .selectFrom('licenses')
    .selectAll()
    .where('status', 'in', ['valid', 'suspended'])
    .where('superseded_by', 'is', null)
    .where('valid_until', 'is not', null)
    .where('valid_until', '<', today)
    .limit(limit)
    .execute();

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

export async function insertOperation(db: Executor<unknown>, row: OperationRow) {
  await t(db).insertInto('license_operations').values(row).execute();
}

export const operationsOf = (db: Executor<unknown>, licenseIds: string[]) =>
  licenseIds.length === 0
    ? Promise.resolve([] as OperationRow[])
    : t(db).selectFrom('license_operations').selectAll().where('license_id', 'in', licenseIds).orderBy('at').orderBy('id').execute();

/** The version chain, oldest first, by following previous_id. */
export async function chainOf(db: Executor<unknown>, row: LicenseRow): Promise<LicenseRow[]> {
  const out: LicenseRow[] = [row];
  let cur = row;
  while (cur.previous_id && out.length < 1000) {
    const prev = await findLicense(db, cur.previous_id);
    if (!prev) break;
    out.unshift(prev);
    cur = prev;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

/** Locks the key state row (PostgreSQL row lock / SQLite write lock) and reads it. */
export async function lockKeyState(db: Executor<unknown>) {
  await t(db).updateTable('license_key_state').set({ id: 1 }).where('id', '=', 1).execute();
  return t(db).selectFrom('license_key_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

export const activeKid = async (db: Executor<unknown>) =>
  (await t(db).selectFrom('license_key_state').select('active_kid').where('id', '=', 1).executeTakeFirst())?.active_kid ?? null;

export async function setActiveKid(db: Executor<unknown>, kid: string, now: string) {
  await t(db).updateTable('license_key_state').set({ active_kid: kid, updated_at: now }).where('id', '=', 1).execute();
}

export async function insertKey(db: Executor<unknown>, row: KeyRow) {
  await t(db).insertInto('license_keys').values(row).execute();
}

export async function retireKey(db: Executor<unknown>, kid: string, now: string) {
  await t(db).updateTable('license_keys').set({ retired_at: now }).where('kid', '=', kid).where('retired_at', 'is', null).execute();
}

export const findKey = (db: Executor<unknown>, kid: string) =>
  t(db).selectFrom('license_keys').selectAll().where('kid', '=', kid).executeTakeFirst();

export const publicKeys = (db: Executor<unknown>) =>
  t(db)
    .selectFrom('license_keys')
    .select(['kid', 'alg', 'public_jwk', 'created_at', 'retired_at', 'destroyed_at'])
    .orderBy('created_at')
    .execute();

// ---------------------------------------------------------------------------------------------
// Verifications
// ---------------------------------------------------------------------------------------------

export async function insertVerification(db: Executor<unknown>, row: VerificationRow) {
  await t(db).insertInto('license_verifications').values(row).execute();
}

/** Many verification records in one statement (the buffered log writer). */
/** A batch of log records: one transaction, 200 rows a statement. */
export async function insertVerifications(db: Executor<unknown>, rows: VerificationRow[]) {
  const write = async (tx: Executor<unknown>) => {
    for (let i = 0; i < rows.length; i += 200) await insertRows(t(tx), 'license_verifications', rows.slice(i, i + 200));
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export const verificationsOf = (db: Executor<unknown>, licenseIds: string[], limit: number) =>
  t(db)
    .selectFrom('license_verifications')
    .selectAll()
    .where('license_id', 'in', licenseIds)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

// ---------------------------------------------------------------------------------------------
// Grants
// ---------------------------------------------------------------------------------------------

export async function insertGrant(db: Executor<unknown>, row: GrantRow) {
  await t(db).insertInto('license_grants').values(row).execute();
}

export const findGrant = (db: Executor<unknown>, id: string) =>
  t(db).selectFrom('license_grants').selectAll().where('id', '=', id).executeTakeFirst();

export const grantsOf = (db: Executor<unknown>, licenseId: string) =>
  t(db).selectFrom('license_grants').selectAll().where('license_id', '=', licenseId).orderBy('created_at', 'desc').execute();

export async function updateGrant(db: Executor<unknown>, id: string, patch: Partial<GrantRow>) {
  await t(db).updateTable('license_grants').set(patch).where('id', '=', id).execute();
}

export async function countGrantUse(db: Executor<unknown>, id: string, now: string) {
  await t(db)
    .updateTable('license_grants')
    .set({ use_count: sql`use_count + 1`, last_used_at: now })
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

export const listScenarios = (db: Executor<unknown>) =>
  t(db).selectFrom('license_scenarios').selectAll().orderBy('sort').orderBy('created_at').execute();

export const findScenario = (db: Executor<unknown>, id: string) =>
  t(db).selectFrom('license_scenarios').selectAll().where('id', '=', id).executeTakeFirst();

export const findScenarioByName = (db: Executor<unknown>, name: string) =>
  t(db).selectFrom('license_scenarios').selectAll().where('name', '=', name).executeTakeFirst();

export async function insertScenario(db: Executor<unknown>, row: ScenarioRow) {
  await t(db).insertInto('license_scenarios').values(row).execute();
}

export async function updateScenario(db: Executor<unknown>, id: string, patch: Partial<ScenarioRow>) {
  await t(db).updateTable('license_scenarios').set(patch).where('id', '=', id).execute();
}

export async function deleteScenario(db: Executor<unknown>, id: string) {
  await t(db).deleteFrom('license_scenarios').where('id', '=', id).execute();
}
