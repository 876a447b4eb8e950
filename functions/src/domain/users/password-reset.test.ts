import { codeReplaces, newPasswordReset, resetCode, resetCodeLive } from './password-reset';

describe('reset codes', () => {
  it('draws six digits uniformly from a million, leading zeros kept', () => {
    const asked: number[] = [];
    const draw = (pick: (max: number) => number) => resetCode((max) => (asked.push(max), pick(max)));
    expect([draw(() => 0), draw(() => 42), draw((max) => max - 1)]).toEqual(['000000', '000042', '999999']);
    expect(asked).toEqual([1_000_000, 1_000_000, 1_000_000]);
  });

  it('works for ten minutes from its text, to the millisecond, however long before it was asked for', () => {
    const at = new Date('2026-11-28T02:00:00Z');
    const reset = newPasswordReset('u-c00127', 'hash', at);
    expect(reset).toEqual({ uid: 'u-c00127', codeHash: 'hash', requestedAt: '2026-11-28T02:00:00.000Z', expiresAt: '2026-11-28T02:10:00.000Z' });
    expect(resetCodeLive(reset, new Date('2026-11-28T02:09:59.999Z'))).toBe(true);
    expect(resetCodeLive(reset, new Date('2026-11-28T02:10:00.000Z'))).toBe(false);
    const late = newPasswordReset('u-c00127', 'hash', new Date('2026-11-28T02:03:00Z'), at);
    expect(late).toMatchObject({ requestedAt: '2026-11-28T02:00:00.000Z', expiresAt: '2026-11-28T02:13:00.000Z' });
  });

  it('replace a stored code only for the same or a later request', () => {
    const asked = (iso: string) => ({ requestedAt: iso });
    expect(codeReplaces(asked('2026-11-28T02:00:00.000Z'), null)).toBe(true);
    expect(codeReplaces(asked('2026-11-28T02:00:01.000Z'), asked('2026-11-28T02:00:00.000Z'))).toBe(true);
    expect(codeReplaces(asked('2026-11-28T02:00:00.000Z'), asked('2026-11-28T02:00:00.000Z'))).toBe(true);
    expect(codeReplaces(asked('2026-11-28T01:59:59.999Z'), asked('2026-11-28T02:00:00.000Z'))).toBe(false);
  });
});
