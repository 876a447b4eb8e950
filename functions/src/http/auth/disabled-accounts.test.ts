import { DomainError } from '../../domain/errors';
import { refusingDisabledAccounts } from './disabled-accounts';
import type { Principal } from './principal';
import type { TokenVerifier } from './token-verifier';

const office: Principal = { uid: 'u-office', role: 'office' };
const inner: TokenVerifier = { verify: async () => office };

function setUp(disabled: Set<string>) {
  let now = 0;
  const lookups: string[] = [];
  const verifier = refusingDisabledAccounts(inner, {
    isDisabled: async (uid) => {
      lookups.push(uid);
      return disabled.has(uid);
    },
    ttlMs: 30_000,
    now: () => now,
  });
  return { verifier, lookups, advance: (ms: number) => (now += ms) };
}

describe('refusingDisabledAccounts', () => {
  it('lets an enabled account through and refuses a disabled one as unauthenticated', async () => {
    expect(await setUp(new Set()).verifier.verify('t')).toEqual(office);
    await expect(setUp(new Set(['u-office'])).verifier.verify('t')).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    await expect(setUp(new Set(['u-office'])).verifier.verify('t')).rejects.toBeInstanceOf(DomainError);
  });

  it('asks once per interval per account, and sees a change once the interval has passed', async () => {
    const disabled = new Set<string>();
    const { verifier, lookups, advance } = setUp(disabled);
    await verifier.verify('t');
    advance(29_999);
    await verifier.verify('t');
    expect(lookups).toEqual(['u-office']);
    disabled.add('u-office');
    advance(1);
    await expect(verifier.verify('t')).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    expect(lookups).toEqual(['u-office', 'u-office']);
  });

  it('does not ask about a token the inner verifier refused', async () => {
    const lookups: string[] = [];
    const refusing: TokenVerifier = { verify: async () => Promise.reject(new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'bad')) };
    const verifier = refusingDisabledAccounts(refusing, { isDisabled: async (uid) => (lookups.push(uid), false), ttlMs: 1, now: () => 0 });
    await expect(verifier.verify('t')).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    expect(lookups).toEqual([]);
  });
});
