import { changePassword, type ChangePasswordDeps } from './change-password';
import type { CredentialRecord } from './login';
import type { ThrottleState } from './login-throttle';

const NOW = new Date('2026-11-28T02:00:00Z');
/** The system's time, which tokens are dated by: hours off the functions' where a test pins theirs. */
const SYSTEM_NOW = new Date('2026-11-28T07:30:00Z');
const driver: CredentialRecord = { uid: 'u-driver1', username: 'driver1', displayName: '司機', role: 'driver', driverId: 'drv-1', passwordHash: 'hash-of-old', disabled: false };

function deps(user: CredentialRecord | null) {
  const states = new Map<string, ThrottleState>();
  const saved: { uid: string; passwordHash: string; now: Date }[] = [];
  const d: ChangePasswordDeps = {
    findByUid: async (uid) => (user?.uid === uid ? user : null),
    throttle: {
      get: async (k) => states.get(k) ?? null,
      update: async (k, next) => void states.set(k, next(states.get(k) ?? null)),
      clear: async (k) => void states.delete(k),
    },
    verifyPassword: async (password, stored) => stored === `hash-of-${password}`,
    hashPassword: async (password) => `hash-of-${password}`,
    setPassword: async (uid, passwordHash, now) => void saved.push({ uid, passwordHash, now }),
    clock: { now: () => NOW },
    tokenClock: { now: () => SYSTEM_NOW },
  };
  return { d, saved, states };
}
const input = (currentPassword: string) => ({ uid: 'u-driver1', ip: '203.0.113.9', currentPassword, newPassword: 'brand-new-password' });

describe('changePassword', () => {
  it('stores the new hash and ends the sessions signed in before now by the system’s time, which tokens carry, and clears the account’s failure count', async () => {
    const { d, saved, states } = deps(driver);
    await expect(changePassword(input('wrong'), d)).rejects.toMatchObject({ code: 'AUTH.WRONG_PASSWORD' });
    expect(await changePassword(input('old'), d)).toEqual({ sessionsValidFrom: SYSTEM_NOW.toISOString() });
    expect(saved).toEqual([{ uid: 'u-driver1', passwordHash: 'hash-of-brand-new-password', now: SYSTEM_NOW }]);
    expect(states.has('account:driver1')).toBe(false);
    expect(states.get('ip:203.0.113.9')?.failures).toBe(1);
  });

  it('refuses a wrong current password as a field error and stores nothing', async () => {
    const { d, saved } = deps(driver);
    await expect(changePassword(input('wrong'), d)).rejects.toMatchObject({ code: 'AUTH.WRONG_PASSWORD', kind: 'validation', details: { path: 'currentPassword' } });
    expect(saved).toEqual([]);
  });

  it('answers not found for an account that is gone or disabled, without checking a password', async () => {
    for (const user of [null, { ...driver, disabled: true }]) {
      const { d, saved, states } = deps(user);
      await expect(changePassword(input('old'), d)).rejects.toMatchObject({ code: 'USER.NOT_FOUND' });
      expect(saved).toEqual([]);
      expect(states.size).toBe(0);
    }
  });
});
