import type { Kysely } from 'kysely';
import type { Migrations } from '../db/migrate.js';

/**
 * Stored files (content-addressed: the bytes live under `<dataDir>/files/ab/cd/<sha256>`), and
 * who uploaded which (so the generic download route can be limited to the uploader).
 */
export const filesMigrations: Migrations = {
  '0003_files': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('files')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('file_uploads')
        .addColumn('sha256', 'text', (c) => c.notNull().references('files.sha256'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('file_uploads_pk', ['sha256', 'account_id'])
        .execute();
      await db.schema.createIndex('file_uploads_account').on('file_uploads').columns(['account_id', 'at']).execute();
    },
  },
};
