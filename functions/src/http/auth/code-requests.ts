import { DomainError } from '../../domain/errors';
import { z } from '../../domain/schema';
import { afterFailure, retryAfterMs, type ThrottleLimit, type ThrottleStore } from './login-throttle';

/** Codes texted per subject (an account, a customer) and per address: enough for a lost message or two, too few to bombard a phone. */
export const CODE_SUBJECT_LIMIT: ThrottleLimit = { maxFailures: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };
export const CODE_ADDRESS_LIMIT: ThrottleLimit = { maxFailures: 20, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

/**
 * Counts one request for a texted code against its subject and the caller's address, whether or not a code goes out
 * (so the count tells nothing), and refuses it with AUTH.RESET_RATE_LIMITED while either is over its limit.
 */
export async function countCodeRequest(throttle: ThrottleStore, keys: { readonly subject: string; readonly address: string }, nowMs: number): Promise<void> {
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

export const codeRequestedSchema = z
  .object({
    codeValidForMinutes: z.number().int().openapi({ description: 'How long a code sent now works; the answer is the same whether or not a code was sent' }),
  })
  .openapi('CodeRequested');
export type CodeRequested = z.infer<typeof codeRequestedSchema>;
