/** Time is passed in, never read inside models. Services get it from here. */
export interface Clock {
  /** ISO-8601 UTC instant */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export type FixedClock = Clock & { set(iso: string): void; advanceMs(ms: number): void };

/** A clock tests move by hand. */
export function fixedClock(iso: string): FixedClock {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t).toISOString(),
    set: (v) => { t = new Date(v).getTime(); },
    advanceMs: (ms) => { t += ms; },
  };
}

/** Calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDate(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
