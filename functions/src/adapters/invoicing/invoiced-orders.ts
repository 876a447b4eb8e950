import type { Firestore, Query } from '@google-cloud/firestore';
import { monthBounds } from '../../domain/billing';
import type { Customer } from '../../domain/customers';
import { notFound } from '../../domain/errors';
import { billedMonth, type CatchUpWindow, type InvoicedCustomer, type InvoicedOrder } from '../../domain/invoicing';

/** The order fields a draft reads (`InvoicedOrder`): no timeline, which is most of an order's size. */
const INVOICED_FIELDS = ['customerId', 'status', 'items', 'total', 'paymentMethod', 'delivery'] as const;

/** A few hundred ids per read by id. */
const BY_ID_BATCH = 300;

/** The delivered orders invoicing bills, and their customers. */
export function firestoreInvoicedOrders(db: Firestore) {
  const orders = db.collection('orders');
  const col = db.collection('customers');
  const byId = async (ids: readonly string[]): Promise<Map<string, Customer>> => {
    const found = new Map<string, Customer>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += BY_ID_BATCH) {
      const snaps = await db.getAll(...unique.slice(i, i + BY_ID_BATCH).map((id) => col.doc(id)));
      for (const snap of snaps) if (snap.exists) found.set(snap.id, snap.data() as Customer);
    }
    return found;
  };
  const read = async (query: Query): Promise<InvoicedOrder[]> => {
    const snap = await query.select(...INVOICED_FIELDS).get();
    return snap.docs.map((d) => ({ ...(d.data() as Omit<InvoicedOrder, 'id'>), id: d.id }));
  };

  return {
    /**
     * The orders on account (`paymentMethod` monthly) billed in a Taipei month (`billedMonth`), whoever's: the month's
     * invoices bill them whatever their customers' terms are now. Those delivered in it, less any booked late into a later
     * month, and those booked late into it. Equality on `paymentMethod` with a range on `delivery.at` needs the composite
     * index (paymentMethod, delivery.at) in firestore.indexes.json; the few booked late are read on the single-field index
     * of `delivery.bookedOn` and sorted out here. Only delivered orders carry `delivery`.
     */
    async onAccountIn(month: string): Promise<InvoicedOrder[]> {
      const { firstDay, lastDay, from, until } = monthBounds(month);
      const [delivered, bookedLate] = await Promise.all([
        read(orders.where('paymentMethod', '==', 'monthly').where('delivery.at', '>=', from).where('delivery.at', '<', until)),
        read(orders.where('delivery.bookedOn', '>=', firstDay).where('delivery.bookedOn', '<=', lastDay)),
      ]);
      // A day booked late is always in a month after the closed one it happened in, so no order is in both reads.
      return [...delivered, ...bookedLate].filter((o) => o.paymentMethod === 'monthly' && billedMonth(o) === month);
    },

    /**
     * Every order delivered from an instant on, and every one booked late (補登) into a day from `bookedSince` on, whatever
     * its door day: two ranges on one field each, `delivery.at` and `delivery.bookedOn`, served by their single-field
     * indexes. An order in both is read once.
     */
    async inCatchUpWindow(window: CatchUpWindow): Promise<InvoicedOrder[]> {
      const [delivered, bookedLate] = await Promise.all([read(orders.where('delivery.at', '>=', window.since)), read(orders.where('delivery.bookedOn', '>=', window.bookedSince))]);
      const seen = new Set(delivered.map((o) => o.id));
      return [...delivered, ...bookedLate.filter((o) => !seen.has(o.id))];
    },

    /**
     * The customers named, by id, each branch with the head office that pays for it (`payer`, the buyer of its sales on
     * account); ones not on file are left out.
     */
    async customers(ids: readonly string[]): Promise<Map<string, InvoicedCustomer>> {
      const found = await byId(ids);
      const payers = await byId([...found.values()].flatMap((c) => (c.payerId ? [c.payerId] : [])));
      return new Map([...found].map(([id, c]) => {
        const payer = c.payerId ? payers.get(c.payerId) : undefined;
        return [id, payer ? { ...c, payer } : c];
      }));
    },

    /** One customer as `customers` answers it. @throws `CUSTOMER.NOT_FOUND`. */
    async customer(id: string): Promise<InvoicedCustomer> {
      const found = (await this.customers([id])).get(id);
      if (!found) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${id} not found`, { id });
      return found;
    },
  };
}
