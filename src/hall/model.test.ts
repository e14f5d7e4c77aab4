import { describe, expect, it } from 'vitest';
import { demoHalls } from '../seed/halls.js';
import { checkHallTree, type HallInput } from './model.js';

const depts = [{ code: '001', name: '区行政审批服务局' }, { code: '002', name: '区公安分局' }];

describe('the hall tree', () => {
  it('holds the demo district: 1 centre, 5 branch halls, 8 town centres, 211 stations, 18 partner points', () => {
    const halls = demoHalls(depts);
    expect(checkHallTree(halls)).toEqual([]);
    const count = (tier: string) => halls.filter((h) => h.tier === tier).length;
    expect([count('district'), count('branch'), count('town'), count('village'), count('partner')]).toEqual([1, 5, 8, 211, 18]);
    const centre = halls.find((h) => h.tier === 'district')!;
    const windows = (kind: string) => centre.windows.filter((w) => w.kind === kind).length;
    expect([windows('intake'), windows('consult'), windows('certificate')]).toEqual([10, 2, 2]);
    expect(centre.areas).toEqual(['self_service', '24h']);
    expect(new Set(halls.map((h) => h.name)).size).toBe(halls.length);
  });

  it('refuses a village station hung directly under the district centre', () => {
    const bad: HallInput[] = [
      ...demoHalls(depts).slice(0, 1),
      { ...demoHalls(depts).find((h) => h.tier === 'village')!, code: 'X', parentCode: 'C00' },
    ];
    expect(checkHallTree(bad).map((e) => e.code)).toEqual(['invalid_parent']);
  });

  it('refuses two windows with the same number in one hall', () => {
    const [centre] = demoHalls(depts);
    const bad = { ...centre, windows: [...centre.windows, { number: 1, kind: 'consult' as const }] };
    expect(checkHallTree([bad]).map((e) => e.code)).toEqual(['duplicate']);
  });
});
