import type { Clock } from '../../domain/clock';
import type { NoticeLocale } from '../../domain/notifications/templates';
import { z } from '../../domain/schema';
import {
  RESET_CODE_TTL_MS,
  isMobileOf,
  newPortalSignup,
  newUser,
  resetCode,
  signupCodeText,
  type ConfirmPortalSignupInput,
  type PortalSignup,
  type User,
} from '../../domain/users';
import { checkTypedCode, countCodeRequest, invalidCode, type CodeRequested } from './code-requests';
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

export interface RequestPortalSignupDeps {
  readonly findCustomer: (code: string) => Promise<SignupCustomer | null>;
  readonly throttle: ThrottleStore;
  readonly hashCode: (code: string) => Promise<string>;
  readonly randomInt: (max: number) => number;
  readonly save: (signup: PortalSignup) => Promise<void>;
  /** How to text the customer at that mobile, or null when no text can be sent (no SMS gateway). */
  readonly textTo: (customerId: string, mobile: string) => SendText | null;
  readonly clock: Clock;
}

/**
 * Texts a code to a mobile phone on an active customer's record. The answer is the same whatever the code and the
 * number, so the form tells nobody which customers exist or which numbers they gave; requests are counted per customer
 * code and per address all the same.
 */
export async function requestPortalSignup(
  input: { readonly customerCode: string; readonly mobile: string; readonly ip: string; readonly locale: NoticeLocale },
  deps: RequestPortalSignupDeps,
): Promise<CodeRequested> {
  const now = deps.clock.now();
  await countCodeRequest(deps.throttle, { subject: `signup:${input.customerCode}`, address: `signup-ip:${input.ip}` }, now.getTime());
  const answer = { codeValidForMinutes: RESET_CODE_TTL_MS / 60_000 };
  const customer = await deps.findCustomer(input.customerCode);
  if (!customer || customer.status !== 'active' || !isMobileOf(customer, input.mobile)) return answer;
  const send = deps.textTo(customer.id, input.mobile);
  if (!send) return answer;
  const code = resetCode(deps.randomInt);
  const signup = newPortalSignup(customer.id, input.mobile, await deps.hashCode(code), now);
  // Stored before it is sent, as a reset code is: a code that arrives always works.
  await deps.save(signup);
  await send(signupCodeText(code, input.locale), `portal-signup:${customer.id}:${signup.requestedAt}`);
  return answer;
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
  input: ConfirmPortalSignupInput & { readonly ip: string },
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
  const user = newUser({ username: input.username, displayName: customer.name.slice(0, 60), role: 'customer', customerId: customer.id, password: input.password }, await deps.hashPassword(input.password));
  if (!(await deps.open(checked, user))) throw invalidCode();
  return { username: user.username, account: { uid: user.uid, role: 'customer', customerId: customer.id } };
}

export const portalSignupOpenedSchema = z.object({ username: z.string() }).openapi('PortalSignupOpened');
