import { api } from './useApi';

/**
 * How this deployment's codes travel (the API's `channel`, from its configuration alone): the pages say it rather than
 * assume a text. `log` is the local demo printing codes in the server's log; `none`, no way to send one.
 */
export type CodeChannel = 'line-or-sms' | 'line' | 'sms' | 'log' | 'none';
/** A sign-up code goes only by SMS to the mobile typed. */
export type SignupCodeChannel = Extract<CodeChannel, 'sms' | 'log' | 'none'>;
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
