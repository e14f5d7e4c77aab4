import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

describe('security headers', () => {
  it('allows scripts only from our own origin and forbids framing', () => {
    const csp = securityHeaders({ hsts: false })['content-security-policy'];
    expect(csp.split(';')).toContain("script-src 'self'");
    expect(csp.split(';')).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('adds HSTS only when the site runs behind TLS in production', () => {
    expect(securityHeaders({ hsts: false })).not.toHaveProperty('strict-transport-security');
    expect(securityHeaders({ hsts: true })['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
