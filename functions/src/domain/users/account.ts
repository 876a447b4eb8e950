import { conflict, notFound } from '../errors';
import { docIdSchema, z } from '../schema';
import { ROLES, type User } from './user';

export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,64}$/, 'USER.USERNAME_INVALID');
/** Long enough to resist guessing at the login throttle's pace; no composition rules (NIST SP 800-63B). */
export const passwordSchema = z.string().min(10, 'USER.PASSWORD_TOO_SHORT').max(256);

const linkRules = <T extends { role?: string; driverId?: string | undefined; customerId?: string | undefined }>(s: z.ZodType<T>) =>
  s
    .refine((u) => u.role !== 'driver' || u.driverId, { message: 'USER.DRIVER_ID_REQUIRED', path: ['driverId'] })
    .refine((u) => u.role !== 'customer' || u.customerId, { message: 'USER.CUSTOMER_ID_REQUIRED', path: ['customerId'] });

export const createUserInputSchema = linkRules(
  z.object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(60),
    role: z.enum(ROLES),
    driverId: docIdSchema.optional(),
    customerId: docIdSchema.optional(),
    password: passwordSchema,
  }),
).openapi('CreateUserRequest', {
  example: { username: 'driver9', displayName: '司機 林志豪', role: 'driver', driverId: 'drv-9', password: 'change-me-please' },
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const updateUserInputSchema = linkRules(
  z
    .object({
      displayName: z.string().trim().min(1).max(60),
      role: z.enum(ROLES),
      driverId: docIdSchema,
      customerId: docIdSchema,
      disabled: z.boolean(),
    })
    .partial(),
).openapi('UpdateUserRequest', { example: { disabled: true } });
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const resetPasswordInputSchema = z
  .object({ password: passwordSchema })
  .openapi('ResetPasswordRequest', { example: { password: 'a-new-long-password' } });

export const changePasswordInputSchema = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: passwordSchema,
  })
  .refine((b) => b.newPassword !== b.currentPassword, { message: 'USER.PASSWORD_UNCHANGED', path: ['newPassword'] })
  .openapi('ChangePasswordRequest', { example: { currentPassword: 'luckygas-demo', newPassword: 'a-new-long-password' } });
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

/** Every session signed in before `now` ends (the API and the Firestore rules both read these two fields). */
const withSessionsFrom = (user: User, now: Date): User => ({
  ...user,
  sessionsValidFrom: now.toISOString(),
  sessionsValidFromSeconds: Math.floor(now.getTime() / 1000),
});

/**
 * The account with a new password. Every session signed in before now ends: whoever knew the old password (the
 * reason to change it, often) keeps no token that works.
 */
export const withNewPassword = (user: User, passwordHash: string, now: Date): User => withSessionsFrom({ ...user, passwordHash }, now);

/**
 * The account disabled, every session it holds ended for good: re-enabled later (a driver back from leave, an account
 * disabled by mistake) it signs in afresh, so the phone of someone let go, or a lost one, keeps no working token.
 */
export const disabledAccount = (user: User, now: Date): User => withSessionsFrom({ ...user, disabled: true }, now);

/**
 * 入口網站帳號: a customer's sign-in to the portal, which the office opens on the phone (the display name defaults to the
 * customer's name).
 */
export const createPortalAccountInputSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(60).optional(),
    password: passwordSchema,
  })
  .openapi('CreatePortalAccountRequest', { example: { username: 'c00127', password: 'a-long-password' } });
export type CreatePortalAccountInput = z.infer<typeof createPortalAccountInputSchema>;

export const portalAccountSchema = z
  .object({ uid: z.string(), username: z.string(), displayName: z.string(), disabled: z.boolean() })
  .openapi('PortalAccount');
export type PortalAccount = z.infer<typeof portalAccountSchema>;

export const portalAccountOf = (u: User): PortalAccount => ({ uid: u.uid, username: u.username, displayName: u.displayName, disabled: u.disabled });

