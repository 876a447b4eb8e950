import type { Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { CODE_CHANNELS, type CodeChannel } from '../../domain/notifications/channel';
import { z } from '../../domain/schema';
import { RESET_CODE_TTL_MS, resetCodeLive, type CodeRequest } from '../../domain/users';
import { DUMMY_HASH } from './login';
import { afterFailure, retryAfterMs, throttledPasswordCheck, type ThrottleLimit, type ThrottleStore } from './login-throttle';

/** Codes texted per subject (an account, a customer) and per address: enough for a lost message or two, too few to bombard a phone. */
export const CODE_SUBJECT_LIMIT: ThrottleLimit = { maxFailures: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };
export const CODE_ADDRESS_LIMIT: ThrottleLimit = { maxFailures: 20, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

/** The key the reset codes asked for a username are counted under. */
export const resetSubject = (username: string): string => `reset:${username}`;

export interface RequestCodeDeps {
  readonly throttle: ThrottleStore;
  /** Publishes `auth.code_requested`; the sendCodes consumer decides whether a code goes out and texts it. */
  readonly announce: (request: CodeRequest) => Promise<void>;
  readonly clock: Clock;
  /** How this deployment's codes of a purpose travel (`codeChannel` of its configuration): the same for every request. */
  readonly channel: (purpose: CodeRequest['purpose']) => CodeChannel;
}

/**
 * Takes a request for a texted code (忘記密碼, 開通帳號): counts it against its subject (the username, the customer code)
 * and the caller's address, refusing it with AUTH.RESET_RATE_LIMITED while either is over its limit, and announces it.
 * Every request does the same work and gets the same answer, whether or not a code will go out, so neither the answer
 * nor its timing tells which accounts or numbers exist; the answer says how codes travel here, from configuration alone.
 */
export async function requestCode(request: CodeRequest, ip: string, deps: RequestCodeDeps): Promise<CodeRequested> {
  const keys =
    request.purpose === 'password-reset'
      ? { subject: resetSubject(request.username), address: `reset-ip:${ip}` }
      : { subject: `signup:${request.customerCode}`, address: `signup-ip:${ip}` };
  await countCodeRequest(deps.throttle, keys, deps.clock.now().getTime());
  await deps.announce(request);
  return { codeValidForMinutes: RESET_CODE_TTL_MS / 60_000, channel: deps.channel(request.purpose) };
}

async function countCodeRequest(throttle: ThrottleStore, keys: { readonly subject: string; readonly address: string }, nowMs: number): Promise<void> {
  const states = await Promise.all([throttle.get(keys.subject), throttle.get(keys.address)]);
  const wait = Math.max(...states.map((s) => retryAfterMs(s, nowMs)));
  if (wait > 0) {
    throw new DomainError('AUTH.RESET_RATE_LIMITED', 'rate_limited', 'Too many codes requested', { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  await Promise.all([
    throttle.update(keys.subject, (s) => afterFailure(s, CODE_SUBJECT_LIMIT, nowMs)),
    throttle.update(keys.address, (s) => afterFailure(s, CODE_ADDRESS_LIMIT, nowMs)),
  ]);
}

/** A texted code as stored: its hash and when it stops working. */
export interface StoredCode {
  readonly codeHash: string;
  readonly expiresAt: string;
}

/**
 * Checks a typed code under the login throttle, `subject` standing for the account (a wrong code counts as a wrong
 * password for it and for the address). A missing code is checked against a hash all the same, so asking about an
 * unknown subject takes as long as a wrong code; a used, replaced or expired one is refused like a wrong one.
 * Answers the stored code when it matches, is live and `holds` of it, else null.
 */
export async function checkTypedCode<T extends StoredCode>(
  at: { readonly throttle: ThrottleStore; readonly subject: string; readonly ip: string; readonly now: Date },
  typed: string,
  stored: T | null,
  verify: (code: string, hash: string) => Promise<boolean>,
  holds: (code: T) => boolean = () => true,
): Promise<T | null> {
  return throttledPasswordCheck({ throttle: at.throttle, username: at.subject, ip: at.ip, nowMs: at.now.getTime() }, async () => {
    const matches = await verify(typed, stored?.codeHash ?? DUMMY_HASH);
    return stored && matches && resetCodeLive(stored, at.now) && holds(stored) ? stored : null;
  });
}

/** The refusal of a typed code, whatever was wrong with it. */
export const invalidCode = () => new DomainError('AUTH.RESET_CODE_INVALID', 'validation', 'The code is wrong, used or expired', { path: 'oneTimeCode' });

export const codeRequestedSchema = z
  .object({
    codeValidForMinutes: z.number().int().openapi({ description: 'How long a code sent now works; the answer is the same whether or not a code was sent' }),
    channel: z.enum(CODE_CHANNELS).openapi({
      description:
        'How codes travel in this deployment, from its configuration alone (never anything about the account): the ways in the order tried, joined by `-or-`: `line` (a reset code, to an account with LINE linked), `sms` (to a mobile: the one on record for a reset code, the one typed for 開通帳號), `log` (the local demo prints a code no gateway carries in the server log); `none` when codes cannot be sent at all (call the office). Without `log`, an account no gateway reaches gets no code (call the office)',
      example: 'sms',
    }),
  })
  .openapi('CodeRequested');
export type CodeRequested = z.infer<typeof codeRequestedSchema>;
