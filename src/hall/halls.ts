/** The hall tree: loading it, listing halls and service points, one hall with its windows. */
import { appendAudit } from '../platform/audit.js';
import type { Ctx } from '../platform/context.js';
import { uuidv7 } from '../platform/ids.js';
import { invalidFields } from '../platform/problem.js';
import { actorRef, loadHall } from './context.js';
import { checkHallTree, defaultCategories, WINDOW_KINDS, type HallInput, type HallTier } from './model.js';
import * as store from './store.js';
import { hallView, windowView } from './views.js';

/** Loads a whole hall tree (the demo seed, or a district's own list); all or nothing. */
export async function importHalls(ctx: Ctx, halls: HallInput[]) {
  const errors = checkHallTree(halls);
  if (errors.length) throw invalidFields(errors);
  const ids = new Map(halls.map((h) => [h.code, uuidv7()]));
  const hallRows: store.HallRow[] = halls.map((h, i) => ({
    id: ids.get(h.code)!,
    code: h.code,
    name: h.name,
    tier: h.tier,
    parent_id: h.parentCode ? ids.get(h.parentCode)! : null,
    division_code: h.divisionCode,
    address: h.address,
    phone: h.phone,
    hours: h.hours,
    areas: JSON.stringify(h.areas),
    departments: JSON.stringify(h.departments),
    sort: i,
  }));
  const windowRows: store.WindowRow[] = halls.flatMap((h) =>
    h.windows.map((w) => ({
      id: uuidv7(),
      hall_id: ids.get(h.code)!,
      number: w.number,
      name: `${w.number}号窗口（${WINDOW_KINDS[w.kind]}）`,
      kind: w.kind,
      open: 1,
      categories: JSON.stringify(defaultCategories(w.kind, h.tier, h.name)),
      staff_id: null,
      staff_name: null,
      signed_in_at: null,
    })),
  );
  await ctx.db.transaction().execute(async (tx) => {
    await store.insertHalls(tx, hallRows, windowRows);
    await appendAudit(
      tx,
      { actor: actorRef(ctx.actor), action: 'hall.import', detail: `${hallRows.length} halls, ${windowRows.length} windows` },
      ctx.clock.now(),
    );
  });
  return ids;
}

export async function listHalls(ctx: Ctx, q: { tier?: HallTier; parent?: string }) {
  let parentId: string | undefined;
  if (q.parent) {
    const parent = await store.findHall(ctx.db, q.parent);
    if (!parent) return { total: 0, items: [] };
    parentId = parent.id;
  }
  const rows = await store.listHalls(ctx.db, { tier: q.tier, parentId });
  const all = q.parent || q.tier ? await store.listHalls(ctx.db, {}) : rows;
  const codeById = new Map(all.map((h) => [h.id, h.code]));
  return { total: rows.length, items: rows.map((h) => hallView(h, h.parent_id ? (codeById.get(h.parent_id) ?? null) : null)) };
}

export async function getHall(ctx: Ctx, code: string) {
  const hall = await loadHall(ctx, code);
  const windows = await store.hallWindows(ctx.db, hall.id);
  const parent = hall.parent_id ? await store.findHallById(ctx.db, hall.parent_id) : undefined;
  return {
    ...hallView(hall, parent?.code ?? null),
    windows: windows.map((w) => windowView(w, { staff: 'name' })),
  };
}
