import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, START_B, STOP, encodeCode128B } from './code128.js';

describe('Code 128 patterns', () => {
  it('has 107 distinct symbols of 11 modules (stop: 13), 3 bars + 3 spaces, bar modules even', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
    CODE128_PATTERNS.forEach((p, v) => {
      const w = [...p].map(Number);
      expect(w.length, `value ${v}`).toBe(v === STOP ? 7 : 6);
      expect(w.reduce((a, b) => a + b, 0), `value ${v}`).toBe(v === STOP ? 13 : 11);
      expect(w.every((x) => x >= 1 && x <= 4), `value ${v}`).toBe(true);
      // the parity rule of Code 128: the bars of each symbol add up to an even number of modules
      const bars = w.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
      expect(bars % 2, `value ${v}`).toBe(0);
    });
  });
});

describe('encodeCode128B', () => {
  it('encodes start B, the data, the mod-103 check and stop', () => {
    // "Wikipedia": 104 + 55·1 + 73·2 + 75·3 + 73·4 + 80·5 + 69·6 + 68·7 + 73·8 + 65·9 = 3281 ≡ 88 (mod 103)
    const w = encodeCode128B('Wikipedia');
    expect(w.values).toEqual([START_B, 55, 73, 75, 73, 80, 69, 68, 73, 65, 88, STOP]);
    expect(w.modules).toBe(11 * 11 + 13);
  });

  it('encodes a case number', () => {
    const no = '371311202603160000012';
    const c = encodeCode128B(no);
    expect(c.values.slice(1, -2)).toEqual([...no].map((d) => d.charCodeAt(0) - 32));
    const check = [...no].reduce((s, d, i) => s + (d.charCodeAt(0) - 32) * (i + 1), 104) % 103;
    expect(c.values.at(-2)).toBe(check);
    expect(c.widths[0]).toBe(2); // start B begins with a 2-module bar
    expect(c.widths.length).toBe(6 * 23 + 7);
  });

  it('refuses what code set B cannot hold', () => {
    expect(() => encodeCode128B('')).toThrow(/nothing/);
    expect(() => encodeCode128B('编号1')).toThrow(/U\+7F16/);
    expect(() => encodeCode128B('a\tb')).toThrow(/U\+0009/);
  });
});
