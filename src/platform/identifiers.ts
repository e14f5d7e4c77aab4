/**
 * National identifiers, implemented from their standards. Pure: no I/O, no clock (today is passed in).
 *
 * - Resident identity number (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit date of
 *   birth, 3-digit order code (odd = male), check character by ISO 7064 MOD 11-2.
 * - Unified social credit code (统一社会信用代码), GB 32100-2015: 31-character set, check character
 *   by weights 3^(i-1) mod 31.
 * - Electronic licence identifier (电子证照标识), GB/T 36904-2018: OID-style layout with a check
 *   character by ISO 7064 MOD 37,36 (hybrid system).
 * - Masks for personal data shown in lists, logs and public pages.
 */

export type IdentifierResult<T> = ({ ok: true } & T) | IdentifierError;

export interface IdentifierError {
  ok: false;
  /** stable code: length, format, address_code, birth_date, check_digit, charset, division_code, layout */
  code: string;
  zh: string;
  en: string;
}

const fail = (code: string, zh: string, en: string): IdentifierError => ({ ok: false, code, zh, en });

// ---------------------------------------------------------------------------------------------
// Resident identity number — GB 11643-1999
// ---------------------------------------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_MAP = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/**
 * ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID number:
 * S = Σ aᵢ·Wᵢ (Wᵢ = 2^(18−i) mod 11, i.e. 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2); check = map[S mod 11].
 */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_MAP[sum % 11];
}

/** True when `s` is YYYY-MM-DD naming a real calendar date (proleptic Gregorian, UTC). */
function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export interface ResidentIdInfo {
  /** normalised: upper-case X */
  value: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'M' | 'F';
  /** the 6-digit administrative division code of the place of first registration */
  addressCode: string;
}

/**
 * Validates an 18-character resident identity number.
 * @param today 'YYYY-MM-DD' (Asia/Shanghai); a date of birth after it is refused.
 */
export function validateResidentId(input: string, today: string): IdentifierResult<ResidentIdInfo> {
  const s = String(input ?? '').toUpperCase();
  if (s.length !== 18) {
    return fail('length', `身份证号码应为 18 位，实为 ${s.length} 位`, `A resident ID number has 18 characters, got ${s.length}`);
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return fail('format', '身份证号码应为 17 位数字加 1 位校验码（0-9 或 X）', 'A resident ID number is 17 digits followed by a check character (0-9 or X)');
  }
  const addressCode = s.slice(0, 6);
  if (addressCode[0] === '0') {
    return fail('address_code', '身份证号码前 6 位地址码无效', 'The 6-digit address code is not valid');
  }
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isRealDate(y, m, d)) {
    return fail('birth_date', `出生日期 ${birthDate} 不是有效日期`, `The date of birth ${birthDate} is not a real date`);
  }
  if (y < 1900) {
    return fail('birth_date', `出生日期 ${birthDate} 早于 1900 年`, `The date of birth ${birthDate} is before 1900`);
  }
  if (birthDate > today) {
    return fail('birth_date', `出生日期 ${birthDate} 晚于今天`, `The date of birth ${birthDate} is in the future`);
  }
  const expected = residentIdCheckDigit(s.slice(0, 17));
  if (s[17] !== expected) {
    return fail('check_digit', '身份证号码校验码不正确，请核对', 'The check digit does not match; please check the number');
  }
  return { ok: true, value: s, birthDate, sex: Number(s[16]) % 2 === 1 ? 'M' : 'F', addressCode };
}

// ---------------------------------------------------------------------------------------------
// Unified social credit code — GB 32100-2015
// ---------------------------------------------------------------------------------------------

/** The 31 characters of GB 32100 in value order (no I, O, Z, S, V). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Wᵢ = 3^(i−1) mod 31 */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Check character: C18 = 31 − (Σ value(Cᵢ)·Wᵢ mod 31), 31 written as '0'. */
export function usccCheckChar(first17: string): string {
  const s = first17.toUpperCase();
  if (s.length !== 17) throw new RangeError('usccCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(s[i]);
    if (v < 0) throw new RangeError(`usccCheckChar: '${s[i]}' is not in the GB 32100 character set`);
    sum += v * USCC_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c];
}

