import { seedDemoCases } from '../cases/seed.js';
import { seedDemoSlots } from '../hall/service.js';
import { systemActor } from '../platform/actor.js';
import { shanghaiDate, type Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/database.js';

/**
 * A demo district that looks in use when it opens: cases in every work list and two weeks of
 * appointment slots. Kept apart from seedDemo so tests start from the bare district.
 */
export async function seedDemoActivity(database: Database, clock: Clock) {
  const ctx = { db: database.db, dialect: database.dialect, clock, actor: systemActor('system', '系统初始化'), ip: null, log: console };
  const { cases } = await seedDemoCases(database, clock);
  await seedDemoSlots(ctx, shanghaiDate(clock.now()), 14);
  return { cases };
}
