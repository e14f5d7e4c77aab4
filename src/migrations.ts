import { accountMigrations } from './accounts/migrations.js';
import { casesMigrations } from './cases/migrations.js';
import { catalogMigrations } from './catalog/migrations.js';
import { hallMigrations } from './hall/migrations.js';
import { licenseMigrations } from './licenses/migrations.js';
import { calendarMigrations } from './platform/calendar/migrations.js';
import { platformMigrations } from './platform/db/migrations.js';
import { filesMigrations } from './platform/files/migrations.js';
import { outboxMigrations } from './platform/outbox/migrations.js';
import type { Migrations } from './platform/db/migrate.js';

/** Every module's migrations; each module prefixes its names with its own number range. */
export const allMigrations: Migrations = {
  ...platformMigrations,
  ...calendarMigrations,
  ...filesMigrations,
  ...outboxMigrations,
  ...accountMigrations,
  ...catalogMigrations,
  ...hallMigrations,
  ...licenseMigrations,
  ...casesMigrations,
};
