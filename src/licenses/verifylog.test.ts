import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.js';
import { fixedClock } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import { flushVerificationLog, logVerification, VERIFY_LOG_BATCH } from './verifylog.js';

let database: TestDatabase;
let ctx: Ctx;
beforeAll(async () => {
  database = await createTestDatabase();
  ctx = { db: database.db, dialect: database.dialect, clock: fixedClock('2026-03-02T00:00:00.000Z'), actor: null, ip: '203.0.113.7', log: console };
});
afterAll(() => database.drop());

const check = (identifier: string) =>
  logVerification(ctx, { license_id: null, identifier, channel: 'identifier', result: 'not_found', disclosed: null }, ctx.clock.now());
const logged = async () => Number((await sql<{ n: number }>`select count(*) as n from license_verifications`.execute(database.db)).rows[0].n);

describe('the verification log', () => {
  it("is complete when read, even while the timer's write is still under way", async () => {
    const many = VERIFY_LOG_BATCH - 100; // below the batch size: queued, not yet written
    for (let i = 0; i < many; i++) await check(`timer-${i}`);
    const timers = flushVerificationLog(); // what the timer does: a write of all that is queued, not awaited
    await check('the last check');
    await flushVerificationLog(ctx.db); // what reading a holder's log does first
    expect(await logged()).toBe(many + 1);
    await timers;
  });
});
