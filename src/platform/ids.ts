import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let seq = 0;

// random bytes drawn from the CSPRNG in blocks: one call per 256 ids instead of two per id
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function randomBlock(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += n;
  return pool.subarray(poolOffset - n, poolOffset);
}

/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, then random bits. Ids sort by creation time,
 * which keeps B-tree inserts at the right edge of the index.
 */
export function uuidv7(now: number = Date.now()): string {
  // monotonic within one process even when the clock stands still or steps back
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    seq = randomBlock(2).readUInt16BE(0) & 0x7ff;
  }
  const b = Buffer.from(randomBlock(16));
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
