import { describe, expect, it } from 'vitest';
import {
  licenseIdentifier,
  maskIdNumber,
  maskName,
  maskPhone,
  mod37_36Check,
  mod37_36Valid,
  parseLicenseIdentifier,
  residentIdCheckDigit,
  usccCheckChar,
  validateResidentId,
  validateUscc,
} from './identifiers.js';

const TODAY = '2026-06-15';

/** Deterministic PRNG so property tests are reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('resident identity number (GB 11643-1999)', () => {
  it('computes the MOD 11-2 check digit: 11010519491231002 → X', () => {
    // digits   1  1  0  1  0  5  1  9  4  9  1  2  3  1  0  0  2
    // weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    // products 7+ 9+ 0+ 5+ 0+20+ 2+ 9+24+27+ 7+18+30+ 5+ 0+ 0+ 4 = 167
    // 167 mod 11 = 2 (11·15 = 165); map[2] of [1,0,X,9,8,7,6,5,4,3,2] = X
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
  });

  it('computes 37130219900101123 → 3', () => {
    // 21+63+10+15+0+8+2+9+54+0+0+9+0+5+8+8+6 = 218; 218 mod 11 = 9 (11·19 = 209); map[9] = 3
    expect(residentIdCheckDigit('37130219900101123')).toBe('3');
  });

  it('computes 44052418800101001 → 4', () => {
    // 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 (11·17 = 187); map[8] = 4
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
  });

  it('accepts a valid number and reads birth date and sex', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F', // 17th digit 2 is even
      addressCode: '110105',
    });
    const r = validateResidentId('371302199001011233', TODAY);
    // order code 123 → 17th digit 3 is odd → male
    expect(r).toMatchObject({ ok: true, birthDate: '1990-01-01', sex: 'M', addressCode: '371302' });
  });

  it('reads an even order code as female', () => {
    const first17 = '37130219900101124';
    const id = first17 + residentIdCheckDigit(first17);
    expect(validateResidentId(id, TODAY)).toMatchObject({ ok: true, sex: 'F' });
  });

  it('accepts a lower-case x and normalises it', () => {
    expect(validateResidentId('11010519491231002x', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('refuses a wrong check digit', () => {
    expect(validateResidentId('110105194912310021', TODAY)).toMatchObject({ ok: false, code: 'check_digit' });
    expect(validateResidentId('371302199001011234', TODAY)).toMatchObject({ ok: false, code: 'check_digit' });
  });

  it('refuses a wrong length, naming the length', () => {
    const r = validateResidentId('11010519491231002', TODAY);
    expect(r).toMatchObject({ ok: false, code: 'length' });
    expect(!r.ok && r.zh).toContain('17');
    expect(validateResidentId('', TODAY)).toMatchObject({ ok: false, code: 'length' });
    expect(validateResidentId('110105194912310021X', TODAY)).toMatchObject({ ok: false, code: 'length' });
  });

  it('refuses letters other than a final X', () => {
    expect(validateResidentId('1101051949123100AX', TODAY)).toMatchObject({ ok: false, code: 'format' });
    expect(validateResidentId('11010519491231002Y', TODAY)).toMatchObject({ ok: false, code: 'format' });
  });

  it('refuses an address code starting with 0', () => {
    const first17 = '01010519491231002';
    expect(validateResidentId(first17 + residentIdCheckDigit(first17), TODAY)).toMatchObject({ ok: false, code: 'address_code' });
  });

  it('refuses 30 February even with a correct check digit', () => {
    const first17 = '32010620050230001';
    expect(validateResidentId(first17 + residentIdCheckDigit(first17), TODAY)).toMatchObject({ ok: false, code: 'birth_date' });
  });

  it('refuses 29 February in a common year and accepts it in a leap year', () => {
    const common = '32010620050229001';
    expect(validateResidentId(common + residentIdCheckDigit(common), TODAY)).toMatchObject({ ok: false, code: 'birth_date' });
    const leap = '32010620040229001';
    expect(validateResidentId(leap + residentIdCheckDigit(leap), TODAY)).toMatchObject({ ok: true, birthDate: '2004-02-29' });
  });

  it('refuses month 13 and day 00', () => {
    for (const first17 of ['32010620051301001', '32010620050100001']) {
      expect(validateResidentId(first17 + residentIdCheckDigit(first17), TODAY)).toMatchObject({ ok: false, code: 'birth_date' });
    }
  });

  it('refuses a date of birth after today, accepts one born today', () => {
    const tomorrow = '32010620260616001';
    expect(validateResidentId(tomorrow + residentIdCheckDigit(tomorrow), TODAY)).toMatchObject({ ok: false, code: 'birth_date' });
    const today = '32010620260615001';
    expect(validateResidentId(today + residentIdCheckDigit(today), TODAY)).toMatchObject({ ok: true, birthDate: '2026-06-15' });
  });

  it('refuses a date of birth before 1900 (the standard’s own 1880 example has a valid check digit)', () => {
    // GB 11643 sample 440524188001010014: check digit 4 is correct, but 1880 is out of range for us
    expect(validateResidentId('440524188001010014', TODAY)).toMatchObject({ ok: false, code: 'birth_date' });
  });

  it('detects every single-digit substitution', () => {
    const id = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id[i]) continue;
        const changed = id.slice(0, i) + d + id.slice(i + 1);
        expect(validateResidentId(changed, TODAY).ok, changed).toBe(false);
      }
    }
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('computes the check character: 91350100M000100Y4 → 3', () => {
    // value    9  1  3  5  0  1  0  0 21(M) 0  0  0  1  0  0 30(Y) 4
    // weight   1  3  9 27 19 26 16 17 20   29 25 13  8 24 10 30   28
    // products 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640
    // 1640 mod 31 = 28 (31·52 = 1612); 31 − 28 = 3 → '3'
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('computes 91110108MA01ABCD1 → E', () => {
    // 9+3+9+27+0+26+0+136+420+290+0+13+80+264+120+390+28 = 1815; 1815 mod 31 = 17 (31·58 = 1798)
    // 31 − 17 = 14 → charset[14] = E
    expect(usccCheckChar('91110108MA01ABCD1')).toBe('E');
  });

  it('computes 12100000400000624 → D', () => {
    // 1+6+9+0+0+0+0+0+80+0+0+0+0+0+60+60+112 = 328; 328 mod 31 = 18 (31·10 = 310); 31 − 18 = 13 → D
    expect(usccCheckChar('12100000400000624')).toBe('D');
  });

  it('writes a remainder of 0 as check character 0', () => {
    // '00000000000000000' sums to 0 → 31 − 0 = 31 → '0'
    expect(usccCheckChar('00000000000000000')).toBe('0');
    // one in position 1 (weight 1): Σ = 1 → 31 − 1 = 30 → Y
    expect(usccCheckChar('10000000000000000')).toBe('Y');
  });

  it('accepts valid codes (also typed in lower case) and reads their parts', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
      registrationAuthority: '9',
      organizationType: '1',
      divisionCode: '350100',
    });
    expect(validateUscc('91110108ma01abcd1e')).toMatchObject({ ok: true, value: '91110108MA01ABCD1E' });
    expect(validateUscc('12100000400000624D')).toMatchObject({ ok: true });
  });

  it('refuses a wrong check character', () => {
    expect(validateUscc('91350100M000100Y44')).toMatchObject({ ok: false, code: 'check_digit' });
  });

  it('refuses a wrong length', () => {
    expect(validateUscc('91350100M000100Y4')).toMatchObject({ ok: false, code: 'length' });
    expect(validateUscc('91350100M000100Y433')).toMatchObject({ ok: false, code: 'length' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the forbidden character %s', (c) => {
    const r = validateUscc(`91350100M000100${c}43`);
    expect(r).toMatchObject({ ok: false, code: 'charset' });
    expect(!r.ok && r.en).toContain(c);
  });

  it('refuses punctuation', () => {
    expect(validateUscc('91350100M000100-43')).toMatchObject({ ok: false, code: 'charset' });
  });

  it('refuses letters in the division code (positions 3–8)', () => {
    const first17 = '9135A100M000100Y4';
    expect(validateUscc(first17 + usccCheckChar(first17))).toMatchObject({ ok: false, code: 'division_code' });
  });

  it('detects every single-character substitution', () => {
    const code = '91350100M000100Y43';
    const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++) {
      for (const c of cs) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(validateUscc(changed).ok, changed).toBe(false);
      }
    }
  });
});

describe('ISO 7064 MOD 37,36 and the GB/T 36904 licence identifier', () => {
  const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

  it('computes hand-derived check characters', () => {
    // '1': P=36; S=(36+1) mod 36=1; P=2·1 mod 37=2; check=(37−2) mod 36=35 → Z.  (2+35) mod 36 = 1 ✓
    expect(mod37_36Check('1')).toBe('Z');
    // 'A1': A=10: S=(36+10) mod 36=10, P=20; '1': S=21, P=42 mod 37=5; check=32 → W.  (5+32) mod 36 = 1 ✓
    expect(mod37_36Check('A1')).toBe('W');
    // '0': S=(36+0) mod 36=0 → read as 36; P=72 mod 37=35; check=(37−35) mod 36=2 → '2'
    expect(mod37_36Check('0')).toBe('2');
    // '11100000000013338W001' walks P: 2,6,14,28,19,1,2,4,8,16,32,27,19,7,20,9,34,23,9,18,1
    // → check = (37−1) mod 36 = 0 → '0'
    expect(mod37_36Check('11100000000013338W001')).toBe('0');
  });

  it('every string with its check character appended satisfies the check', () => {
    const r = rng(7);
    for (let n = 0; n < 2000; n++) {
      const len = 1 + Math.floor(r() * 40);
      let s = '';
      for (let i = 0; i < len; i++) s += A[Math.floor(r() * 36)];
      expect(mod37_36Valid(s + mod37_36Check(s))).toBe(true);
    }
  });

  it('detects every single-character substitution', () => {
    const r = rng(42);
    let substitutions = 0;
    const undetected: string[] = [];
    for (let n = 0; n < 200; n++) {
      const len = 1 + Math.floor(r() * 30);
      let s = '';
      for (let i = 0; i < len; i++) s += A[Math.floor(r() * 36)];
      const full = s + mod37_36Check(s);
      for (let i = 0; i < full.length; i++) {
        // every other character at every position, the check character included
        for (const c of A) {
          if (c === full[i]) continue;
          const changed = full.slice(0, i) + c + full.slice(i + 1);
          if (mod37_36Valid(changed)) undetected.push(changed);
          substitutions++;
        }
      }
    }
    expect(undetected).toEqual([]);
    expect(substitutions).toBeGreaterThan(100_000);
  });

  it('detects adjacent transpositions at the rate ISO 7064 gives hybrid systems (> 99.5 %)', () => {
    // A hybrid MOD (M+1),M system does not catch every transposition (unlike the pure MOD 37-2):
    // swapping a,b is missed when both orders leave the same product state, about 1 in 550 here.
    const r = rng(4242);
    let tried = 0;
    let missed = 0;
    for (let n = 0; n < 3000; n++) {
      const len = 2 + Math.floor(r() * 30);
      let s = '';
      for (let i = 0; i < len; i++) s += A[Math.floor(r() * 36)];
      const full = s + mod37_36Check(s);
      for (let i = 0; i + 1 < full.length; i++) {
        if (full[i] === full[i + 1]) continue;
        tried++;
        if (mod37_36Valid(full.slice(0, i) + full[i + 1] + full[i] + full.slice(i + 2))) missed++;
      }
    }
    expect(tried).toBeGreaterThan(40_000);
    expect(missed / tried).toBeLessThan(0.005);
  });

  it('builds the identifier with a zero-padded version and the check over the four middle parts', () => {
    const id = licenseIdentifier({ typeCode: '11100000000013338W', issuerCode: '91350100M000100Y43', serial: '2026000001', version: 1 });
    const middle = '11100000000013338W' + '91350100M000100Y43' + '2026000001' + '001';
    expect(id).toBe(`1.2.156.3005.2.11100000000013338W.91350100M000100Y43.2026000001.001.${mod37_36Check(middle)}`);
    expect(mod37_36Valid(middle + id.slice(-1))).toBe(true);
  });

  it('a small hand-derived identifier: type 1, issuer A, serial 1, version 1', () => {
    // middle = '1A1001': P: '1'→S=1,P=2; 'A'→S=12,P=24; '1'→S=25,P=13; '0'→S=13,P=26; '0'→S=26,P=15; '1'→S=16,P=32
    // check = (37−32) mod 36 = 5 → '5'
    expect(licenseIdentifier({ typeCode: '1', issuerCode: 'A', serial: '1', version: 1 })).toBe('1.2.156.3005.2.1.A.1.001.5');
  });

  it('parses an identifier back into its parts', () => {
    const id = licenseIdentifier({ typeCode: 'T01', issuerCode: '91350100M000100Y43', serial: '000123', version: 12 });
    expect(parseLicenseIdentifier(id)).toMatchObject({
      ok: true,
      value: id,
      typeCode: 'T01',
      issuerCode: '91350100M000100Y43',
      serial: '000123',
      version: 12,
    });
    expect(id).toContain('.012.');
  });

  it('refuses a wrong check character', () => {
    const id = licenseIdentifier({ typeCode: 'T01', issuerCode: '91350100M000100Y43', serial: '000123', version: 1 });
    const last = id.slice(-1);
    const wrong = id.slice(0, -1) + (last === '0' ? '1' : '0');
    expect(parseLicenseIdentifier(wrong)).toMatchObject({ ok: false, code: 'check_digit' });
  });

  it('refuses a changed serial even with the old check', () => {
    const id = licenseIdentifier({ typeCode: 'T01', issuerCode: '91350100M000100Y43', serial: '000123', version: 1 });
    expect(parseLicenseIdentifier(id.replace('.000123.', '.000124.'))).toMatchObject({ ok: false, code: 'check_digit' });
  });

  it('refuses a bad layout', () => {
    expect(parseLicenseIdentifier('1.2.156.3005.1.T01.X.1.001.0')).toMatchObject({ ok: false, code: 'layout' });
    expect(parseLicenseIdentifier('1.2.156.3005.2.T01.X.1.1.0')).toMatchObject({ ok: false, code: 'layout' });
    expect(parseLicenseIdentifier('1.2.156.3005.2.T01.X.1.001')).toMatchObject({ ok: false, code: 'layout' });
    expect(parseLicenseIdentifier('1.2.156.3005.2.T-1.X.1.001.0')).toMatchObject({ ok: false, code: 'layout' });
    expect(parseLicenseIdentifier('')).toMatchObject({ ok: false, code: 'layout' });
  });

  it('refuses bad parts when building', () => {
    expect(() => licenseIdentifier({ typeCode: 'T.1', issuerCode: 'X', serial: '1', version: 1 })).toThrow(RangeError);
    expect(() => licenseIdentifier({ typeCode: 'T1', issuerCode: 'X', serial: '1', version: 1000 })).toThrow(RangeError);
  });
});

describe('masks', () => {
  it('masks an ID number to its first and last four characters', () => {
    expect(maskIdNumber('37130219900101123X')).toBe('3713**********123X');
    expect(maskIdNumber('91350100M000100Y43')).toBe('9135**********0Y43');
    expect(maskIdNumber('1234')).toBe('1**4');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
  });

  it('masks a mobile number to 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('053112345678')).toBe('053*****5678');
    expect(maskPhone('12345')).toBe('***45');
  });

  it('masks names for public pages', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });
});
