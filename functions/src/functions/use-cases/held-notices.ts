import { FieldValue, Timestamp, type DocumentSnapshot } from '@google-cloud/firestore';
import type { Container } from '../../adapters/container';
import { runContendedTransaction } from '../../adapters/firestore/contended-transaction';
import { selectSender } from '../../adapters/notify/select-sender';
import { notificationLocaleOf, type Customer } from '../../domain/customers';
import { isRetryableSendError, recipientOf, renderOrderNotice, type OrderNotice } from '../../domain/notifications';
import { dispatchRecord, sendPending } from './notification-dispatch';

/** `notificationState/{orderId}`: the last order event told its customer (`lastSequence`), and a notice held back (`held`). */
export const NOTIFICATION_STATE = 'notificationState';

/**
 * An order's notice not yet sent (`holdsNotice`: a stop a closure called off) until `until`, for a later notice of the
 * order to replace it. What it says, not to whom: the address and words are chosen when it is sent, so the state names
 * nobody (the erasure keeps it).
 */
export interface HeldNotice {
  /** The event it tells of: its dispatch record's id once sent, as `notifyCustomer` would have written it. */
  readonly eventId: string;
  readonly customerId: string;
  readonly notice: OrderNotice;
  readonly until: Timestamp;
}

/** What a sweep did with the held notices due: sent (or recorded failed for good), or left for the next sweep. */
export interface HeldNoticesReport {
  readonly released: number;
  readonly pending: number;
}

/**
 * Sends each held notice whose wait is over (no later notice of its order came to replace it): the dispatch record is
 * created, sent, and only then taken off the order's state, so a crash or a send to retry leaves it for the next sweep,
 * which finds the record and sends it once (keyed `eventId:customerId`, as `notifyCustomer`'s). A notice replaced
 * meanwhile is gone from the state and sent by nobody; one about a customer erased since is dropped.
 */
export async function releaseHeldNotices(c: Pick<Container, 'db' | 'clock' | 'config'>): Promise<HeldNoticesReport> {
  const now = c.clock.now();
  const due = await c.db.collection(NOTIFICATION_STATE).where('held.until', '<=', Timestamp.fromDate(now)).get();
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  let released = 0;
  let pending = 0;
  for (const doc of due.docs) {
    const held = doc.data()['held'] as HeldNotice;
    const ref = dispatchRecord(c.db, held.eventId);
    const stillHeld = (state: DocumentSnapshot | undefined) => (state?.data()?.['held'] as HeldNotice | undefined)?.eventId === held.eventId;
    const customer = (await c.db.collection('customers').doc(held.customerId).get()).data() as Customer | undefined;
    const reachable = customer && !customer.erasure ? customer : null;
    const chosen = reachable ? select(recipientOf(reachable)) : null;
    const wanted = await runContendedTransaction(c.db, async (tx) => {
      const [state, record] = await tx.getAll(doc.ref, ref);
      if (!stillHeld(state)) return false;
      if (!reachable || !chosen) {
        tx.update(doc.ref, { held: FieldValue.delete() });
        return false;
      }
      if (!record?.exists) {
        const text = renderOrderNotice(held.notice, notificationLocaleOf(reachable));
        tx.create(ref, { eventId: held.eventId, orderId: doc.id, customerId: held.customerId, ...chosen.address, text, status: 'pending', createdAt: Timestamp.fromDate(now) });
      }
      return true;
    });
    if (!wanted || !chosen) continue;
    try {
      await sendPending(c, held.eventId, `${held.eventId}:${held.customerId}`, chosen.sender);
    } catch (err) {
      if (!isRetryableSendError(err)) throw err;
      pending += 1;
      continue;
    }
    await runContendedTransaction(c.db, async (tx) => {
      if (stillHeld(await tx.get(doc.ref))) tx.update(doc.ref, { held: FieldValue.delete() });
    });
    released += 1;
  }
  return { released, pending };
}
