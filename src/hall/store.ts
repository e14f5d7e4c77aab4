import { tables, type Executor } from '../platform/db/database.js';

export interface HallRow {
  id: string;
  code: string;
  name: string;
  tier: string;
  parent_id: string | null;
  division_code: string;
  address: string;
  phone: string | null;
  hours: string;
  areas: string;
  departments: string;
  sort: number;
}

export interface WindowRow {
  id: string;
  hall_id: string;
  number: number;
  name: string;
  kind: string;
  open: number;
}

interface HallTables {
  halls: HallRow;
  windows: WindowRow;
}

const t = (db: Executor<unknown>) => tables<HallTables>(db);

export async function insertHalls(db: Executor<unknown>, halls: HallRow[], windows: WindowRow[]) {
  for (let i = 0; i < halls.length; i += 100) await t(db).insertInto('halls').values(halls.slice(i, i + 100)).execute();
  for (let i = 0; i < windows.length; i += 100) await t(db).insertInto('windows').values(windows.slice(i, i + 100)).execute();
}

export function listHalls(db: Executor<unknown>, q: { tier?: string; parentId?: string }) {
  let query = t(db).selectFrom('halls').selectAll();
  if (q.tier) query = query.where('tier', '=', q.tier);
  if (q.parentId) query = query.where('parent_id', '=', q.parentId);
  return query.orderBy('sort').execute();
}

export const findHall = (db: Executor<unknown>, code: string) =>
  t(db).selectFrom('halls').selectAll().where('code', '=', code).executeTakeFirst();

export const hallWindows = (db: Executor<unknown>, hallId: string) =>
  t(db).selectFrom('windows').selectAll().where('hall_id', '=', hallId).orderBy('number').execute();
