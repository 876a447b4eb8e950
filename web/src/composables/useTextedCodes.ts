import type { CodeChannel, SignupCodeChannel } from '../lib/code-channels';
import { api } from './useApi';

export interface CodeRequested<C extends CodeChannel = CodeChannel> {
  codeValidForMinutes: number;
  channel: C;
}

/** Asks for a reset code; the answer is the same whether or not one was sent. A fresh key each time: a new code is wanted. */
export async function requestPasswordReset(username: string): Promise<CodeRequested> {
  return api.post<CodeRequested>('/api/auth/password-reset', { username });
}

/** Sets the new password with the code; the caller then signs in with it (every earlier session has ended). */
export async function confirmPasswordReset(body: { username: string; oneTimeCode: string; newPassword: string }, idempotencyKey: string): Promise<void> {
  await api.post<{ sessionsValidFrom: string }>('/api/auth/password-reset/confirm', body, { idempotencyKey });
}

/** Asks for a sign-up code texted to a mobile on the customer's record; the answer is the same whether or not one was sent. */
export async function requestPortalSignup(customerCode: string, mobile: string): Promise<CodeRequested<SignupCodeChannel>> {
  return api.post<CodeRequested<SignupCodeChannel>>('/api/auth/portal-signup', { customerCode, mobile });
}

/** Opens the portal account with the code; the customer then signs in with the username and password chosen. */
export async function confirmPortalSignup(
  body: { customerCode: string; mobile: string; oneTimeCode: string; username: string; password: string },
  idempotencyKey: string,
): Promise<{ username: string }> {
  return api.post<{ username: string }>('/api/auth/portal-signup/confirm', body, { idempotencyKey });
}
