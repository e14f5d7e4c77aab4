/**
 * Notifications through a transactional outbox (发件箱). Pure: the shapes, the retry schedule and
 * the masking rules; no I/O, no clock (instants are passed in).
 *
 * A use case writes its notices in the SAME transaction as its change (`enqueue`): a rolled-back
 * change sends nothing, a committed one is sent even if the process dies right after the commit.
 * Workers claim due rows, send them through an adapter, and retry with exponential backoff;
 * after `maxAttempts` a row is parked for an admin to look at and replay. Delivery is at least
 * once: a worker that dies mid-send leaves a claim that another worker takes over after
 * `claimTimeoutMs`.
 *
 * The outbox is generic: the caller gives the channel, the recipient, a kind (e.g.
 * 'case.accepted'), the rendered text and any payload. Templates belong to the modules.
 */
import { maskIdNumber, maskPhone } from '../identifiers.js';

export type Channel = 'sms' | 'email' | (string & {});
export const STATUSES = ['pending', 'sending', 'sent', 'parked'] as const;
export type OutboxStatus = (typeof STATUSES)[number];

/** What a use case asks to be sent. */
export interface Notice {
  channel: Channel;
  /** phone number for 'sms', address for 'email' */
  recipient: string;
  /** what it is about, e.g. 'case.accepted' (for filtering and statistics) */
  kind: string;
  /** the rendered message text */
  body: string;
  /** structured data for the adapter or later analysis (JSON-serialisable) */
  payload?: Record<string, unknown>;
  /** the same key twice is stored once (e.g. `case.accepted:<caseNo>`) */
  dedupeKey?: string;
  /** not before this instant (ISO-8601); default: at once */
  notBefore?: string;
}

/** One row of the outbox, as the code sees it. */
export interface OutboxMessage {
  id: string;
  createdAt: string;
  channel: Channel;
  recipient: string;
  kind: string;
  body: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  status: OutboxStatus;
  /** how many times it was claimed for sending */
  attempts: number;
  nextAttemptAt: string;
  claimedBy: string | null;
  claimedAt: string | null;
  lastError: string | null;
  sentAt: string | null;
}

export const LIMITS = { recipient: 254, kind: 64, body: 2000, dedupeKey: 200 } as const;

/** Checks a notice; the caller's mistake, so a plain Error (it aborts the caller's transaction). */
export function validateNotice(n: Notice): void {
  const bad = (why: string) => new Error(`outbox notice ${n.kind || '(no kind)'}: ${why}`);
  if (!n.channel || !/^[a-z][a-z0-9_-]{0,31}$/.test(n.channel)) throw bad('channel must be a short lowercase word');
  if (!n.recipient || n.recipient.length > LIMITS.recipient) throw bad('recipient is required');
  if (!n.kind || n.kind.length > LIMITS.kind) throw bad('kind is required');
  if (!n.body || n.body.length > LIMITS.body) throw bad(`body is required (at most ${LIMITS.body} characters)`);
  if (n.dedupeKey !== undefined && (n.dedupeKey.length === 0 || n.dedupeKey.length > LIMITS.dedupeKey)) throw bad('dedupeKey too long or empty');
  if (n.notBefore !== undefined && Number.isNaN(Date.parse(n.notBefore))) throw bad('notBefore must be an ISO-8601 instant');
}

export interface RetryPolicy {
  /** first retry delay; default 30 s */
  baseDelayMs: number;
  /** longest delay; default 1 h */
  maxDelayMs: number;
  /** claims before a failing message is parked; default 8 */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 8 };

/** Delay before the next try after `attempts` failed ones: base × 2^(attempts−1), capped. */
export function backoffMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const n = Math.max(1, attempts);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(n - 1, 30));
}

/** What happens to a message whose send failed on its `attempts`-th claim. */
export function afterFailure(attempts: number, now: string, policy: RetryPolicy = DEFAULT_RETRY): { status: 'pending'; nextAttemptAt: string } | { status: 'parked' } {
  if (attempts >= policy.maxAttempts) return { status: 'parked' };
  return { status: 'pending', nextAttemptAt: new Date(Date.parse(now) + backoffMs(attempts, policy)).toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Masking: no full phone number, e-mail address or ID number in any log line or list.
// ---------------------------------------------------------------------------------------------

/** `13812345678` → `138****5678`; `wang.kun@example.cn` → `w*******@example.cn`. */
export function maskRecipient(channel: Channel, recipient: string): string {
  if (channel === 'email' || recipient.includes('@')) {
    const at = recipient.lastIndexOf('@');
    const local = recipient.slice(0, at);
    return `${local.slice(0, 1)}${'*'.repeat(Math.max(1, local.length - 1))}${recipient.slice(at)}`;
  }
  return maskPhone(recipient.replace(/^\+86/, ''));
}

const ID_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_RE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Masks the personal numbers a message text may carry (mobile phones, ID numbers, e-mail). */
export function maskText(text: string): string {
  return text
    .replace(ID_RE, (m) => maskIdNumber(m))
    .replace(MOBILE_RE, (m) => maskPhone(m.replace(/^\+?86[- ]?/, '')))
    .replace(EMAIL_RE, (m) => maskRecipient('email', m));
}

/** An error as stored in `last_error`: one line, masked, bounded. */
export function errorText(err: unknown): string {
  const msg = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return maskText(msg.replace(/\s+/g, ' ').trim()).slice(0, 500) || 'unknown error';
}
