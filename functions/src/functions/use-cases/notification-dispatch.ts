import { Timestamp, type Firestore, type Transaction } from '@google-cloud/firestore';
import type { Clock } from '../../domain/clock';
import type { DomainError } from '../../domain/errors';
import type { SenderSelector } from '../../adapters/notify/select-sender';
import { notificationLocaleOf, type Customer } from '../../domain/customers';
import { isRetryableSendError, recipientOf, type NoticeLocale, type NotificationChannel, type NotificationSender } from '../../domain/notifications';
import { runContendedTransaction } from '../../adapters/firestore/contended-transaction';

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
  /** A failure's code, for the office to be told in words (`INBOX.NO_ACCOUNT`: nobody could be reached, phone them). */
  readonly errorCode?: string;
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
    // Only a DomainError is ever permanent (isRetryableSendError).
    const code = (err as DomainError).code;
    await ref.update({ status: 'failed', error: String(err), errorCode: code });
    return { status: 'failed', code };
  }
}

/** `sent` by this call; `done` already sent or failed before; `unwanted` the precondition said no; `failed` permanently, with its code. */
export type DispatchOnceOutcome = 'sent' | 'done' | 'unwanted' | { readonly failed: string };

/**
 * Records a message (pending) unless a record with this id exists, in a transaction that may first
 * check the message is still wanted, then sends whatever is pending: a repeated run finds the
 * record and sends nothing twice; one that crashed before sending sends it now. The id doubles as
 * the provider's idempotency key.
 * @throws a retryable send error as is, leaving the record pending.
 */
export async function dispatchOnce(
  deps: { readonly db: Firestore; readonly clock: Clock },
  id: string,
  dispatch: Dispatch & { readonly kind: string },
  sender: NotificationSender,
  stillWanted?: (tx: Transaction) => Promise<boolean>,
): Promise<DispatchOnceOutcome> {
  const ref = dispatchRecord(deps.db, id);
  const wanted = await runContendedTransaction(deps.db, async (tx) => {
    if (stillWanted && !(await stillWanted(tx))) return false;
    if (!(await tx.get(ref)).exists) tx.create(ref, { ...dispatch, createdAt: Timestamp.fromDate(deps.clock.now()) });
    return true;
  });
  if (!wanted) return 'unwanted';
  const outcome = await sendPending(deps, id, id, sender);
  return outcome.status === 'failed' ? { failed: outcome.code } : outcome.status;
}

/**
 * One message to a customer, recorded and sent once (`dispatchOnce`): to the address the selector picks
 * for them, in their language. `about` says what it is (its `kind` and the sender's own fields). None to a customer
 * whose personal data was erased (刪除個資), `unwanted`: nobody is left to tell, and an event about them published after
 * the erasure would otherwise leave a record about them it had deleted.
 */
export async function dispatchToCustomer(
  deps: { readonly db: Firestore; readonly clock: Clock },
  select: SenderSelector,
  id: string,
  customer: Parameters<typeof recipientOf>[0] & Pick<Customer, 'notificationLocale' | 'erasure'>,
  about: { readonly kind: string },
  render: (locale: NoticeLocale) => string,
  stillWanted?: (tx: Transaction) => Promise<boolean>,
): Promise<DispatchOnceOutcome> {
  if (customer.erasure) return 'unwanted';
  const { address, sender } = select(recipientOf(customer));
  const dispatch = { ...about, customerId: customer.id, ...address, text: render(notificationLocaleOf(customer)), status: 'pending' as const };
  return dispatchOnce(deps, id, dispatch, sender, stillWanted);
}

/** What a customer was sent, as the office reads it: the record's id, what it was about, and how it went. */
export interface SentMessage {
  readonly id: string;
  /** `order` for order progress; otherwise the sender's kind (`closure-reminder`, `payment-reminder`, `payment-received`, `delay`, `safety-reminder`, `price-change`, `service-call`, `supply-stop`). */
  readonly kind: string;
  readonly channel: NotificationChannel;
  readonly status: Dispatch['status'];
  readonly text: string;
  readonly at: string;
  readonly sentAt?: string;
  readonly error?: string;
  readonly errorCode?: string;
}

/** A customer's latest messages, newest first (the (customerId, createdAt desc) index). */
export async function messagesOf(db: Firestore, customerId: string, limit: number): Promise<SentMessage[]> {
  const snap = await db.collection('notificationDispatch').where('customerId', '==', customerId).orderBy('createdAt', 'desc').limit(limit).get();
  return snap.docs.map((d) => {
    const data = d.data() as Dispatch & { kind?: string; createdAt?: Timestamp; sentAt?: Timestamp };
    return {
      id: d.id,
      kind: data.kind ?? 'order',
      channel: data.channel,
      status: data.status,
      text: data.text,
      at: (data.createdAt ?? Timestamp.fromMillis(0)).toDate().toISOString(),
      ...(data.sentAt ? { sentAt: data.sentAt.toDate().toISOString() } : {}),
      ...(data.error ? { error: data.error } : {}),
      ...(data.errorCode ? { errorCode: data.errorCode } : {}),
    };
  });
}

/** What a daily reminder run did with the customers it looked at (payment and safety reminders). */
export interface ReminderRunReport<Skip extends string> {
  readonly considered: number;
  /** Messages sent by this run (a pending one from an earlier run included). */
  readonly reminded: number;
  readonly skipped: Partial<Record<Skip, number>>;
  /** Sends that failed: a retryable failure leaves the dispatch pending for the next run, a permanent one records it failed. */
  readonly errors: readonly { readonly customerId: string; readonly code: string }[];
  /** Retryable failures left pending: the job answers 503 so Cloud Scheduler runs it again soon. */
  readonly pending: number;
}
