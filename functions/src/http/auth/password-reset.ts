import type { Clock } from '../../domain/clock';
import type { NoticeLocale } from '../../domain/notifications/templates';
import {
  RESET_CODE_TTL_MS,
  newPasswordReset,
  resetCode,
  resetCodeText,
  type ConfirmPasswordResetInput,
  type PasswordReset,
} from '../../domain/users';
import type { CredentialRecord } from './login';
import type { Principal } from './principal';
import { checkTypedCode, countCodeRequest, invalidCode, type CodeRequested } from './code-requests';
import type { ThrottleStore } from './login-throttle';

export type SendText = (text: string, idempotencyKey: string) => Promise<void>;

export interface RequestPasswordResetDeps {
  readonly findByUsername: (username: string) => Promise<CredentialRecord | null>;
  readonly throttle: ThrottleStore;
  readonly hashCode: (code: string) => Promise<string>;
  readonly randomInt: (max: number) => number;
  readonly save: (reset: PasswordReset) => Promise<void>;
  /** How to send the customer a text, or null when nothing reaches them: the portal inbox is no use to someone who cannot sign in. */
  readonly reach: (customerId: string) => Promise<SendText | null>;
  readonly clock: Clock;
}

/**
 * Sends a customer a reset code. The answer is the same whether or not the username exists, is a customer's, or has a
 * way to be reached, so the form cannot be used to find out which accounts exist; requests are counted per username and
 * per address all the same.
 */
export async function requestPasswordReset(
  input: { readonly username: string; readonly ip: string; readonly locale: NoticeLocale },
  deps: RequestPasswordResetDeps,
): Promise<CodeRequested> {
  const now = deps.clock.now();
  await countCodeRequest(deps.throttle, { subject: `reset:${input.username}`, address: `reset-ip:${input.ip}` }, now.getTime());
  const answer = { codeValidForMinutes: RESET_CODE_TTL_MS / 60_000 };
  const user = await deps.findByUsername(input.username);
  if (!user || user.disabled || user.role !== 'customer' || !user.customerId) return answer;
  const send = await deps.reach(user.customerId);
  if (!send) return answer;
  const code = resetCode(deps.randomInt);
  const reset = newPasswordReset(user.uid, await deps.hashCode(code), now);
  // Stored before it is sent: a code that arrives always works, and one that was stored but not sent is replaced next time.
  await deps.save(reset);
  await send(resetCodeText(code, input.locale), `password-reset:${user.uid}:${reset.requestedAt}`);
  return answer;
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
  readonly use: (reset: PasswordReset, passwordHash: string, now: Date) => Promise<boolean>;
  readonly clock: Clock;
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
  if (!(await deps.use(checked, await deps.hashPassword(input.newPassword), now))) throw invalidCode();
  return { sessionsValidFrom: now.toISOString(), account: { uid: user.uid, role: user.role, customerId: user.customerId } };
}

