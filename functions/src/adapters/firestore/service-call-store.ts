import { FieldValue, type DocumentData, type Firestore, type Transaction } from '@google-cloud/firestore';
import type { EventPublisher, OutboxEntry } from '../../domain/events';
import { notFound } from '../../domain/errors';
import { safetyDueKeyOf, type SafetySummary, type SupplyStop } from '../../domain/safety';
import { CONTACT_FOLLOWING_STATUSES, type Order } from '../../domain/orders';
import { heldOrdersOf, OPEN_SERVICE_CALL_STATUSES, type HeldOrder, type ServiceCall } from '../../domain/service-calls';
import { customerRecords } from './customer-records';
import { publishOutbox, writeOutbox } from './outbox';
import { runContendedTransaction } from './contended-transaction';

export const SERVICE_CALLS = 'serviceCalls';

/**
 * `serviceCalls/{id}` (報修): staff read every call, a customer their own, a driver the ones assigned to them
 * (firestore.rules), through listeners; only this store writes them. A customer's list is a single-field query.
 */
export function firestoreServiceCallStore(db: Firestore, publisher: EventPublisher) {
  const { col, create } = customerRecords<ServiceCall>(db, SERVICE_CALLS, 'SERVICE_CALL.NOT_FOUND');
  const customers = db.collection('customers');
  const orders = db.collection('orders');

  return {
    /** Stores a new call with its alerts; an id stored before (a retried request) answers that call and announces nothing. */
    open(call: ServiceCall, events: readonly OutboxEntry[], now: Date): Promise<ServiceCall> {
      return create(call, { events, publisher, now });
    },

    /**
     * Changes a call in a transaction with the alerts `announce` names, and, when `stop` gives one, the customer's supply
     * stop (停止供氣) with its due-list key beside it, `announce` then given the customer's orders it holds (`heldOrdersOf`).
     * An unchanged call writes nothing.
     * @throws `SERVICE_CALL.NOT_FOUND` for an unknown id, and whatever `change` refuses.
     */
    async change(
      id: string,
      change: (current: ServiceCall) => ServiceCall,
      opts: {
        readonly announce: (before: ServiceCall, after: ServiceCall, held: readonly HeldOrder[]) => OutboxEntry[];
        readonly stop: (after: ServiceCall) => SupplyStop | null;
        readonly now: Date;
      },
    ): Promise<ServiceCall> {
      const { next, events } = await runContendedTransaction(db, async (tx) => {
        const ref = col.doc(id);
        const current = (await tx.get(ref)).data() as ServiceCall | undefined;
        if (!current) throw notFound('SERVICE_CALL.NOT_FOUND', `${SERVICE_CALLS}/${id} not found`, { id });
        const after = change(current);
        if (after === current) return { next: current, events: [] };
        const stop = opts.stop(after);
        const customerRef = customers.doc(after.customerId);
        const customer = stop ? await tx.get(customerRef) : null;
        // Read with the stop, so an order booked meanwhile is either named here or refused (`assertSupplyOpen`).
        const open = stop ? await tx.get(orders.where('customerId', '==', after.customerId).where('status', 'in', [...CONTACT_FOLLOWING_STATUSES])) : null;
        const announced = opts.announce(current, after, heldOrdersOf((open?.docs ?? []).map((d) => d.data() as Order)));
        tx.set(ref, after as unknown as DocumentData);
        if (stop && customer?.exists) {
          const key = safetyDueKeyOf({ status: customer.get('status') as string, safety: customer.get('safety') as SafetySummary | undefined, supplyStop: stop });
          tx.update(customerRef, { supplyStop: stop, safetyDueKey: key ?? FieldValue.delete(), version: FieldValue.increment(1) });
        }
        writeOutbox(db, tx, announced, opts.now);
        return { next: after, events: announced };
      });
      if (events.length) await publishOutbox(db, publisher, events.map((e) => e.event.id));
      return next;
    },

    /** The customer's calls not closed, read in `tx`, so one opened meanwhile either is read or waits for the write. */
    async openOf(tx: Transaction, customerId: string): Promise<ServiceCall[]> {
      const snap = await tx.get(col.where('customerId', '==', customerId).where('status', 'in', [...OPEN_SERVICE_CALL_STATUSES]));
      return snap.docs.map((d) => d.data() as ServiceCall);
    },

    /** One customer's calls, newest first: a customer has a handful, so they are sorted here. */
    async ofCustomer(customerId: string, limit: number): Promise<ServiceCall[]> {
      const snap = await col.where('customerId', '==', customerId).get();
      return snap.docs
        .map((d) => d.data() as ServiceCall)
        .sort((a, b) => b.openedAt.localeCompare(a.openedAt))
        .slice(0, limit);
    },
  };
}
