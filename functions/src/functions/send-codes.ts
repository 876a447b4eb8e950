import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { eventConsumer, processOnce, processedBefore } from '../adapters/pubsub/event-consumer';
import type { EventEnvelope } from '../domain/events';
import { isRetryableSendError } from '../domain/notifications';
import { CODE_REQUESTED, codeRequestExpired, codeRequestSchema } from '../domain/users';
import { sendRequestedCode } from './use-cases/text-codes';

export const SEND_CODES = 'sendCodes';

const log = (severity: 'WARNING' | 'ERROR', message: string, event: EventEnvelope, extra: Record<string, unknown> = {}) =>
  console.error(JSON.stringify({ severity, consumer: SEND_CODES, message, eventId: event.id, ...extra }));

/**
 * Texts the code a 忘記密碼 or 開通帳號 request asked for. A gateway outage rejects, so Pub/Sub redelivers until the code
 * would have expired; the event is marked done only once the text is out, so a redelivery after that sends nothing,
 * and one after a crash mid-send texts a fresh code that replaces the first (the code is never kept in plain text, so
 * it cannot be sent again). Two deliveries at the same moment (rare) may both text one; the one stored last works, as
 * after a resend. A permanent refusal (a number the gateway rejects) is logged and not retried.
 */
export const handleCodeRequest = eventConsumer(SEND_CODES, async (event: EventEnvelope) => {
  if (event.type !== CODE_REQUESTED) return;
  const request = codeRequestSchema.safeParse(event.data);
  if (!request.success) return log('ERROR', 'dropping a malformed code request', event);
  const c = await container();
  if (codeRequestExpired(event, c.clock.now())) return log('WARNING', 'dropping a code request older than a code lasts', event, { occurredAt: event.occurredAt });
  if (await processedBefore(c.db, SEND_CODES, event)) return;
  try {
    await sendRequestedCode(c, request.data, new Date(event.occurredAt));
  } catch (err) {
    if (isRetryableSendError(err)) throw err;
    log('ERROR', 'the code was refused by the gateway and will not be retried', event, { error: String(err) });
  }
  await processOnce(c.db, SEND_CODES, event, async () => undefined);
});

cloudEvent(SEND_CODES, handleCodeRequest);
