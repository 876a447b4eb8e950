import { Timestamp, type Firestore } from '@google-cloud/firestore';
import type { Clock } from '../../domain/clock';
import type { DomainError } from '../../domain/errors';
import { isRetryableSendError, type NotificationChannel, type NotificationSender } from '../../domain/notifications';

/**
 * `notificationDispatch/{id}`: one message to one customer, recorded (pending) in a transaction
 * before it is sent, so whatever announces it (an order event, a closure reminder) sends it once.
 * Each caller adds the fields that say what the message is about.
 */
export interface Dispatch {
  readonly customerId: string;
  readonly channel: NotificationChannel;
  readonly to: string;
  readonly text: string;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly error?: string;
}

export const dispatchRecord = (db: Firestore, id: string) => db.collection('notificationDispatch').doc(id);

/** `sent` / `failed`: this call sent it or recorded a permanent failure (with its code); `done`: it was not pending. */
export type DeliveryOutcome = { readonly status: 'sent' } | { readonly status: 'failed'; readonly code: string } | { readonly status: 'done' };

/**
 * Sends the message a pending dispatch record describes, then records the outcome. The provider
 * gets `idempotencyKey` (derived from what is announced, never from the attempt), so a resend after
 * a crash between the send and the update does not reach the customer twice.
 * @throws a retryable send error as is, leaving the record pending for the next attempt.
 */
export async function sendPending(
  deps: { readonly db: Firestore; readonly clock: Clock },
  id: string,
  idempotencyKey: string,
  sender: NotificationSender,
): Promise<DeliveryOutcome> {
  const ref = dispatchRecord(deps.db, id);
  const dispatch = (await ref.get()).data() as Dispatch | undefined;
  if (dispatch?.status !== 'pending') return { status: 'done' };
  try {
    const receipt = await sender.send({ channel: dispatch.channel, to: dispatch.to, text: dispatch.text, idempotencyKey });
    await ref.update({ status: 'sent', sentAt: Timestamp.fromDate(deps.clock.now()), providerMessageId: receipt.providerMessageId ?? null });
    return { status: 'sent' };
  } catch (err) {
    if (isRetryableSendError(err)) throw err;
    await ref.update({ status: 'failed', error: String(err) });
    // Only a DomainError is ever permanent (isRetryableSendError).
    return { status: 'failed', code: (err as DomainError).code };
  }
}
