import { applyUserPatch, changePasswordInputSchema, createUserInputSchema, newUser, portalAccountOfCustomer, updateUserInputSchema, withNewPassword } from './account';

describe('user accounts', () => {
  const now = new Date('2026-11-28T02:03:04.567Z');
  const admin = { uid: 'u-other-admin' };

  it('normalises the username and never keeps the plain password', () => {
    const input = createUserInputSchema.parse({ username: ' Driver9 ', displayName: '司機', role: 'driver', driverId: 'drv-9', password: 'long-enough-pw' });
    const user = newUser(input, 'scrypt$hash', 'u-req1');
    expect(user).toEqual({ uid: 'u-driver9', username: 'driver9', displayName: '司機', role: 'driver', driverId: 'drv-9', passwordHash: 'scrypt$hash', disabled: false });
    expect(JSON.stringify(user)).not.toContain('long-enough-pw');
  });

  it('keys a portal account by the opaque uid it is given, never by the username a customer chose, where staff go by theirs', () => {
    const portal = newUser(createUserInputSchema.parse({ username: '0960327259', displayName: '劉佩君', role: 'customer', customerId: 'cust-a', password: 'long-enough-pw' }), 'h', 'u-3f9a2c');
    expect(portal).toMatchObject({ uid: 'u-3f9a2c', username: '0960327259' });
    const office = newUser(createUserInputSchema.parse({ username: 'office9', displayName: 'o', role: 'office', password: 'long-enough-pw' }), 'h', 'u-3f9a2c');
    expect(office.uid).toBe('u-office9');
  });

  it('requires the link its role needs and a long password', () => {
    const r = createUserInputSchema.safeParse({ username: 'c1', displayName: 'x', role: 'customer', password: 'short' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).sort()).toEqual(['USER.CUSTOMER_ID_REQUIRED', 'USER.PASSWORD_TOO_SHORT', 'USER.USERNAME_INVALID']);
    const noLink = createUserInputSchema.safeParse({ username: 'cust1', displayName: 'x', role: 'customer', password: 'long-enough-pw' });
    expect(noLink.error?.issues.map((i) => i.message)).toEqual(['USER.CUSTOMER_ID_REQUIRED']);
  });

  it('gives an account a new password that ends its sessions from before, keeping the rest', () => {
    const user = newUser(createUserInputSchema.parse({ username: 'office9', displayName: '辦公室', role: 'office', password: 'long-enough-pw' }), 'scrypt$old', 'u-req1');
    const now = new Date('2026-11-28T02:03:04.567Z');
    expect(withNewPassword(user, 'scrypt$new', now)).toEqual({ ...user, passwordHash: 'scrypt$new', sessionsValidFrom: '2026-11-28T02:03:04.567Z', sessionsValidFromSeconds: 1795831384 });
  });

  it('takes a password change only with a long new password that differs from the current one', () => {
    expect(changePasswordInputSchema.safeParse({ currentPassword: 'old-password', newPassword: 'a-new-password' }).success).toBe(true);
    const messages = (body: unknown) => changePasswordInputSchema.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages({ currentPassword: 'old-password', newPassword: 'old-password' })).toEqual(['newPassword: USER.PASSWORD_UNCHANGED']);
    expect(messages({ currentPassword: '', newPassword: 'short' })).toEqual(expect.arrayContaining(['newPassword: USER.PASSWORD_TOO_SHORT']));
  });

  it("lets the office reach only a customer's own portal accounts", () => {
    const account = (role: 'customer' | 'office' | 'driver', links: { customerId?: string; driverId?: string } = {}) =>
      newUser(createUserInputSchema.parse({ username: `${role}1`, displayName: 'x', role, ...links, password: 'long-enough-pw' }), 'scrypt$h', 'u-req1');
    const own = account('customer', { customerId: 'cust-a' });
    expect(portalAccountOfCustomer(own, 'cust-a')).toBe(own);
    for (const other of [account('customer', { customerId: 'cust-b' }), account('office'), account('driver', { driverId: 'drv-1' })]) {
      expect(() => portalAccountOfCustomer(other, 'cust-a')).toThrow(expect.objectContaining({ code: 'USER.NOT_FOUND', kind: 'not_found' }));
    }
  });

  it('creates a Turnkey machine account without any driver or customer link', () => {
    const input = createUserInputSchema.parse({ username: 'turnkey', displayName: '財政部上傳機', role: 'turnkey', driverId: 'drv-1', customerId: 'cust-a', password: 'long-enough-pw' });
    expect(newUser(input, 'scrypt$hash', 'u-req1')).toEqual({ uid: 'u-turnkey', username: 'turnkey', displayName: '財政部上傳機', role: 'turnkey', passwordHash: 'scrypt$hash', disabled: false });
  });

  it('drops a driver link when the role changes', () => {
    const driver = newUser(createUserInputSchema.parse({ username: 'drv1', displayName: 'd', role: 'driver', driverId: 'drv-1', password: 'long-enough-pw' }), 'h', 'u-req1');
    const office = applyUserPatch(driver, updateUserInputSchema.parse({ role: 'office' }), now, admin);
    expect(office.role).toBe('office');
    expect(office.driverId).toBeUndefined();
    expect(applyUserPatch(driver, { role: 'turnkey' }, now, admin)).not.toHaveProperty('driverId');
    expect(applyUserPatch(driver, { disabled: true }, now, admin)).toMatchObject({ disabled: true, driverId: 'drv-1' });
  });

  it('refuses an admin disabling or demoting their own account, and lets them rename it', () => {
    const boss = newUser(createUserInputSchema.parse({ username: 'boss', displayName: '老闆', role: 'admin', password: 'long-enough-pw' }), 'h', 'u-req1');
    for (const patch of [{ disabled: true }, { role: 'office' as const }]) {
      expect(() => applyUserPatch(boss, patch, now, boss)).toThrow(expect.objectContaining({ code: 'USER.SELF_LOCKOUT', kind: 'conflict' }));
      expect(applyUserPatch(boss, patch, now, admin)).toMatchObject(patch);
    }
    expect(applyUserPatch(boss, { displayName: '老闆娘', role: 'admin', disabled: false }, now, boss).displayName).toBe('老闆娘');
  });

  it('ends the sessions of an account whose role or link changes, since tokens carry both, and only then', () => {
    const portal = newUser(createUserInputSchema.parse({ username: 'cust1', displayName: 'c', role: 'customer', customerId: 'cust-a', password: 'long-enough-pw' }), 'h', 'u-req1');
    const ended = { sessionsValidFrom: '2026-11-28T02:03:04.567Z', sessionsValidFromSeconds: 1795831384 };
    expect(applyUserPatch(portal, { customerId: 'cust-b' }, now, admin)).toMatchObject({ customerId: 'cust-b', ...ended });
    expect(applyUserPatch(portal, { role: 'office' }, now, admin)).toMatchObject({ role: 'office', ...ended });
    for (const same of [{ displayName: '新名字' }, { disabled: false }, { customerId: 'cust-a' }, { role: 'customer' as const }]) {
      expect(applyUserPatch(portal, same, now, admin)).not.toHaveProperty('sessionsValidFrom');
    }
  });

  it('ends every session of an account it disables, so enabling it again revives none of them', () => {
    const driver = newUser(createUserInputSchema.parse({ username: 'drv1', displayName: 'd', role: 'driver', driverId: 'drv-1', password: 'long-enough-pw' }), 'h', 'u-req1');
    const disabled = applyUserPatch(driver, { disabled: true }, now, admin);
    expect(disabled).toMatchObject({ disabled: true, sessionsValidFrom: '2026-11-28T02:03:04.567Z', sessionsValidFromSeconds: 1795831384 });
    const later = new Date('2026-12-02T00:00:00Z');
    expect(applyUserPatch(disabled, { disabled: false }, later, admin)).toMatchObject({ disabled: false, sessionsValidFrom: '2026-11-28T02:03:04.567Z' });
    expect(applyUserPatch(disabled, { disabled: true }, later, admin).sessionsValidFrom).toBe('2026-11-28T02:03:04.567Z');
  });
});
