import { describe, expect, it } from 'vitest';
import { afterFailure, backoffMs, errorText, maskRecipient, maskText, validateNotice, type Notice } from './model.js';

describe('retry schedule', () => {
  it('waits 30 s × 2^(attempts−1), capped at 1 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffMs(n) / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(backoffMs(100)).toBe(3_600_000);
  });

  it('parks after the 8th failed attempt', () => {
    expect(afterFailure(1, '2026-03-16T02:00:00.000Z')).toEqual({ status: 'pending', nextAttemptAt: '2026-03-16T02:00:30.000Z' });
    expect(afterFailure(7, '2026-03-16T02:00:00.000Z')).toEqual({ status: 'pending', nextAttemptAt: '2026-03-16T02:32:00.000Z' });
    expect(afterFailure(8, '2026-03-16T02:00:00.000Z')).toEqual({ status: 'parked' });
    expect(afterFailure(3, '2026-03-16T02:00:00.000Z', { baseDelayMs: 1000, maxDelayMs: 2000, maxAttempts: 3 })).toEqual({ status: 'parked' });
  });
});

describe('masking', () => {
  it('masks recipients', () => {
    expect(maskRecipient('sms', '13812345678')).toBe('138****5678');
    expect(maskRecipient('sms', '+8613812345678')).toBe('138****5678');
    expect(maskRecipient('email', 'wang.kun@example.cn')).toBe('w*******@example.cn');
  });

  it('masks phones, ID numbers and e-mail addresses inside texts, and nothing else', () => {
    expect(maskText('王堃您好，请致电13812345678或+86 13900001111；身份证37131119900307001X；邮箱a.b@x.cn')).toBe(
      '王堃您好，请致电138****5678或139****1111；身份证3713**********001X；邮箱a**@x.cn',
    );
    const caseNo = '您的办件 371311202603160000012 已受理，咨询 0539-8888888';
    expect(maskText(caseNo)).toBe(caseNo);
  });

  it('keeps errors to one masked line', () => {
    expect(errorText(new Error('gateway refused 13812345678:\n  quota exceeded'))).toBe('gateway refused 138****5678: quota exceeded');
    expect(errorText(new TypeError('x'))).toBe('TypeError: x');
    expect(errorText('x'.repeat(900))).toHaveLength(500);
  });
});

describe('validateNotice', () => {
  const ok: Notice = { channel: 'sms', recipient: '13812345678', kind: 'case.accepted', body: '已受理' };
  it('accepts a well-formed notice and refuses bad ones', () => {
    expect(() => validateNotice(ok)).not.toThrow();
    expect(() => validateNotice({ ...ok, channel: 'SMS!' })).toThrow(/channel/);
    expect(() => validateNotice({ ...ok, recipient: '' })).toThrow(/recipient/);
    expect(() => validateNotice({ ...ok, body: '' })).toThrow(/body/);
    expect(() => validateNotice({ ...ok, body: '字'.repeat(2001) })).toThrow(/body/);
    expect(() => validateNotice({ ...ok, notBefore: 'tomorrow' })).toThrow(/notBefore/);
  });
});
