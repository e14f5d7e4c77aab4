import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { shanghaiDate, systemClock, type Clock } from '../clock.js';
import type { Log } from '../context.js';
import { maskRecipient, maskText, type OutboxMessage } from './model.js';

/** How messages leave the system: an SMS gateway, a mail server, a file… */
export interface OutboxAdapter {
  readonly name: string;
  /** Resolves when the message was handed over; rejects to have it retried later. */
  send(message: OutboxMessage): Promise<void>;
}

/** The line a log gets for a message: personal numbers masked, never the full recipient. */
export function logLine(message: OutboxMessage, at: string): Record<string, unknown> {
  return {
    at,
    id: message.id,
    channel: message.channel,
    kind: message.kind,
    to: maskRecipient(message.channel, message.recipient),
    text: maskText(message.body),
    attempt: message.attempts,
  };
}

/**
 * The default adapter without a gateway: one JSON line per message appended to
 * `<dataDir>/outbox/<channel>-YYYY-MM-DD.log` (Asia/Shanghai date), phone numbers masked.
 */
export function fileAdapter(dataDir: string, opts: { clock?: Clock } = {}): OutboxAdapter & { dir: string } {
  const clock = opts.clock ?? systemClock;
  const dir = join(dataDir, 'outbox');
  let ready: Promise<unknown> | null = null;
  return {
    name: 'file',
    dir,
    async send(message) {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const at = clock.now();
      const channel = /^[a-z0-9_-]+$/.test(message.channel) ? message.channel : 'other';
      // one write of one line with O_APPEND: lines from several processes never interleave
      await appendFile(join(dir, `${channel}-${shanghaiDate(at)}.log`), `${JSON.stringify(logLine(message, at))}\n`, 'utf8');
    },
  };
}

/** Writes each message to a logger (masked), for development. */
export function consoleAdapter(log: Pick<Log, 'info'> = console, opts: { clock?: Clock } = {}): OutboxAdapter {
  const clock = opts.clock ?? systemClock;
  return {
    name: 'console',
    async send(message) {
      log.info(logLine(message, clock.now()), `outbox ${message.channel} ${message.kind}`);
    },
  };
}

/** `OUTBOX_ADAPTER=console` logs messages; anything else (default) writes the daily files. */
export function adapterFromEnv(dataDir: string, log: Pick<Log, 'info'>, env: NodeJS.ProcessEnv = process.env): OutboxAdapter {
  return env.OUTBOX_ADAPTER === 'console' ? consoleAdapter(log) : fileAdapter(dataDir);
}
