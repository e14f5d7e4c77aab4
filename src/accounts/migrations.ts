import type { Kysely } from 'kysely';
import type { Migrations } from '../platform/db/migrate.js';

/** Staff and applicant logins, and the applicants (persons and enterprises) cases belong to. */
export const accountMigrations: Migrations = {
  '1001_accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('applicants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull()) // person | enterprise
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.unique()) // persons: 居民身份证号码
        .addColumn('uscc', 'text', (c) => c.unique()) // enterprises: 统一社会信用代码
        .addColumn('legal_representative', 'text')
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull()) // staff | applicant
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull()) // JSON array
        .addColumn('department_id', 'text')
        .addColumn('hall_id', 'text')
        .addColumn('applicant_id', 'text', (c) => c.references('applicants.id'))
        // for enterprise accounts: who holds it — legal_representative | agent
        .addColumn('holder_role', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('accounts_department').on('accounts').column('department_id').execute();
      await db.schema.createIndex('accounts_hall').on('accounts').column('hall_id').execute();
      await db.schema.createIndex('accounts_applicant').on('accounts').column('applicant_id').execute();
    },
  },
};
