import type { Clock } from '../../domain/clock';
import type { NoticeLocale } from '../../domain/notifications/templates';
import {
  newPasswordReset,
  resetCode,
  resetCodeText,
  type ConfirmPasswordResetInput,
  type PasswordReset,
} from '../../domain/users';
import type { CredentialRecord } from './login';
import type { Principal } from './principal';
import { checkTypedCode, invalidCode } from './code-requests';
import type { ThrottleStore } from './login-throttle';

export type SendText = (text: string, idempotencyKey: string) => Promise<void>;

export interface SendPasswordResetCodeDeps {
  readonly findByUsername: (username: string) => Promise<CredentialRecord | null>;
  readonly hashCode: (code: string) => Promise<string>;
  readonly randomInt: (max: number) => number;
  /** Stores the code unless a later request's is stored; false then. */
  readonly save: (reset: PasswordReset) => Promise<boolean>;
  /** How to send the customer a text, or null when nothing reaches them: the portal inbox is no use to someone who cannot sign in. */
  readonly reach: (customerId: string) => Promise<SendText | null>;
  readonly clock: Clock;
}

/**
 * Texts a customer account a reset code for a request made at `requestedAt`, replacing an earlier request's; true when a
 * code went out. An unknown, staff, disabled or unreachable account gets nothing, nor does a request overtaken by a later
 * one, which nobody learns: the request was answered before this runs.
 */
export async function sendPasswordResetCode(
  request: { readonly username: string; readonly locale: NoticeLocale; readonly requestedAt: Date },
  deps: SendPasswordResetCodeDeps,
): Promise<boolean> {
  const user = await deps.findByUsername(request.username);
  if (!user || user.disabled || user.role !== 'customer' || !user.customerId) return false;
  const send = await deps.reach(user.customerId);
  if (!send) return false;
  const code = resetCode(deps.randomInt);
  const reset = newPasswordReset(user.uid, await deps.hashCode(code), deps.clock.now(), request.requestedAt);
  // Stored before it is sent: a code that arrives always works, and one that was stored but not sent is replaced next time.
  if (!(await deps.save(reset))) return false;
  // One key per code (its expiry is its texting time): a redelivery's fresh code is a new message, not a repeat.
  await send(resetCodeText(code, request.locale), `password-reset:${user.uid}:${reset.expiresAt}`);
  return true;
}

export interface ConfirmPasswordResetDeps {
  readonly findByUsername: (username: string) => Promise<CredentialRecord | null>;
  readonly find: (uid: string) => Promise<PasswordReset | null>;
  readonly throttle: ThrottleStore;
  readonly verifyCode: (code: string, stored: string) => Promise<boolean>;
  readonly hashPassword: (password: string) => Promise<string>;
  /**
   * Stores the new hash, ends every earlier session and deletes the code, together and only while `reset` is still the
   * account's code; false when it was used or replaced meanwhile, changing nothing.
   */
  readonly use: (reset: PasswordReset, passwordHash: string, sessionsFrom: Date) => Promise<boolean>;
  /** The codes' and the throttle's clock. */
  readonly clock: Clock;
  /** The sessions' clock (`Container.tokenClock`): the instant the account's sessions start again is compared with tokens' `iat`. */
  readonly tokenClock: Clock;
}

/**
 * Sets a new password with a reset code. The code is checked under the login throttle (a wrong code counts as a wrong
 * password for the account and the address), a used, replaced or expired one is refused like a wrong one, and every
 * session of the account ends, as with any new password.
 */
export async function confirmPasswordReset(
  input: ConfirmPasswordResetInput & { readonly ip: string },
  deps: ConfirmPasswordResetDeps,
): Promise<{ readonly sessionsValidFrom: string; readonly account: Principal }> {
  const now = deps.clock.now();
  const user = await deps.findByUsername(input.username);
  const reset = user && !user.disabled && user.role === 'customer' ? await deps.find(user.uid) : null;
  const checked = await checkTypedCode({ throttle: deps.throttle, subject: input.username, ip: input.ip, now }, input.oneTimeCode, reset, deps.verifyCode);
  if (!user || !checked) throw invalidCode();
  const sessionsFrom = deps.tokenClock.now();
  if (!(await deps.use(checked, await deps.hashPassword(input.newPassword), sessionsFrom))) throw invalidCode();
  return { sessionsValidFrom: sessionsFrom.toISOString(), account: { uid: user.uid, role: user.role, customerId: user.customerId } };
}

