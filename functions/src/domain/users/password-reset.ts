import type { NoticeLocale } from '../notifications/templates';
import { z } from '../schema';
import { passwordSchema, usernameSchema } from './account';

/**
 * 忘記密碼 for customers: a one-time code sent to the LINE or mobile phone on their customer record, typed back with a
 * new password. Staff accounts are not reset this way (an admin sets theirs), so a stolen staff username gains nothing.
 */
export const RESET_CODE_DIGITS = 6;
export const RESET_CODE_TTL_MS = 10 * 60_000;

/** `passwordResets/{uid}`: the account's one live code, hashed; a later request's code replaces it, a use deletes it. */
export interface PasswordReset {
  readonly uid: string;
  readonly codeHash: string;
  /** When the customer asked for it; ten minutes from the text, not from this, it expires. */
  readonly requestedAt: string;
  readonly expiresAt: string;
}

export const requestPasswordResetInputSchema = z
  .object({ username: usernameSchema })
  .openapi('PasswordResetRequest', { example: { username: 'c00127' } });
export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetInputSchema>;

export const confirmPasswordResetInputSchema = z
  .object({
    username: usernameSchema,
    oneTimeCode: z.string().trim().regex(new RegExp(`^\\d{${RESET_CODE_DIGITS}}$`), 'AUTH.RESET_CODE_FORMAT'),
    newPassword: passwordSchema,
  })
  .openapi('PasswordResetConfirmRequest', { example: { username: 'c00127', oneTimeCode: '482916', newPassword: 'a-new-long-password' } });
export type ConfirmPasswordResetInput = z.infer<typeof confirmPasswordResetInputSchema>;

/** A code of `RESET_CODE_DIGITS` digits, leading zeros kept; `randomInt(n)` is uniform on 0…n−1. */
export function resetCode(randomInt: (max: number) => number): string {
  return String(randomInt(10 ** RESET_CODE_DIGITS)).padStart(RESET_CODE_DIGITS, '0');
}

/** A code texted `now`, asked for at `requestedAt` (the text may go out later than the asking: the gateway was down). */
export function newPasswordReset(uid: string, codeHash: string, now: Date, requestedAt: Date = now): PasswordReset {
  return { uid, codeHash, requestedAt: requestedAt.toISOString(), expiresAt: new Date(now.getTime() + RESET_CODE_TTL_MS).toISOString() };
}

/**
 * Whether a code may replace the stored one: not when a later request's code is stored, so the code that works is always
 * the one for the last request, however late an earlier one's text goes out. The same request's code may (a redelivery
 * after a send that did not finish texts a fresh one).
 */
export const codeReplaces = (next: { readonly requestedAt: string }, stored: { readonly requestedAt: string } | null): boolean =>
  !stored || Date.parse(stored.requestedAt) <= Date.parse(next.requestedAt);

/** Whether a texted code (a reset's, a sign-up's) still works. */
export const resetCodeLive = (code: { readonly expiresAt: string }, now: Date): boolean => now.getTime() < Date.parse(code.expiresAt);

/** The text that carries the code, in the language the customer asked in. */
export function resetCodeText(code: string, locale: NoticeLocale): string {
  const minutes = RESET_CODE_TTL_MS / 60_000;
  return locale === 'en'
    ? `[Lucky Gas] Your password reset code is ${code}. It works for ${minutes} minutes. Never share it; if you did not ask for it, ignore this message.`
    : `【幸福氣】您的密碼重設驗證碼：${code}，${minutes} 分鐘內有效。請勿提供給任何人；若非本人申請，請忽略此訊息。`;
}

export const passwordResetMessages = {
  'AUTH.RESET_CODE_FORMAT': { 'zh-TW': '驗證碼是 6 位數字', en: 'The code is 6 digits' },
} as const;
