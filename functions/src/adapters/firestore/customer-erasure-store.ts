import { FieldValue, type DocumentReference, type Firestore, type Query } from '@google-cloud/firestore';
import { erasedCopy, erasedOrder, type Customer } from '../../domain/customers';
import type { Order } from '../../domain/orders';
import type { Route } from '../../domain/routes';
import { NOTIFICATIONS_COLLECTION } from '../notify/inbox-sender';
import { INVOICE_ALLOWANCES } from '../invoicing/allowance-store';
import { EINVOICE_UPLOADS } from '../invoicing/einvoice-upload-store';
import { INVOICES } from '../invoicing/invoice-store';
import { AUDIT_LOG } from './audit-log-store';
import { SERVICE_CALLS } from './service-call-store';

/** Firestore's limit on the writes of one batch. */
const BATCH = 500;
/** Firestore's limit on the values of one `in` filter. */
const IN_LIMIT = 30;

/** Records about the customer kept for no law, which the erasure deletes: messages (inbox, LINE, SMS), calls, complaints, rules. */
export const DELETED_ON_ERASURE = [NOTIFICATIONS_COLLECTION, 'notificationDispatch', 'churnCalls', 'complaints', 'recurringRules'] as const;

/** A request body the audit log keeps for an erased customer: who did what stays, what they typed about them goes. */
export const ERASED_BODY = JSON.stringify({ erased: true });

type Write = { readonly ref: DocumentReference; readonly data: Record<string, unknown> | null };

async function commitAll(db: Firestore, writes: readonly Write[]): Promise<void> {
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = db.batch();
    for (const w of writes.slice(i, i + BATCH)) {
      if (w.data === null) batch.delete(w.ref);
      else batch.update(w.ref, w.data);
    }
    await batch.commit();
  }
}

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Scrubs every copy of an erased customer's personal data kept outside their record (their record and portal accounts
 * are erased in the erasure's own transaction): orders, the stops of their routes, invoices, allowances and what was
 * sent to the MOF for them, safety inspections, service calls, the office's alerts and the audit log's request bodies;
 * the messages sent to them (inbox, LINE, SMS), churn calls, complaints and recurring rules are deleted. Too many documents for one transaction (years of
 * orders and invoices), so it runs in batches and each write leaves the document as a second run would: a run cut
 * short is finished by running it again.
 */
export function firestoreCustomerErasureStore(db: Firestore) {
  const docs = async (q: Query) => (await q.get()).docs;
  return {
    async scrubCopies(erased: Customer): Promise<void> {
      const id = erased.id;
      const writes: Write[] = [];
      const orders = await docs(db.collection('orders').where('customerId', '==', id));
      for (const d of orders) {
        const order = d.data() as Order;
        const next = erasedOrder(order, erased);
        writes.push({ ref: d.ref, data: { ...next, ...(next.phone === undefined ? { phone: FieldValue.delete() } : {}), ...(next.location === undefined ? { location: FieldValue.delete(), locationPrecision: FieldValue.delete() } : {}) } });
      }
      // A stop is at the customer's door: it moves to the district's point, as the customer's record did.
      const routeIds = [...new Set(orders.map((d) => (d.data() as Order).routeId).filter((r): r is string => r !== undefined))];
      for (const ids of chunks(routeIds, IN_LIMIT)) {
        const routes = await db.getAll(...ids.map((r) => db.collection('routes').doc(r)));
        for (const snap of routes) {
          const route = snap.data() as Route | undefined;
          if (!route?.stops.some((s) => s.customerId === id)) continue;
          const stops = route.stops.map((s) => (s.customerId === id && erased.location ? { ...s, lat: erased.location.lat, lng: erased.location.lng } : s));
          writes.push({ ref: snap.ref, data: { stops } });
        }
      }
      const invoices = await docs(db.collection(INVOICES).where('customer.id', '==', id));
      for (const d of invoices) writes.push({ ref: d.ref, data: { customer: erasedCopy(d.get('customer') as Customer & { phone?: string; address: string }, erased) } });
      for (const ids of chunks(invoices.map((d) => d.id), IN_LIMIT)) {
        for (const d of await docs(db.collection(EINVOICE_UPLOADS).where('invoiceId', 'in', ids))) {
          const copy = d.get('invoice.customer') as { name: string; address?: string; phone?: string } | undefined;
          if (copy) writes.push({ ref: d.ref, data: { 'invoice.customer': erasedCopy(copy, erased) } });
        }
      }
      for (const d of await docs(db.collection(INVOICE_ALLOWANCES).where('customer.id', '==', id))) {
        writes.push({ ref: d.ref, data: { customer: erasedCopy(d.get('customer') as { name: string }, erased) } });
      }
      // A safety inspection or a service call (報修) is a safety record: what was found stays, whose house it was goes.
      for (const d of await docs(db.collection(SERVICE_CALLS).where('customerId', '==', id))) {
        writes.push({ ref: d.ref, data: { customer: erasedCopy(d.get('customer') as { name: string; address: string; phone: string }, erased) } });
      }
      for (const d of await docs(db.collection('safetyInspections').where('customerId', '==', id))) {
        writes.push({ ref: d.ref, data: { customer: erasedCopy(d.get('customer') as { name: string; address: string; phone: string }, erased) } });
      }
      for (const d of await docs(db.collection('alerts').where('data.customerId', '==', id))) {
        if (d.get('customerName') !== undefined) writes.push({ ref: d.ref, data: { customerName: erased.name } });
      }
      for (const d of await docs(db.collection(AUDIT_LOG).where('entityIds', 'array-contains', id))) {
        writes.push({ ref: d.ref, data: { bodyJson: ERASED_BODY } });
      }
      for (const collection of DELETED_ON_ERASURE) {
        for (const d of await docs(db.collection(collection).where('customerId', '==', id))) writes.push({ ref: d.ref, data: null });
      }
      await commitAll(db, writes);
    },
  };
}
