import type { Clock } from '../../domain/clock';
import { DomainError, notFound } from '../../domain/errors';
import { z } from '../../domain/schema';
import type { ChangePasswordInput } from '../../domain/users';
import type { CredentialRecord } from './login';
import { throttledPasswordCheck, type ThrottleStore } from './login-throttle';

export interface ChangePasswordDeps {
  readonly findByUid: (uid: string) => Promise<CredentialRecord | null>;
  readonly throttle: ThrottleStore;
  readonly verifyPassword: (password: string, stored: string) => Promise<boolean>;
  readonly hashPassword: (password: string) => Promise<string>;
  /** Stores the new hash and ends every session signed in before `sessionsFrom` (`withNewPassword`). */
  readonly setPassword: (uid: string, passwordHash: string, sessionsFrom: Date) => Promise<void>;
  /** The throttle's clock. */
  readonly clock: Clock;
  /** The sessions' clock (`Container.tokenClock`): the instant the account's sessions start again is compared with tokens' `iat`. */
  readonly tokenClock: Clock;
}

/**
 * A signed-in person changes their own password. The current one is asked for (a session left open on a shared PC
 * must not be enough to take the account over) and checked under the login throttle, so guessing it here counts as
 * guessing it at sign-in. Afterwards every session of the account, this one included, ends: the caller signs in again.
 */
export async function changePassword(
  input: ChangePasswordInput & { readonly uid: string; readonly ip: string },
  deps: ChangePasswordDeps,
): Promise<{ sessionsValidFrom: string }> {
  const user = await deps.findByUid(input.uid);
  if (!user || user.disabled) throw notFound('USER.NOT_FOUND', `User ${input.uid} not found`, { uid: input.uid });
  const now = deps.clock.now();
  const checked = await throttledPasswordCheck({ throttle: deps.throttle, username: user.username, ip: input.ip, nowMs: now.getTime() }, async () =>
    (await deps.verifyPassword(input.currentPassword, user.passwordHash)) ? user : null,
  );
  if (!checked) throw new DomainError('AUTH.WRONG_PASSWORD', 'validation', 'The current password does not match', { path: 'currentPassword' });
  const sessionsFrom = deps.tokenClock.now();
  await deps.setPassword(user.uid, await deps.hashPassword(input.newPassword), sessionsFrom);
  return { sessionsValidFrom: sessionsFrom.toISOString() };
}

export const changePasswordResponseSchema = z
  .object({
    sessionsValidFrom: z.string().openapi({ description: 'Sessions signed in before this instant, the caller’s included, no longer work' }),
  })
  .openapi('ChangePasswordResponse');
