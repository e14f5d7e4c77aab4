import { describe, expect, it } from 'vitest';
import { ARRANGEMENT_2026 } from './fixtures-2026.js';
import { chineseDaysEntries } from './seed.js';

describe('seed data from chinese-days', () => {
  it('has exactly the published 2026 arrangement', () => {
    expect(chineseDaysEntries(2026, 2026)).toEqual(ARRANGEMENT_2026);
  });

  it('covers 2024 and 2025 too', () => {
    const years = new Set(chineseDaysEntries().map((d) => d.date.slice(0, 4)));
    expect(years.has('2024')).toBe(true);
    expect(years.has('2025')).toBe(true);
    expect(years.has('2026')).toBe(true);
  });

  it('marks 2025’s eight-day National Day and Mid-Autumn holiday with its make-up days', () => {
    const rows = chineseDaysEntries(2025, 2025);
    const off = rows.filter((r) => r.kind === 'off' && r.date >= '2025-10-01' && r.date <= '2025-10-08');
    expect(off).toHaveLength(8);
    expect(rows.filter((r) => r.kind === 'work' && r.date >= '2025-09-01' && r.date <= '2025-10-31').map((r) => r.date)).toEqual([
      '2025-09-28',
      '2025-10-11',
    ]);
  });

  it('gives every row a Chinese name and a valid kind', () => {
    for (const r of chineseDaysEntries()) {
      expect(r.kind === 'off' || r.kind === 'work').toBe(true);
      expect(r.name).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