export interface UsccInfo {
  /** normalised: upper case */
  value: string;
  /** position 1: 登记管理部门代码 (1 机构编制, 5 民政, 9 工商/市场监管, Y 其他, …) */
  registrationAuthority: string;
  /** position 2: 机构类别代码 */
  organizationType: string;
  /** positions 3–8: 登记管理机关行政区划码 */
  divisionCode: string;
}

export function validateUscc(input: string): IdentifierResult<UsccInfo> {
  const s = String(input ?? '').toUpperCase();
  if (s.length !== 18) {
    return fail('length', `统一社会信用代码应为 18 位，实为 ${s.length} 位`, `A unified social credit code has 18 characters, got ${s.length}`);
  }
  const bad = [...s].filter((c) => !USCC_CHARSET.includes(c));
  if (bad.length > 0) {
    const list = [...new Set(bad)].join(' ');
    return fail(
      'charset',
      `统一社会信用代码含不允许的字符：${list}（不使用 I、O、Z、S、V）`,
      `The code contains characters outside the GB 32100 set: ${list} (I, O, Z, S, V are never used)`,
    );
  }
  if (!/^\d{6}$/.test(s.slice(2, 8))) {
    return fail('division_code', '统一社会信用代码第 3–8 位应为行政区划码（6 位数字）', 'Positions 3–8 must be the 6-digit administrative division code');
  }
  if (s[17] !== usccCheckChar(s.slice(0, 17))) {
    return fail('check_digit', '统一社会信用代码校验码不正确，请核对', 'The check character does not match; please check the code');
  }
  return { ok: true, value: s, registrationAuthority: s[0], organizationType: s[1], divisionCode: s.slice(2, 8) };
}

// ---------------------------------------------------------------------------------------------
// ISO 7064 MOD 37,36 (hybrid system) and the GB/T 36904 licence identifier
// ---------------------------------------------------------------------------------------------

const ALNUM36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function alnumValue(c: string): number {
  const v = ALNUM36.indexOf(c.toUpperCase());
  if (v < 0) throw new RangeError(`'${c}' is not in the alphabet 0-9A-Z`);
  return v;
}

/**
 * ISO/IEC 7064 MOD 37,36 check character (hybrid system, M = 36, M+1 = 37, alphabet 0-9A-Z):
 * P₀ = M; for each character: S = (P + value) mod M, with 0 read as M; P = 2·S mod (M+1).
 * The check character a makes (P + a) mod M = 1, i.e. a = (M + 1 − P) mod M.
 */