/**
 * The account as the office may touch it through a customer: only a customer account linked to that customer. Any
 * other (a colleague's, a driver's, another customer's) is "not found", so the office cannot reset a staff password.
 */
export function portalAccountOfCustomer(user: User, customerId: string): User {
  if (user.role !== 'customer' || user.customerId !== customerId) {
    throw notFound('USER.NOT_FOUND', `No portal account ${user.uid} for customer ${customerId}`, { uid: user.uid, customerId });
  }
  return user;
}

/**
 * The uid of a new account. Staff, drivers and the Turnkey machine go by their username (`u-office`). A portal account's
 * is the opaque one its caller made for it (`idFromRequest('u', requestId)`): a customer may choose their phone number as
 * their username, and the uid stays where what they did is kept (the audit log, orders' timelines, Firebase Auth's user)
 * after an erasure (個資法 §11) has taken the username off the account.
 */
const userIdFor = (input: Pick<CreateUserInput, 'username' | 'role'>, portalUid: string): string =>
  input.role === 'customer' ? portalUid : `u-${input.username}`;

/** Only a driver account keeps a driverId and only a customer account a customerId: no other role carries a link claim. */
function linksOfItsRole(user: User): User {
  const { driverId, customerId, ...rest } = user;
  return {
    ...rest,
    ...(user.role === 'driver' && driverId ? { driverId } : {}),
    ...(user.role === 'customer' && customerId ? { customerId } : {}),
  };
}

export function newUser(input: CreateUserInput, passwordHash: string, portalUid: string): User {
  const { password: _plain, ...rest } = input;
  return linksOfItsRole({ ...rest, uid: userIdFor(input, portalUid), passwordHash, disabled: false });
}

/**
 * A role change drops links that no longer apply, so a former driver keeps no driverId claim. The role and links ride
 * in the session's token claims (refreshed Firebase ID tokens copy them for the session's whole life), so changing any
 * of them ends the account's sessions: a demoted admin or a portal account moved to another customer signs in again
 * and gets tokens that carry only what it has now. Disabling ends them too (`disabledAccount`).
 */
export function applyUserPatch(user: User, patch: UpdateUserInput, now: Date, by: { readonly uid: string }): User {
  // An admin who disables or demotes their own account signs themself out for good, and the last admin locks everyone out.
  if (user.uid === by.uid && (patch.disabled === true || (patch.role !== undefined && patch.role !== user.role))) {
    throw conflict('USER.SELF_LOCKOUT', `${by.uid} cannot disable or demote their own account`, { path: patch.disabled ? 'disabled' : 'role' });
  }
  const next = linksOfItsRole({ ...user, ...patch });
  const claimsChanged = next.role !== user.role || next.driverId !== user.driverId || next.customerId !== user.customerId;
  if (next.disabled && !user.disabled) return disabledAccount(next, now);
  return claimsChanged ? withSessionsFrom(next, now) : next;
}

export const accountMessages = {
  'USER.USERNAME_INVALID': {
    'zh-TW': '帳號須為 3–64 個小寫英數字或 . _ -',
    en: 'Usernames are 3–64 lower-case letters, digits, . _ or -',
  },
  'USER.PASSWORD_TOO_SHORT': { 'zh-TW': '密碼至少 10 個字元', en: 'Passwords need at least 10 characters' },
  'USER.PASSWORD_UNCHANGED': { 'zh-TW': '新密碼不能與目前的密碼相同', en: 'The new password must differ from the current one' },
  'USER.USERNAME_TAKEN': { 'zh-TW': '此帳號已被使用', en: 'This username is taken' },
  'USER.NOT_FOUND': { 'zh-TW': '找不到使用者', en: 'User not found' },
  'USER.LINK_MISMATCH': { 'zh-TW': '連結的司機或客戶不存在', en: 'The linked driver or customer does not exist' },
  'USER.SELF_LOCKOUT': { 'zh-TW': '不能停用自己的帳號或變更自己的角色，請由另一位管理員操作', en: 'You cannot disable your own account or change your own role; ask another admin' },
} as const;
