/**
 * 登入失敗紀錄: a refused sign-in, kept for the admin (audit 17, F11), so an account someone has left being tried, or a
 * clerk locked out, is seen rather than only counted by the throttle. Never the password typed.
 */
import { instantSchema, z } from '../schema';

/** Why it was refused: the password, an account that does not exist, a disabled account (its right password), the throttle. */
export const SIGN_IN_FAILURE_REASONS = ['wrong_password', 'unknown_account', 'account_disabled', 'locked_out'] as const;
export type SignInFailureReason = (typeof SIGN_IN_FAILURE_REASONS)[number];

/** Days a refused sign-in is kept: long enough to look back over a quarter, shorter than the audit log's years. */
export const SIGN_IN_FAILURES_KEPT_DAYS = 90;

export const signInFailureSchema = z
  .object({
    id: z.string(),
    at: instantSchema,
    /** As typed, lower-cased: an account that does not exist is named as someone tried it. */
    username: z.string(),
    /** The account's, when the username is one. */
    uid: z.string().optional(),
    reason: z.enum(SIGN_IN_FAILURE_REASONS),
    ip: z.string(),
  })
  .openapi('SignInFailure');
export type SignInFailure = z.infer<typeof signInFailureSchema>;

export const signInFailuresQuerySchema = z.object({
  /** One username's refusals (any case); all of them without. */
  username: z.string().trim().toLowerCase().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Which refusal a login error is, given whether the username is an account; null for an error that is no refusal. */
export function signInFailureReason(code: string, accountExists: boolean): SignInFailureReason | null {
  if (code === 'AUTH.RATE_LIMITED') return 'locked_out';
  if (code === 'AUTH.ACCOUNT_DISABLED') return 'account_disabled';
  if (code === 'AUTH.INVALID_CREDENTIALS') return accountExists ? 'wrong_password' : 'unknown_account';
  return null;
}