export function mod37_36Check(str: string): string {
  let p = 36;
  for (const c of str) {
    let s = (p + alnumValue(c)) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return ALNUM36[(37 - p) % 36];
}

/** True when the last character of `strWithCheck` is its correct MOD 37,36 check character. */
export function mod37_36Valid(strWithCheck: string): boolean {
  if (strWithCheck.length < 2 || ![...strWithCheck].every((c) => ALNUM36.includes(c.toUpperCase()))) return false;
  let p = 36;
  const chars = [...strWithCheck];
  for (let i = 0; i < chars.length - 1; i++) {
    let s = (p + alnumValue(chars[i])) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  return (p + alnumValue(chars[chars.length - 1])) % 36 === 1;
}

export const LICENSE_OID_PREFIX = '1.2.156.3005.2';

export interface LicenseIdentifierParts {
  /** 证照类型代码 (letters and digits) */
  typeCode: string;
  /** 颁发机构代码 (normally the issuer's unified social credit code) */
  issuerCode: string;
  /** 流水号 */
  serial: string;
  /** 版本号 0–999, written as 3 digits */
  version: number;
}

const PART = /^[0-9A-Z]{1,64}$/;

function checkParts(p: LicenseIdentifierParts): IdentifierError | null {
  for (const [name, v] of [
    ['typeCode', p.typeCode],
    ['issuerCode', p.issuerCode],
    ['serial', p.serial],
  ] as const) {
    if (typeof v !== 'string' || !PART.test(v)) {
      return fail('layout', `${name} 只能由数字和大写字母组成（1–64 位）`, `${name} must be 1–64 digits or upper-case letters`);
    }
  }
  if (!Number.isInteger(p.version) || p.version < 0 || p.version > 999) {
    return fail('layout', '版本号应为 0–999 的整数', 'version must be an integer 0–999');
  }
  return null;
}

/**
 * `1.2.156.3005.2.{type}.{issuer}.{serial}.{version 3 digits}.{check}`; the check character is
 * MOD 37,36 over type + issuer + serial + version joined without dots.
 */
export function licenseIdentifier(parts: LicenseIdentifierParts): string {
  const typeCode = String(parts.typeCode ?? '').toUpperCase();
  const issuerCode = String(parts.issuerCode ?? '').toUpperCase();
  const serial = String(parts.serial ?? '').toUpperCase();
  const err = checkParts({ typeCode, issuerCode, serial, version: parts.version });
  if (err) throw new RangeError(err.en);
  const version = String(parts.version).padStart(3, '0');
  const check = mod37_36Check(`${typeCode}${issuerCode}${serial}${version}`);
  return `${LICENSE_OID_PREFIX}.${typeCode}.${issuerCode}.${serial}.${version}.${check}`;
}

export function parseLicenseIdentifier(input: string): IdentifierResult<LicenseIdentifierParts & { value: string; check: string }> {
  const s = String(input ?? '').trim().toUpperCase();
  if (!s.startsWith(`${LICENSE_OID_PREFIX}.`)) {
    return fail('layout', `电子证照标识应以 ${LICENSE_OID_PREFIX}. 开头`, `A licence identifier starts with ${LICENSE_OID_PREFIX}.`);
  }
  const rest = s.slice(LICENSE_OID_PREFIX.length + 1).split('.');
  if (rest.length !== 5) {
    return fail('layout', '电子证照标识应为：前缀.类型代码.颁发机构代码.流水号.版本号.校验位', 'Expected prefix.type.issuer.serial.version.check');
  }
  const [typeCode, issuerCode, serial, versionText, check] = rest;
  if (!/^\d{3}$/.test(versionText)) {
    return fail('layout', '版本号应为 3 位数字', 'The version must be 3 digits');
  }
  const parts = { typeCode, issuerCode, serial, version: Number(versionText) };
  const err = checkParts(parts);
  if (err) return err;
  if (!/^[0-9A-Z]$/.test(check)) {
    return fail('layout', '校验位应为 1 位数字或字母', 'The check character must be one digit or letter');
  }
  if (mod37_36Check(`${typeCode}${issuerCode}${serial}${versionText}`) !== check) {
    return fail('check_digit', '电子证照标识校验位不正确', 'The check character of the licence identifier does not match');
  }
  return { ok: true, value: s, ...parts, check };
}

// ---------------------------------------------------------------------------------------------
// Masks (lists, logs, public progress pages)
// ---------------------------------------------------------------------------------------------

/** `371302199001011234` → `3713**********1234`; short values keep only their first and last character. */
export function maskIdNumber(s: string | null | undefined): string {
  const chars = [...String(s ?? '')];
  const n = chars.length;
  if (n === 0) return '';
  if (n <= 2) return '*'.repeat(n);
  if (n <= 8) return chars[0] + '*'.repeat(n - 2) + chars[n - 1];
  return chars.slice(0, 4).join('') + '*'.repeat(n - 8) + chars.slice(n - 4).join('');
}

/** `13812345678` → `138****5678`; other lengths keep the first 3 and last 4 when long enough. */
export function maskPhone(s: string | null | undefined): string {
  const chars = [...String(s ?? '')];
  const n = chars.length;
  if (n === 0) return '';
  if (n >= 8) return chars.slice(0, 3).join('') + '*'.repeat(n - 7) + chars.slice(n - 4).join('');
  if (n <= 2) return '*'.repeat(n);
  return '*'.repeat(n - 2) + chars.slice(n - 2).join('');
}

/** `张三明` → `张*明`, `张三` → `张*`, `欧阳小明` → `欧**明`. */
export function maskName(s: string | null | undefined): string {
  const chars = [...String(s ?? '').trim()];
  const n = chars.length;
  if (n === 0) return '';
  if (n === 1) return '*';
  if (n === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(n - 2) + chars[n - 1];
}
