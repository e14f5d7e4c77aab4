/**
 * The 办件 calls only the back office (/office) and the certificate window (/issue) make: the inbox, the
 * overdue list, the queue, delivery figures and the bodies of their actions. The case itself, lists,
 * actions and dates: ../api/cases.ts (server: src/cases/routes.ts).
 */
import { paged, type CasePage, type Colour } from '../api/cases.js';
import { query, request } from '../api/http.js';

export interface OverduePage extends CasePage {
  today: string;
  byDepartment: { departmentCode: string; departmentName: string; overdue: number }[];
}

export type Procedure = 'hearing' | 'testing' | 'expert' | 'inspection' | 'public_notice' | 'other';
export const PROCEDURES: readonly Procedure[] = ['hearing', 'testing', 'expert', 'inspection', 'public_notice', 'other'];

export type DeliverInput =
  | { mode: 'pickup'; collectorName: string; collectorIdNumber: string; asAgent?: boolean }
  | { mode: 'mail'; trackingNo: string; carrier?: string; address: string };

/** The body of each action besides `expectedVersion`. */
export interface ActionBodies {
  claim: Record<string, never>;
  pass: { opinion?: string };
  return: { toStep?: number; reason: string };
  'request-correction': { reason: string; materials?: string[]; supplyBy?: string };
  supplement: { materials: { code: string; by: 'provided'; paperSeen: boolean }[]; note?: string };
  'special-procedure': { procedure: Procedure; reason: string; expectedEnd: string };
  'end-special': { outcome?: string };
  extend: { days: number; reason: string };
  decide: { outcome: 'grant' | 'deny'; reason?: string };
  issue: Record<string, never>;
  deliver: { delivery: DeliverInput };
  conclude: Record<string, never>;
  terminate: { reason: string };
}

export type TaskTab = 'todo' | 'mine' | 'unclaimed' | 'suspended' | 'all';
export type QueueStatus = 'granted' | 'issued' | 'delivered';

export const fetchTasks = (q: { status: TaskTab; colour?: Colour; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  request<CasePage>(`/api/v1/office/tasks${query(paged(q))}`, { signal });

export const fetchOverdue = (q: { departmentCode?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  request<OverduePage>(`/api/v1/office/overdue${query(paged(q))}`, { signal });

export const fetchQueue = (q: { status: QueueStatus; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  request<CasePage>(`/api/v1/issue/queue${query(paged(q))}`, { signal });

export const fetchDeliveryFigures = (q: { from?: string; to?: string }, signal?: AbortSignal) =>
  request<{ mail: number; pickup: number }>(`/api/v1/cases/figures/delivery${query(q)}`, { signal });
