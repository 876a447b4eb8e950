import { publicUser, userSchema } from './user';

const base = { uid: 'u-driver1', username: 'driver1', displayName: '司機一', passwordHash: 'scrypt$1$1$1$a$b', disabled: false };

describe('userSchema', () => {
  it('requires a driver id for drivers and a customer id for customers', () => {
    expect(userSchema.safeParse({ ...base, role: 'driver' }).success).toBe(false);
    expect(userSchema.safeParse({ ...base, role: 'driver', driverId: 'drv-01' }).success).toBe(true);
    expect(userSchema.safeParse({ ...base, role: 'customer' }).success).toBe(false);
    expect(userSchema.safeParse({ ...base, role: 'office' }).success).toBe(true);
  });

  it('never lets the hash or the session bounds out', () => {
    const user = userSchema.parse({ ...base, role: 'office', sessionsValidFrom: '2026-11-28T02:03:04.567Z', sessionsValidFromSeconds: 1795831384 });
    expect(publicUser(user)).not.toHaveProperty('passwordHash');
    expect(publicUser(user)).toEqual({ uid: 'u-driver1', username: 'driver1', displayName: '司機一', role: 'office' });
  });
});
