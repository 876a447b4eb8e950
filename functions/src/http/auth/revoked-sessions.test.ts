import { UnsecuredJWT } from 'jose';
import { DomainError } from '../../domain/errors';
import type { Principal } from './principal';
import { refusingRevokedSessions, type AccountState } from './revoked-sessions';
import type { TokenVerifier } from './token-verifier';

const office: Principal = { uid: 'u-office', role: 'office' };
const inner: TokenVerifier = { verify: async () => office };
/** Only the claims matter here: the inner verifier stands for the signature check. */
const tokenAt = (claims: { iat: number; auth_time?: number }): string => new UnsecuredJWT({ ...claims, sub: office.uid }).encode();
const T = tokenAt({ iat: 1_000 });

function setUp(states: Map<string, AccountState>) {
  let now = 0;
  const lookups: string[] = [];
  const verifier = refusingRevokedSessions(inner, {
    stateOf: async (uid: string) => {
      lookups.push(uid);
      return states.get(uid) ?? null;
    },
    ttlMs: 30_000,
    now: () => now,
  });
  return { verifier, lookups, advance: (ms: number) => (now += ms) };
}

const refused = { code: 'AUTH.UNAUTHENTICATED' };

describe('refusingRevokedSessions', () => {
  it('lets an enabled account through and refuses a disabled one as unauthenticated, saying it is disabled', async () => {
    expect(await setUp(new Map([['u-office', { disabled: false }]])).verifier.verify(T)).toEqual(office);
    const disabled = setUp(new Map([['u-office', { disabled: true }]])).verifier;
    await expect(disabled.verify(T)).rejects.toMatchObject({ code: 'AUTH.ACCOUNT_DISABLED', kind: 'unauthenticated' });
    await expect(disabled.verify(T)).rejects.toBeInstanceOf(DomainError);
  });

  it('lets a caller without an account through (a service principal)', async () => {
    expect(await setUp(new Map()).verifier.verify(T)).toEqual(office);
  });

  it('refuses a session signed in before the password changed and keeps one signed in since, the same second included', async () => {
    const { verifier } = setUp(new Map([['u-office', { disabled: false, sessionsValidFromMs: 2_000_500 }]]));
    await expect(verifier.verify(tokenAt({ iat: 1_999 }))).rejects.toMatchObject(refused);
    expect(await verifier.verify(tokenAt({ iat: 2_000 }))).toEqual(office);
    expect(await verifier.verify(tokenAt({ iat: 2_001 }))).toEqual(office);
  });

  it("goes by a Firebase ID token's sign-in time, not the issue time its hourly refresh moves on", async () => {
    const { verifier } = setUp(new Map([['u-office', { disabled: false, sessionsValidFromMs: 2_000_000 }]]));
    await expect(verifier.verify(tokenAt({ iat: 5_000, auth_time: 1_500 }))).rejects.toMatchObject(refused);
    expect(await verifier.verify(tokenAt({ iat: 5_000, auth_time: 2_100 }))).toEqual(office);
  });

  it('asks once per interval per account, and sees a change once the interval has passed', async () => {
    const states = new Map([['u-office', { disabled: false } as AccountState]]);
    const { verifier, lookups, advance } = setUp(states);
    await verifier.verify(T);
    advance(29_999);
    await verifier.verify(T);
    expect(lookups).toEqual(['u-office']);
    states.set('u-office', { disabled: false, sessionsValidFromMs: 1_500_000 });
    expect(await verifier.verify(T)).toEqual(office);
    advance(1);
    await expect(verifier.verify(T)).rejects.toMatchObject(refused);
    expect(lookups).toEqual(['u-office', 'u-office']);
  });

  it('asks afresh about an account it was told changed here', async () => {
    const states = new Map([['u-office', { disabled: false } as AccountState]]);
    const { verifier, lookups } = setUp(states);
    await verifier.verify(T);
    states.set('u-office', { disabled: true });
    verifier.forget('u-office');
    await expect(verifier.verify(T)).rejects.toMatchObject({ code: 'AUTH.ACCOUNT_DISABLED' });
    expect(lookups).toEqual(['u-office', 'u-office']);
  });

  it('does not ask about a token the inner verifier refused', async () => {
    const lookups: string[] = [];
    const refusing: TokenVerifier = { verify: async () => Promise.reject(new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'bad')) };
    const verifier = refusingRevokedSessions(refusing, { stateOf: async (uid: string) => (lookups.push(uid), null), ttlMs: 1, now: () => 0 });
    await expect(verifier.verify(T)).rejects.toMatchObject(refused);
    expect(lookups).toEqual([]);
  });
});
