/**
 * Code helpers for the demo catalog: department USCCs are built from their parts so that the
 * check characters are correct by construction.
 */
import { usccCheckChar } from '../../platform/identifiers.js';

/** GB 11714-1997 organisation code check character from its 8-character body. */
export function orgCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error(`bad organisation code body: ${body8}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += v * weights[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A USCC from its parts: registration authority + kind (2, e.g. "11" 机构编制/机关,
 * "12" 事业单位, "13" 群团组织, "91" 企业), division code (6), organisation code body (8).
 */
export function makeUscc(kind: string, division: string, orgBody8: string): string {
  const first17 = kind + division + orgBody8 + orgCodeCheck(orgBody8);
  return first17 + usccCheckChar(first17);
}
