import type { Kysely } from 'kysely';
import type { Migrations } from '../platform/db/migrate.js';

/**
 * The catalog's tables (portable types only: text, integer; JSON as text; booleans 0/1).
 *
 * - departments: the organs whose items the centre accepts.
 * - license_types: 证照类型, referred to by materials and item results.
 * - items: one row per item code (实施编码) holding the current version number and the columns
 *   lists and search need; item_versions: every version's full body (ServiceItemInput JSON).
 * - catalog_revision: one row, bumped by every catalog write, so each process can tell with one
 *   tiny query whether its in-memory search index is still current.
 */
export const catalogMigrations: Migrations = {
  '2001_catalog': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('departments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text', (c) => c.notNull())
        .addColumn('uscc', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('license_types')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('validity_years', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('base_code', 'text', (c) => c.notNull())
        .addColumn('current_version', 'integer', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('case_kind', 'integer', (c) => c.notNull())
        .addColumn('commitment_allowed', 'integer', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('items_department').on('items').columns(['department_id', 'code']).execute();
      await db.schema.createIndex('items_base_code').on('items').column('base_code').execute();

      await db.schema
        .createTable('item_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addUniqueConstraint('item_versions_code_version', ['item_code', 'version'])
        .execute();

      await db.schema
        .createTable('catalog_revision')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text')
        .execute();
      await db.insertInto('catalog_revision' as never).values({ id: 1, revision: 0, updated_at: null } as never).execute();
    },
  },
};
