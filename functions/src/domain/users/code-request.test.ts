import { CODE_REQUESTED, codeRequestExpired, codeRequestSchema, codeRequestedEvent } from './code-request';

const T0 = new Date('2026-11-28T02:00:00Z');

describe('code requests', () => {
  it('announce what was asked, by nobody signed in, under an event of their own', () => {
    const event = codeRequestedEvent('e-1', { purpose: 'portal-signup', customerCode: 'C00127', mobile: '0912345678', locale: 'en' }, T0);
    expect(event).toMatchObject({ id: 'e-1', type: CODE_REQUESTED, occurredAt: T0.toISOString(), actor: { role: 'system' }, subject: 'codeRequests/e-1', sequence: 1 });
    expect(codeRequestSchema.parse(event.data)).toEqual({ purpose: 'portal-signup', customerCode: 'C00127', mobile: '0912345678', locale: 'en' });
  });

  it('refuse a request missing what its purpose needs', () => {
    expect(codeRequestSchema.safeParse({ purpose: 'password-reset', locale: 'zh-TW' }).success).toBe(false);
    expect(codeRequestSchema.safeParse({ purpose: 'portal-signup', customerCode: 'C00127', locale: 'zh-TW' }).success).toBe(false);
    expect(codeRequestSchema.safeParse({ purpose: 'unlock', username: 'c00127', locale: 'zh-TW' }).success).toBe(false);
  });

  it('stop being worth answering once a code sent for them would have expired', () => {
    const event = { occurredAt: T0.toISOString() };
    expect(codeRequestExpired(event, new Date(T0.getTime() + 10 * 60_000 - 1))).toBe(false);
    expect(codeRequestExpired(event, new Date(T0.getTime() + 10 * 60_000))).toBe(true);
  });
});
