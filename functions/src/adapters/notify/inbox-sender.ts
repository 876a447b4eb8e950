import { Timestamp, type Firestore } from '@google-cloud/firestore';
import type { Clock } from '../../domain/clock';
import { permanentSendError, retryableSendError, type NotificationMessage, type NotificationSender, type SendReceipt } from '../../domain/notifications/port';
import { uuidV5 } from './uuid';

export const NOTIFICATIONS_COLLECTION = 'notifications';

/** `notifications/{id}`: what the SPA lists for a customer (firestore.rules match on `customerId`). */
export interface InboxNotificationDoc {
  readonly customerId: string;
  readonly channel: 'inbox';
  readonly text: string;
  readonly idempotencyKey: string;
  readonly createdAt: Timestamp;
  readonly readAt: Timestamp | null;
}

/** gRPC codes: `create` fails with ALREADY_EXISTS when the document is there; INVALID_ARGUMENT (e.g. over 1 MiB) never heals. */
const ALREADY_EXISTS = 6;
const INVALID_ARGUMENT = 3;

const grpcCode = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' ? error.code : undefined;

/** Why the inbox takes no message for a customer who cannot sign in (see `inboxSender`). */
export const INBOX_NO_ACCOUNT = 'INBOX.NO_ACCOUNT';

/** Whether the customer has an enabled portal account, so the inbox reaches someone. */
export async function canReadInbox(db: Firestore, customerId: string): Promise<boolean> {
  const snap = await db.collection('users').where('customerId', '==', customerId).get();
  return snap.docs.some((d) => d.get('role') === 'customer' && d.get('disabled') !== true);
}

/**
 * The local default channel: the notification becomes a Firestore document the customer portal
 * shows. The document id is derived from the idempotency key and written with `create`, so a
 * redelivered event finds its notification already there and writes nothing.
 * The inbox is read only by signing in to the portal: for a customer with no enabled portal account
 * the message would be stored and called sent while nobody is told, so it is refused for good
 * (`INBOX.NO_ACCOUNT`), and the dispatch is recorded failed for the office to phone instead.
 */
export function inboxSender(db: Firestore, clock: Clock): NotificationSender {
  const col = db.collection(NOTIFICATIONS_COLLECTION);
  async function canSignIn(customerId: string): Promise<boolean> {
    try {
      return await canReadInbox(db, customerId);
    } catch (error) {
      throw retryableSendError('INBOX.UNAVAILABLE', 'could not look up the portal account', { grpcCode: grpcCode(error) }, error);
    }
  }
  return {
    async send(message: NotificationMessage): Promise<SendReceipt> {
      if (!(await canSignIn(message.to))) throw permanentSendError(INBOX_NO_ACCOUNT, 'the customer has no portal account to read the inbox', { customerId: message.to });
      const id = uuidV5(message.idempotencyKey);
      const doc: InboxNotificationDoc = {
        customerId: message.to,
        channel: 'inbox',
        text: message.text,
        idempotencyKey: message.idempotencyKey,
        createdAt: Timestamp.fromDate(clock.now()),
        readAt: null,
      };
      try {
        await col.doc(id).create(doc);
      } catch (error) {
        const code = grpcCode(error);
        if (code === INVALID_ARGUMENT) {
          throw permanentSendError('INBOX.INVALID', 'Firestore refused the notification', { grpcCode: code }, error);
        }
        if (code !== ALREADY_EXISTS) {
          throw retryableSendError('INBOX.UNAVAILABLE', 'could not store the notification', { grpcCode: code }, error);
        }
      }
      return { providerMessageId: id };
    },
  };
}
