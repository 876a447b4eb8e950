import { buildEvent, type Actor, type EventEnvelope } from '../events';
import { z } from '../schema';
import { RESET_CODE_TTL_MS } from './password-reset';

/**
 * `auth.code_requested` on `notifications`: someone asked for a texted code (忘記密碼, 開通帳號). The endpoint only counts
 * the request and announces it; the `sendCodes` consumer looks the account up and texts the code. So the answer, and how
 * long it takes, are the same whether or not an account or a number exists, and a text gateway that is down delays the
 * code (Pub/Sub redelivers) instead of failing the form.
 */
export const CODE_REQUESTED = 'auth.code_requested';

/** Nobody is signed in when a code is asked for. */
const CODE_REQUEST_ACTOR: Actor = { uid: 'code-request', role: 'system' };

const locale = z.enum(['zh-TW', 'en']);
export const codeRequestSchema = z.discriminatedUnion('purpose', [
  z.object({ purpose: z.literal('password-reset'), username: z.string().min(1), locale }),
  z.object({ purpose: z.literal('portal-signup'), customerCode: z.string().min(1), mobile: z.string().min(1), locale }),
]);
export type CodeRequest = z.infer<typeof codeRequestSchema>;

/** The event has no entity to be about: it is its own subject, and so the only one of its sequence. */
export function codeRequestedEvent(id: string, request: CodeRequest, now: Date): EventEnvelope<CodeRequest> {
  return buildEvent({ id, type: CODE_REQUESTED, occurredAt: now, actor: CODE_REQUEST_ACTOR, subject: `codeRequests/${id}`, sequence: 1, data: request });
}

/**
 * A request is answered while its code would still be worth sending: one asked for longer ago than a code lasts (the
 * gateway down all that time) has been given up or asked again, and a code arriving now would only confuse.
 */
export function codeRequestExpired(event: Pick<EventEnvelope, 'occurredAt'>, now: Date): boolean {
  return now.getTime() - Date.parse(event.occurredAt) >= RESET_CODE_TTL_MS;
}
