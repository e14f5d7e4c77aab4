import type { Kysely } from 'kysely';
import type { Migrations } from '../platform/db/migrate.js';

/**
 * The licence module's tables (portable types only: text, integer; JSON as text; ids UUIDv7;
 * instants ISO-8601 UTC; dates YYYY-MM-DD).
 *
 * - licenses: one row per licence VERSION (renewal 延续 and change 变更 make a new row whose
 *   previous_id points at the old one; the old row gets superseded_by).
 * - license_serials: the last serial number taken per (type code, issuer code).
 * - license_operations: the operations log (01 新发, 02 延续, 03 暂扣, 04 过期, 05 注销/撤销/吊销,
 *   06 暂扣发还, 08 变更), append-only.
 * - license_keys + license_key_state: Ed25519 signing keys (private key AES-256-GCM encrypted),
 *   and the one row naming the active key (updating it serialises first-use generation/rotation).
 * - license_verifications: every verification (and every grant use), for the holder to see.
 * - license_grants: 用证授权 to an organisation; only a hash of the secret is stored.
 * - license_scenarios: 应用场景清单.
 */
export const licenseMigrations: Migrations = {
  '4001_licenses': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('licenses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identifier', 'text', (c) => c.notNull().unique())
        .addColumn('type_code', 'text', (c) => c.notNull())
        .addColumn('type_name', 'text', (c) => c.notNull())
        .addColumn('issuer_code', 'text', (c) => c.notNull())
        .addColumn('issuer_name', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text') // issuing department (catalog), null for imports from outside
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('holder_applicant_id', 'text', (c) => c.notNull())
        .addColumn('holder_kind', 'text', (c) => c.notNull()) // person | enterprise
        .addColumn('holder_code', 'text', (c) => c.notNull()) // 身份证号码 / USCC
        .addColumn('holder_name', 'text', (c) => c.notNull())
        .addColumn('claims', 'text', (c) => c.notNull()) // JSON object: the type's fields
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text') // null = 长期
        .addColumn('status', 'text', (c) => c.notNull()) // valid | suspended | revoked | expired
        .addColumn('status_reason', 'text')
        .addColumn('source', 'text', (c) => c.notNull()) // issued | imported
        .addColumn('case_no', 'text')
        .addColumn('credential', 'text', (c) => c.notNull()) // SD-JWT VC compact serialisation
        .addColumn('credential_digest', 'text', (c) => c.notNull().unique()) // sha-256 of the issuer-signed JWT
        .addColumn('kid', 'text', (c) => c.notNull())
        .addColumn('previous_id', 'text')
        .addColumn('superseded_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('licenses_holder').on('licenses').columns(['holder_applicant_id', 'type_code']).execute();
      await db.schema.createIndex('licenses_type').on('licenses').columns(['type_code', 'issued_on']).execute();
      await db.schema.createIndex('licenses_department').on('licenses').columns(['department_code', 'issued_on']).execute();
      await db.schema.createIndex('licenses_case').on('licenses').column('case_no').execute();

      await db.schema
        .createTable('license_serials')
        .addColumn('type_code', 'text', (c) => c.notNull())
        .addColumn('issuer_code', 'text', (c) => c.notNull())
        .addColumn('last_serial', 'integer', (c) => c.notNull()) // the last serial taken
        .addPrimaryKeyConstraint('license_serials_pk', ['type_code', 'issuer_code'])
        .execute();

      await db.schema
        .createTable('license_operations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('license_id', 'text', (c) => c.notNull())
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull()) // 01 02 03 04 05 06 08
        .addColumn('operation', 'text', (c) => c.notNull()) // issue renew suspend expire revoke reinstate change import
        .addColumn('reason', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('detail', 'text') // JSON
        .execute();
      await db.schema.createIndex('license_operations_license').on('license_operations').columns(['license_id', 'at']).execute();
      await db.schema.createIndex('license_operations_identifier').on('license_operations').column('identifier').execute();

      await db.schema
        .createTable('license_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('alg', 'text', (c) => c.notNull()) // EdDSA (Ed25519)
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('private_enc', 'text', (c) => c.notNull()) // v1.<iv>.<tag>.<ciphertext>, base64url, AES-256-GCM under the KEK
        .addColumn('kek_id', 'text', (c) => c.notNull()) // first 16 hex of sha-256(KEK): which KEK encrypted it
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addColumn('destroyed_at', 'text')
        .execute();
      await db.schema
        .createTable('license_key_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('active_kid', 'text')
        .addColumn('updated_at', 'text')
        .execute();
      await db.insertInto('license_key_state' as never).values({ id: 1, active_kid: null, updated_at: null } as never).execute();

      await db.schema
        .createTable('license_verifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('license_id', 'text')
        .addColumn('identifier', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull()) // token | qr | identifier | grant
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('audience', 'text')
        .addColumn('disclosed', 'text') // JSON array of the disclosed field keys
        .addColumn('grant_id', 'text')
        .addColumn('org_uscc', 'text')
        .execute();
      await db.schema.createIndex('license_verifications_license').on('license_verifications').columns(['license_id', 'at']).execute();

      await db.schema
        .createTable('license_grants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('license_id', 'text', (c) => c.notNull())
        .addColumn('holder_applicant_id', 'text', (c) => c.notNull())
        .addColumn('org_uscc', 'text', (c) => c.notNull())
        .addColumn('org_name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull()) // JSON array of field keys the organisation may see
        .addColumn('valid_until', 'text', (c) => c.notNull()) // YYYY-MM-DD, inclusive
        .addColumn('secret_hash', 'text', (c) => c.notNull()) // sha-256 hex of the bearer secret
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('use_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('license_grants_license').on('license_grants').column('license_id').execute();
      await db.schema.createIndex('license_grants_holder').on('license_grants').column('holder_applicant_id').execute();

      await db.schema
        .createTable('license_scenarios')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('license_type_codes', 'text', (c) => c.notNull()) // JSON array
        .addColumn('fields', 'text', (c) => c.notNull()) // JSON array of field keys a verifier there needs
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
