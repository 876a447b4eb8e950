import type { Clock } from '../../domain/clock';
import type { NoticeLocale } from '../../domain/notifications/templates';
import { z } from '../../domain/schema';
import {
  isMobileOf,
  newPortalSignup,
  newUser,
  resetCode,
  signupCodeText,
  type ConfirmPortalSignupInput,
  type PortalSignup,
  type User,
} from '../../domain/users';
import { checkTypedCode, invalidCode } from './code-requests';
import type { ThrottleStore } from './login-throttle';
import type { SendText } from './password-reset';
import type { Principal } from './principal';

/** What sign-up needs of a customer record. */
export interface SignupCustomer {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly phones: readonly string[];
}

export interface SendPortalSignupCodeDeps {
  readonly findCustomer: (code: string) => Promise<SignupCustomer | null>;
  readonly hashCode: (code: string) => Promise<string>;
  readonly randomInt: (max: number) => number;
  /** Stores the code unless a later request's is stored; false then. */
  readonly save: (signup: PortalSignup) => Promise<boolean>;
  /** How to text the customer at that mobile, or null when no text can be sent (no SMS gateway). */
  readonly textTo: (customerId: string, mobile: string) => SendText | null;
  readonly clock: Clock;
}

/**
 * Texts a sign-up code to a mobile phone on an active customer's record for a request made at `requestedAt`, replacing
 * an earlier request's; true when a code went out. Any other customer code or number gets nothing, nor does a request
 * overtaken by a later one, which nobody learns: the request was answered before this runs.
 */
export async function sendPortalSignupCode(
  request: { readonly customerCode: string; readonly mobile: string; readonly locale: NoticeLocale; readonly requestedAt: Date },
  deps: SendPortalSignupCodeDeps,
): Promise<boolean> {
  const customer = await deps.findCustomer(request.customerCode);
  if (!customer || customer.status !== 'active' || !isMobileOf(customer, request.mobile)) return false;
  const send = deps.textTo(customer.id, request.mobile);
  if (!send) return false;
  const code = resetCode(deps.randomInt);
  const signup = newPortalSignup(customer.id, request.mobile, await deps.hashCode(code), deps.clock.now(), request.requestedAt);
  // Stored before it is sent, keyed per code, as a reset code is.
  if (!(await deps.save(signup))) return false;
  await send(signupCodeText(code, request.locale), `portal-signup:${customer.id}:${signup.expiresAt}`);
  return true;
}

export interface ConfirmPortalSignupDeps {
  readonly findCustomer: (code: string) => Promise<SignupCustomer | null>;
  readonly find: (customerId: string) => Promise<PortalSignup | null>;
  readonly throttle: ThrottleStore;
  readonly verifyCode: (code: string, stored: string) => Promise<boolean>;
  readonly hashPassword: (password: string) => Promise<string>;
  /**
   * Creates the account and deletes the code together, only while `signup` is still the customer's code (false, changing
   * nothing, when it was used or replaced meanwhile); a username in use is a 409 USER.USERNAME_TAKEN that keeps the code.
   */
  readonly open: (signup: PortalSignup, user: User) => Promise<boolean>;
  readonly clock: Clock;
}

/**
 * Opens the portal account with the code texted to the mobile: checked under the login throttle (wrong codes count
 * against the customer code and the address), for that customer and that mobile only; the account signs in as the
 * customer, named after them.
 */
export async function confirmPortalSignup(
  input: ConfirmPortalSignupInput & { readonly ip: string; readonly uid: string },
  deps: ConfirmPortalSignupDeps,
): Promise<{ readonly username: string; readonly account: Principal }> {
  const now = deps.clock.now();
  const customer = await deps.findCustomer(input.customerCode);
  const signup = customer?.status === 'active' ? await deps.find(customer.id) : null;
  const checked = await checkTypedCode(
    { throttle: deps.throttle, subject: `signup:${input.customerCode}`, ip: input.ip, now },
    input.oneTimeCode,
    signup,
    deps.verifyCode,
    (code) => code.mobile === input.mobile,
  );
  if (!customer || !checked) throw invalidCode();
  const user = newUser({ username: input.username, displayName: customer.name.slice(0, 60), role: 'customer', customerId: customer.id, password: input.password }, await deps.hashPassword(input.password), input.uid);
  if (!(await deps.open(checked, user))) throw invalidCode();
  return { username: user.username, account: { uid: user.uid, role: 'customer', customerId: customer.id } };
}

export const portalSignupOpenedSchema = z.object({ username: z.string() }).openapi('PortalSignupOpened');
