/** Service windows: the desk's window screen, signing in and out, the manager's window settings. */
import type { Ctx } from '../platform/context.js';
import { forbidden, invalidField, Problem, unauthenticated } from '../platform/problem.js';
import { today, visibleWindow, work, type Pending } from './context.js';
import { isBankPoint, type Category } from './model.js';
import * as policy from './policy.js';
import * as store from './store.js';
import { hallRef, ticketView, waitingIn, windowCategories, windowView } from './views.js';

const windowEvent = (hallId: string, action: string, window: ReturnType<typeof windowView>): Pending => ({ hallId, type: 'window', data: { action, window } });

/** The desk's window screen: the window, its current ticket and what waits for it. */
export async function getWindow(ctx: Ctx, id: string) {
  const w = await visibleWindow(ctx, id);
  return windowState(ctx, w);
}

async function windowState(ctx: Ctx, w: store.WindowRow) {
  const date = today(ctx);
  const [current, counts, hall] = await Promise.all([
    store.currentOfWindow(ctx.db, w.id),
    store.waitingCounts(ctx.db, w.hall_id, date, ctx.dialect),
    store.findHallById(ctx.db, w.hall_id),
  ]);
  const cats = windowCategories(w);
  return {
    ...windowView(w, { staff: 'full' }),
    hall: hallRef(hall!),
    current: current[0] ? ticketView(current[0], { full: true, windowNumber: w.number }) : null,
    waiting: waitingIn(cats, counts),
    waitingTotal: cats.reduce((n, c) => n + (counts[c] ?? 0), 0),
  };
}

/** The window the actor is signed in at (null when none). */
export async function myWindow(ctx: Ctx) {
  if (!ctx.actor) throw unauthenticated();
  const w = await store.windowOfStaff(ctx.db, ctx.actor.accountId);
  return { window: w ? await windowState(ctx, w) : null };
}

/** Binds the clerk to a window (one window at a time): leaves any other window first. */
export async function signIn(ctx: Ctx, windowId: string, opts: { takeOver?: boolean } = {}) {
  const w = await visibleWindow(ctx, windowId);
  const actor = ctx.actor!;
  if (!policy.canSignIn(actor, w)) throw forbidden({ zh: '仅本大厅窗口工作人员可签到', en: 'Only staff of this hall working windows may sign in' });
  await work(ctx, async ({ tx, events, audit }) => {
    const fresh = (await store.findWindow(tx, windowId))!;
    if (fresh.staff_id && fresh.staff_id !== actor.accountId && !opts.takeOver) {
      throw new Problem(409, 'window_taken', { zh: `${fresh.number}号窗口已由${fresh.staff_name ?? '其他工作人员'}签到`, en: `Window ${fresh.number} is staffed by someone else` }, {
        extra: { staffName: fresh.staff_name },
      });
    }
    if (fresh.staff_id === actor.accountId) return;
    const previous = await store.windowOfStaff(tx, actor.accountId);
    await store.releaseStaff(tx, actor.accountId);
    if (fresh.staff_id) await store.releaseStaff(tx, fresh.staff_id);
    await store.updateWindow(tx, windowId, { staff_id: actor.accountId, staff_name: actor.name, signed_in_at: ctx.clock.now() });
    if (previous) events.push(windowEvent(previous.hall_id, 'sign_out', windowView({ ...previous, staff_id: null })));
    events.push(windowEvent(w.hall_id, 'sign_in', windowView({ ...fresh, staff_id: actor.accountId, staff_name: actor.name }, { staff: 'name' })));
    await audit({ action: 'window.sign_in', target: { type: 'window', id: windowId }, detail: `window ${fresh.number}${fresh.staff_id ? ' (taken over)' : ''}` });
  });
  return getWindow(ctx, windowId);
}

export async function signOut(ctx: Ctx, windowId: string) {
  const w = await visibleWindow(ctx, windowId);
  if (!policy.isSignedInAt(ctx.actor, w) && !policy.canManageHall(ctx.actor, w.hall_id)) {
    throw forbidden({ zh: '只能签退本人签到的窗口', en: 'You are not signed in at this window' });
  }
  if (w.staff_id) {
    await work(ctx, async ({ tx, events, audit }) => {
      await store.updateWindow(tx, windowId, { staff_id: null, staff_name: null, signed_in_at: null });
      events.push(windowEvent(w.hall_id, 'sign_out', windowView({ ...w, staff_id: null })));
      await audit({ action: 'window.sign_out', target: { type: 'window', id: windowId }, detail: `window ${w.number}` });
    });
  }
  return getWindow(ctx, windowId);
}

/** The hall manager opens or closes a window and sets what it serves. */
export async function updateWindowSettings(ctx: Ctx, windowId: string, patch: { open?: boolean; categories?: Category[]; name?: string }) {
  const w = await visibleWindow(ctx, windowId);
  if (!policy.canManageHall(ctx.actor, w.hall_id)) throw forbidden({ zh: '仅大厅管理员可设置窗口', en: 'Only the hall manager may change windows' });
  const hall = (await store.findHallById(ctx.db, w.hall_id))!;
  if (patch.categories) {
    const cats = [...new Set(patch.categories)];
    if (cats.includes('E') && !isBankPoint(hall)) {
      throw invalidField('categories', 'bank_only', '银行开户（E）只能由合作银行网点办理', 'category E (bank account opening) is for partner banks only');
    }
    patch.categories = cats.sort();
  }
  const set: Partial<store.WindowRow> = {};
  if (patch.open !== undefined) set.open = patch.open ? 1 : 0;
  if (patch.categories) set.categories = JSON.stringify(patch.categories);
  if (patch.name !== undefined) set.name = patch.name;
  if (Object.keys(set).length) {
    await work(ctx, async ({ tx, events, audit }) => {
      await store.updateWindow(tx, windowId, set);
      const after = { ...w, ...set };
      events.push(windowEvent(w.hall_id, 'settings', windowView(after, { staff: 'name' })));
      await audit({ action: 'window.update', target: { type: 'window', id: windowId }, before: windowView(w), after: windowView(after), detail: `window ${w.number}` });
    });
  }
  return getWindow(ctx, windowId);
}
