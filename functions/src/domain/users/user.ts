import type { Role } from '../events';
import { instantSchema, z } from '../schema';

export const ROLES = ['admin', 'office', 'driver', 'customer', 'turnkey'] as const satisfies readonly Role[];

/** Who did something, as records keep it: a signed-in role or the system itself (jobs). */
export const actorSchema = z.object({ uid: z.string().min(1), role: z.enum([...ROLES, 'system']) });

/** Who is calling: what a verified token says (structurally the same as the HTTP layer's principal). */
export interface Principal {
  readonly uid: string;
  readonly role: Role;
  readonly driverId?: string | undefined;
  readonly customerId?: string | undefined;
}

/** `users/{uid}`. A driver account links its driver, a customer account its customer. */
export const userSchema = z
  .object({
    uid: z.string().min(1),
    username: z
      .string()
      .regex(/^[a-z0-9._-]{3,64}$/)
      .describe('lower case; login is case-insensitive'),
    displayName: z.string().min(1).max(60),
    role: z.enum(ROLES),
    driverId: z.string().min(1).optional(),
    customerId: z.string().min(1).optional(),
    passwordHash: z.string().startsWith('scrypt$'),
    disabled: z.boolean(),
    sessionsValidFrom: instantSchema
      .optional()
      .describe('set when the password changes: tokens of sign-ins before it are refused, so every old session ends'),
    sessionsValidFromSeconds: z
      .number()
      .int()
      .optional()
      .describe('the same instant in whole seconds, as ID tokens count auth_time: firestore.rules cannot read an ISO string as a time'),
  })
  .refine((u) => u.role !== 'driver' || u.driverId, { message: 'USER.DRIVER_ID_REQUIRED', path: ['driverId'] })
  .refine((u) => u.role !== 'customer' || u.customerId, { message: 'USER.CUSTOMER_ID_REQUIRED', path: ['customerId'] });
export type User = z.infer<typeof userSchema>;

export type PublicUser = Omit<User, 'passwordHash' | 'disabled' | 'sessionsValidFrom' | 'sessionsValidFromSeconds'>;

/** What may leave the server: never the hash. */
export function publicUser(user: User): PublicUser {
  const { passwordHash: _hash, disabled: _disabled, sessionsValidFrom: _validFrom, sessionsValidFromSeconds: _validFromSeconds, ...rest } = user;
  return rest;
}

export const isStaff = (p: { readonly role: string }): boolean => p.role === 'admin' || p.role === 'office';

export const userMessages = {
  'USER.DRIVER_ID_REQUIRED': { 'zh-TW': '司機帳號須連結司機', en: 'A driver account needs a driver id' },
  'USER.CUSTOMER_ID_REQUIRED': { 'zh-TW': '客戶帳號須連結客戶', en: 'A customer account needs a customer id' },
} as const;
