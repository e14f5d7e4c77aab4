import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { AnyDb } from './database.js';

export type Migrations = Record<string, Migration>;

/**
 * Runs every module's migrations in name order. Names carry a numeric prefix per module
 * (0xxx platform, 1xxx accounts, 2xxx catalog, 3xxx hall, …) so modules never collide.
 */
export async function migrateToLatest(db: AnyDb, migrations: Migrations): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
