import { describe, expect, it } from 'vitest';
import { Problem } from '../problem.js';
import { checkUpload, formatSize, isSha256, sniffMediaType } from './model.js';
import { SAMPLES, bytes } from './testing.js';

describe('sniffMediaType', () => {
  it('recognises PDF, PNG and JPEG by their magic numbers', () => {
    expect(sniffMediaType(SAMPLES.pdf)).toBe('application/pdf');
    expect(sniffMediaType(SAMPLES.png)).toBe('image/png');
    expect(sniffMediaType(SAMPLES.jpeg)).toBe('image/jpeg');
  });

  it('recognises nothing else', () => {
    for (const b of [SAMPLES.html, SAMPLES.exe, SAMPLES.zip, SAMPLES.svg, SAMPLES.pdfLater, Buffer.alloc(0), bytes('%PDF'), bytes([0xff, 0xd8]), bytes([0x89, 0x50, 0x4e, 0x47])]) {
      expect(sniffMediaType(b)).toBeNull();
    }
  });
});

describe('checkUpload', () => {
  const refusal = (f: () => unknown): Problem => {
    try {
      f();
    } catch (e) {
      return e as Problem;
    }
    throw new Error('expected a refusal');
  };

  it('refuses empty, too large and unknown content with problems in both languages', () => {
    expect(refusal(() => checkUpload(Buffer.alloc(0)))).toMatchObject({ status: 422, code: 'empty_file' });
    const big = refusal(() => checkUpload(Buffer.concat([SAMPLES.png, Buffer.alloc(2000)]), 1024));
    expect(big).toMatchObject({ status: 413, code: 'file_too_large' });
    expect(big.text.zh).toContain('1 KB');
    const bad = refusal(() => checkUpload(SAMPLES.html));
    expect(bad).toMatchObject({ status: 415, code: 'unsupported_file_type' });
    expect(bad.text.zh).toContain('PDF、JPEG、PNG');
    expect(bad.text.en).toContain('PDF, JPEG and PNG');
  });

  it('returns the sniffed type of good content', () => {
    expect(checkUpload(SAMPLES.jpeg)).toBe('image/jpeg');
  });
});

describe('names', () => {
  it('accepts only 64 lowercase hex characters', () => {
    expect(isSha256('a'.repeat(64))).toBe(true);
    expect(isSha256('A'.repeat(64))).toBe(false);
    expect(isSha256('a'.repeat(63))).toBe(false);
    expect(isSha256(`../${'a'.repeat(61)}`)).toBe(false);
    expect(isSha256(`${'a'.repeat(64)}\n`)).toBe(false);
    expect(isSha256(undefined)).toBe(false);
  });

  it('formats sizes', () => {
    expect(formatSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(12)).toBe('12 B');
  });
});
