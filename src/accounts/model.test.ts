import { describe, expect, it } from 'vitest';
import { residentIdCheckDigit, usccCheckChar } from '../platform/identifiers.js';
import { afterFailedLogin, checkApplicant, isLocked, LOCKOUT_AFTER_FAILURES } from './model.js';

const id = (first17: string) => first17 + residentIdCheckDigit(first17);
const TODAY = '2026-11-28';

describe('login lockout', () => {
  it('counts failures until the fifth, then locks for fifteen minutes and resets the count', () => {
    const now = '2026-11-28T02:00:00.000Z';
    let account = { failed_logins: 0, locked_until: null as string | null };
    for (let i = 1; i < LOCKOUT_AFTER_FAILURES; i++) {
      account = afterFailedLogin(account, now);
      expect(account).toEqual({ failed_logins: i, locked_until: null });
    }
    account = afterFailedLogin(account, now);
    expect(account).toEqual({ failed_logins: 0, locked_until: '2026-11-28T02:15:00.000Z' });
    expect(isLocked(account, '2026-11-28T02:14:59.999Z')).toBe(true);
    expect(isLocked(account, '2026-11-28T02:15:00.000Z')).toBe(false);
  });
});

describe('applicant registration checks', () => {
  it('accepts a person with a valid ID number and a mobile number', () => {
    expect(checkApplicant({ kind: 'person', name: '王堃', idNumber: id('37131119850312201'), phone: '13805391234' }, TODAY)).toEqual([]);
  });

  it('accepts a lowercase x check digit', () => {
    // find a first-17 whose check digit is X
    let first17 = '';
    for (let n = 100; n < 999; n++) {
      first17 = `37131119850312${n}`;
      if (residentIdCheckDigit(first17) === 'X') break;
    }
    expect(checkApplicant({ kind: 'person', name: '王堃', idNumber: `${first17}x`, phone: '13805391234' }, TODAY)).toEqual([]);
  });

  it('reports every bad field at once', () => {
    const errors = checkApplicant({ kind: 'person', name: 'x', idNumber: '123', phone: '12', password: 'abc' }, TODAY);
    expect(errors.map((e) => e.field).sort()).toEqual(['idNumber', 'name', 'password', 'phone']);
    for (const e of errors) {
      expect(e.zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(e.en).toMatch(/[a-z]/);
    }
  });

  it('refuses a person born after today', () => {
    const errors = checkApplicant({ kind: 'person', name: '王堃', idNumber: id('37131120270101201'), phone: '13805391234' }, TODAY);
    expect(errors.map((e) => e.field)).toEqual(['idNumber']);
  });

  it('accepts an enterprise with a valid USCC and checks its legal representative', () => {
    const uscc = '91371311MA3C8K2Q1' + usccCheckChar('91371311MA3C8K2Q1');
    expect(checkApplicant({ kind: 'enterprise', name: '临沂鑫源餐饮有限公司', uscc, legalRepresentative: '王堃', phone: '0539-8123456' }, TODAY)).toEqual([]);
    const errors = checkApplicant({ kind: 'enterprise', name: '临沂鑫源餐饮有限公司', uscc, legalRepresentative: '1', phone: '0539-8123456' }, TODAY);
    expect(errors.map((e) => e.field)).toEqual(['legalRepresentative']);
  });
});
