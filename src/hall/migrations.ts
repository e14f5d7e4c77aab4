import type { Kysely } from 'kysely';
import type { Migrations } from '../platform/db/migrate.js';

export const hallMigrations: Migrations = {
  '3001_halls': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('halls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull()) // district | branch | town | village | partner
        .addColumn('parent_id', 'text', (c) => c.references('halls.id'))
        .addColumn('division_code', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('hours', 'text', (c) => c.notNull())
        .addColumn('areas', 'text', (c) => c.notNull()) // JSON: self_service, 24h, …
        .addColumn('departments', 'text', (c) => c.notNull()) // JSON: department codes stationed here
        .addColumn('sort', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('halls_parent').on('halls').column('parent_id').execute();
      await db.schema
        .createTable('windows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hall_id', 'text', (c) => c.notNull().references('halls.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull()) // intake | consult | certificate | assist
        .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('windows_hall_number').on('windows').columns(['hall_id', 'number']).unique().execute();
    },
  },
};
