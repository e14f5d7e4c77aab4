/**
 * Code 128, code set B (ISO/IEC 15417): printable ASCII 32–126. Pure: text in, bar widths out;
 * `render.ts` draws them as rectangles. A case number (21 digits) becomes 24 symbols + stop.
 */

/** Element widths (bar, space, bar, space, bar, space) of the symbol values 0–106; 106 is the stop (7 elements). */
// prettier-ignore
export const CODE128_PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

export const START_B = 104;
export const STOP = 106;
/** Quiet zone on each side, in modules (the standard asks for at least 10). */
export const QUIET_ZONE = 10;

export interface Code128 {
  /** symbol values: start, data…, check, stop */
  values: number[];
  /** alternating bar/space widths in modules, starting with a bar (quiet zones not included) */
  widths: number[];
  /** total width in modules, quiet zones not included */
  modules: number;
}

/** Encodes printable ASCII in code set B; throws on anything else. */
export function encodeCode128B(text: string): Code128 {
  if (text.length === 0) throw new Error('Code 128: nothing to encode');
  const data = [...text].map((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 32 || c > 126) throw new Error(`Code 128 B cannot encode ${JSON.stringify(ch)} (U+${c.toString(16).toUpperCase().padStart(4, '0')})`);
    return c - 32;
  });
  const check = data.reduce((sum, v, i) => sum + v * (i + 1), START_B) % 103;
  const values = [START_B, ...data, check, STOP];
  const widths = values.flatMap((v) => [...CODE128_PATTERNS[v]].map(Number));
  return { values, widths, modules: widths.reduce((a, b) => a + b, 0) };
}
