import { hashPassword, verifyPassword } from './password';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies the right password only', async () => {
    const stored = await hashPassword('luckygas-demo', { params: FAST });
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    await expect(verifyPassword('luckygas-demo', stored)).resolves.toBe(true);
    await expect(verifyPassword('luckygas-dem0', stored)).resolves.toBe(false);
  });

  it('salts every hash differently unless a salt is given', async () => {
    const a = await hashPassword('pw', { params: FAST });
    const b = await hashPassword('pw', { params: FAST });
    expect(a).not.toBe(b);
    const salt = Buffer.alloc(16, 7);
    expect(await hashPassword('pw', { params: FAST, salt })).toBe(await hashPassword('pw', { params: FAST, salt }));
  });

  it('uses N=16384 by default', async () => {
    expect(await hashPassword('pw')).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it.each([
    ['', 'empty'],
    ['bcrypt$xx', 'another scheme'],
    ['scrypt$1000$8$1$AAAA$AAAA', 'N not a power of two'],
    ['scrypt$16384$8$1$$AAAA', 'no salt'],
    ['scrypt$4194304$8$1$AAAA$AAAA', 'an N too costly to try'],
  ])('rejects a malformed stored value (%s: %s)', async (stored) => {
    await expect(verifyPassword('pw', stored)).resolves.toBe(false);
  });
});
