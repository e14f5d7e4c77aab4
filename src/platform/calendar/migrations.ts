import { sql, type Kysely } from 'kysely';
import type { Migrations } from '../db/migrate.js';

/** The working-day calendar: one row per date marked off (holiday) or work (make-up workday). */
export const calendarMigrations: Migrations = {
  '0002_calendar': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('calendar_days')
        .addColumn('date', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('off', 'work')`))
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
};
