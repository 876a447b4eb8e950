import { customerCodeSchema } from '../customers/customer';
import { normalisePhone } from '../customers/phone';
import type { NoticeLocale } from '../notifications/templates';
import { z } from '../schema';
import { passwordSchema, usernameSchema } from './account';
import { RESET_CODE_DIGITS, RESET_CODE_TTL_MS } from './password-reset';

/**
 * 開通入口網站帳號 by the customer: their customer code (on every statement and invoice) and a mobile phone on their
 * record, proven by a code texted to that phone, open a portal account linked to them, without the office.
 */
const mobileSchema = z
  .string()
  .trim()
  .refine((raw) => normalisePhone(raw)?.kind === 'mobile', 'USER.SIGNUP_MOBILE_INVALID')
  .transform((raw) => normalisePhone(raw)?.digits ?? raw);
const codeOfCustomerSchema = z.string().trim().toUpperCase().pipe(customerCodeSchema);

export const requestPortalSignupInputSchema = z
  .object({ customerCode: codeOfCustomerSchema, mobile: mobileSchema })
  .openapi('PortalSignupRequest', { example: { customerCode: 'C00127', mobile: '0912-345-678' } });
export type RequestPortalSignupInput = z.infer<typeof requestPortalSignupInputSchema>;

export const confirmPortalSignupInputSchema = z
  .object({
    customerCode: codeOfCustomerSchema,
    mobile: mobileSchema,
    oneTimeCode: z.string().trim().regex(new RegExp(`^\\d{${RESET_CODE_DIGITS}}$`), 'AUTH.RESET_CODE_FORMAT'),
    username: usernameSchema,
    password: passwordSchema,
  })
  .openapi('PortalSignupConfirmRequest', {
    example: { customerCode: 'C00127', mobile: '0912-345-678', oneTimeCode: '482916', username: 'c00127', password: 'a-long-password' },
  });
export type ConfirmPortalSignupInput = z.infer<typeof confirmPortalSignupInputSchema>;

/** `portalSignups/{customerId}`: the customer's one live sign-up code, hashed, for the mobile it was texted to. */
export interface PortalSignup {
  readonly customerId: string;
  readonly mobile: string;
  readonly codeHash: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
}

/** A code texted `now` to `mobile`, asked for at `requestedAt`, as a reset code is. */
export function newPortalSignup(customerId: string, mobile: string, codeHash: string, now: Date, requestedAt: Date = now): PortalSignup {
  return { customerId, mobile, codeHash, requestedAt: requestedAt.toISOString(), expiresAt: new Date(now.getTime() + RESET_CODE_TTL_MS).toISOString() };
}

/** Whether `mobile` (national digits) is one of the customer's phones, however they were written. */
export const isMobileOf = (customer: { readonly phones: readonly string[] }, mobile: string): boolean =>
  customer.phones.some((p) => normalisePhone(p)?.digits === mobile);

export function signupCodeText(code: string, locale: NoticeLocale): string {
  const minutes = RESET_CODE_TTL_MS / 60_000;
  return locale === 'en'
    ? `[Lucky Gas] Your code to open a customer portal account is ${code}. It works for ${minutes} minutes. Never share it; if you did not ask for it, ignore this message.`
    : `【幸福氣】您的客戶入口網站開通驗證碼：${code}，${minutes} 分鐘內有效。請勿提供給任何人；若非本人申請，請忽略此訊息。`;
}

export const portalSignupMessages = {
  'USER.SIGNUP_MOBILE_INVALID': { 'zh-TW': '請輸入手機號碼（09 開頭）', en: 'Enter a mobile number (starting 09)' },
} as const;
