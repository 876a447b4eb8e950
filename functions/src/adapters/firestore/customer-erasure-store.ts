import { FieldValue, type DocumentReference, type DocumentSnapshot, type Firestore, type Query } from '@google-cloud/firestore';
import { erasedCollectionContact, type CollectionContact, type Deposit, type Payment, type Refund } from '../../domain/billing';
import { erasedCopy, erasedDeposit, erasedEvent, erasedEventData, erasedOrder, erasedPayment, erasedRefund, erasedServiceCall, type Customer } from '../../domain/customers';
import type { EventEnvelope } from '../../domain/events';
import { ORDER_TRACKING } from '../../domain/notifications';
import type { Order } from '../../domain/orders';
import type { Route } from '../../domain/routes';
import type { ServiceCall } from '../../domain/service-calls';
import { erasedConfirmation, type RecordedConfirmation } from '../../domain/safety';
import { resetSubject } from '../../http/auth/code-requests';
import { accountKey } from '../../http/auth/login-throttle';
import { NOTIFICATIONS_COLLECTION } from '../notify/inbox-sender';
import { INVOICE_ALLOWANCES } from '../invoicing/allowance-store';
import { EINVOICE_UPLOADS } from '../invoicing/einvoice-upload-store';
import { INVOICES } from '../invoicing/invoice-store';
import { ANNOUNCEMENTS } from './announcement-store';
import { AUDIT_LOG } from './audit-log-store';
import { MOVES } from './closure-store';
import { COLLECTION_CONTACTS } from './collection-contact-store';
import { IDEMPOTENCY } from './idempotency-store';
import { LOGIN_THROTTLE, throttleDocId } from './login-throttle-store';
import { OUTBOX } from './outbox';
import { SERVICE_CALLS } from './service-call-store';
import { SIGN_IN_FAILURES } from './sign-in-failure-store';
import type { UnitOfWork } from './unit-of-work';

/** Firestore's limit on the writes of one batch. */
const BATCH = 500;
/** Firestore's limit on the values of one `in` filter. */
const IN_LIMIT = 30;

/** Records about the customer kept for no law, which the erasure deletes: messages (inbox, LINE, SMS), calls, complaints, rules. */
export const DELETED_ON_ERASURE = [NOTIFICATIONS_COLLECTION, 'notificationDispatch', 'churnCalls', 'complaints', 'recurringRules', ORDER_TRACKING] as const;

/**
 * What the erasure does to each collection naming a customer (`personal-data-store.ts`'s `COPIED` and `NOT_COPIED`;
 * `personal-data-store.test.ts` fails on one left out): `erased` / `scrubbed` (who and where they are replaced),
 * `deleted`, or `kept` with why it names no more than an id, or must stay.
 */
export const ON_ERASURE: Readonly<Record<string, { readonly does: 'erased' | 'scrubbed' | 'deleted' | 'kept'; readonly what: string }>> = {
  customers: { does: 'erased', what: 'the record keeps its code, city and district, 統一編號 and 抬頭' },
  users: { does: 'erased', what: 'portal accounts disabled for good, named by the code, the username they chose replaced by an opaque one' },
  orders: { does: 'scrubbed', what: 'name, phone, house, point, notes, the timeline notes and reasons typed (a picked one stays)' },
  routes: { does: 'scrubbed', what: "a stop's point moves to the district's" },
  [INVOICES]: { does: 'scrubbed', what: "the customer copy; the buyer as filed stays (稅捐稽徵法)" },
  [INVOICE_ALLOWANCES]: { does: 'scrubbed', what: 'the customer copy' },
  [EINVOICE_UPLOADS]: { does: 'scrubbed', what: "the invoice's customer copy" },
  safetyInspections: { does: 'scrubbed', what: 'the customer copy; what was found stays, a safety record' },
  [SERVICE_CALLS]: { does: 'scrubbed', what: "the customer copy, the caller's words, the time asked for and the driver's note; the kind, times and outcome stay, a safety record" },
  alerts: { does: 'scrubbed', what: "the customer's name and a reason typed in the event's data" },
  [AUDIT_LOG]: { does: 'scrubbed', what: 'request bodies naming them or about one of their records; who did what and when stays' },
  [IDEMPOTENCY]: { does: 'scrubbed', what: 'answers naming them (ERASED_ANSWER); the rest expire in a day' },
  [OUTBOX]: { does: 'deleted', what: 'published events about them or their orders; one not yet published loses the words typed and is left for its consumers' },
  [NOTIFICATIONS_COLLECTION]: { does: 'deleted', what: 'inbox messages' },
  notificationDispatch: { does: 'deleted', what: 'LINE / SMS messages with their address and text' },
  churnCalls: { does: 'deleted', what: 'calls and notes' },
  complaints: { does: 'deleted', what: 'complaints' },
  recurringRules: { does: 'deleted', what: 'standing orders' },
  [ORDER_TRACKING]: { does: 'deleted', what: "an order's tracking on its route, with the driver's name and phone" },
  [MOVES]: { does: 'scrubbed', what: "the customer's name; the order's id and days stay, for 恢復配送" },
  predictions: { does: 'deleted', what: 'the prediction with their phone' },
  portalSignups: { does: 'deleted', what: "a 開通帳號 code and its mobile" },
  passwordResets: { does: 'deleted', what: 'reset codes of their accounts' },
  payments: { does: 'scrubbed', what: 'the note and a void reason typed; amounts, days, method and reference stay for the books (商業會計法)' },
  refunds: { does: 'scrubbed', what: 'the reason and a void reason typed; amounts, days and method stay for the books' },
  deposits: { does: 'scrubbed', what: 'the note typed; cylinders, amounts and days stay for the books' },
  [COLLECTION_CONTACTS]: { does: 'scrubbed', what: 'what was said on a 催款 call or visit; how, when, who and the day promised stay' },
  cylinders: { does: 'kept', what: "the register by the customer's id" },
  events: { does: 'kept', what: "a cylinder's history by ids" },
  receivables: { does: 'kept', what: 'a balance by id, nil at the erasure' },
  creditGuards: { does: 'kept', what: 'a version number' },
  priceNotices: { does: 'kept', what: 'the price each customer id was told' },
  notificationState: { does: 'kept', what: 'a sequence number by order id, and for minutes a failure notice held back (the order code and reason; the send, after the erasure, drops it)' },
  processedEvents: { does: 'kept', what: 'event ids, expiring' },
  signInFailures: { does: 'deleted', what: "those typed with a portal account's username, in the erasure's transaction (`forgetUsernameIn`); the rest are about accounts, not customers" },
  [ANNOUNCEMENTS]: { does: 'kept', what: "a chosen audience's customer ids; the words are the company's, and what they were sent (notificationDispatch) is deleted" },
  dismissals: { does: 'kept', what: "an account's uid and when it closed a banner" },
  churnAssignments: { does: 'kept', what: 'a customer id and the staff uid to call them' },
};

/** A request body the audit log keeps for an erased customer: who did what stays, what they typed about them goes. */
export const ERASED_BODY = JSON.stringify({ erased: true });

/**
 * The answer a retried request gets once the customer it named is erased: its status as first answered (so nothing runs
 * twice), its body no longer naming them.
 */
export const ERASED_ANSWER = { erased: true } as const;

type Write = { readonly ref: DocumentReference; readonly data: Record<string, unknown> | null };

/** `doc` rewritten as `next`: an update keeps the fields it does not name, so those `next` no longer has (words typed) are deleted. */
function replacedBy(doc: DocumentSnapshot, next: object): Write {
  const gone = Object.keys(doc.data() ?? {}).filter((field) => !(field in next));
  return { ref: doc.ref, data: { ...next, ...Object.fromEntries(gone.map((field) => [field, FieldValue.delete()])) } };
}

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
 * sent to the MOF for them, safety inspections, service calls, the office's alerts, the audit log's request bodies
 * (about them or one of their records) and the answers kept for retried requests; the messages sent to them (inbox, LINE, SMS), churn calls, complaints,
 * recurring rules and the published events about them or their orders are deleted. Too many documents for one transaction (years of
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
      for (const d of orders) writes.push(replacedBy(d, erasedOrder(d.data() as Order, erased)));
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
      // A safety inspection or a service call (報修) is a safety record: what was found stays, whose house it was and what
      // was said about it go.
      const serviceCalls = await docs(db.collection(SERVICE_CALLS).where('customerId', '==', id));
      for (const d of serviceCalls) writes.push(replacedBy(d, erasedServiceCall(d.data() as ServiceCall, erased)));
      const inspections = await docs(db.collection('safetyInspections').where('customerId', '==', id));
      for (const d of inspections) {
        const confirmation = d.get('confirmation') as RecordedConfirmation | undefined;
        writes.push({
          ref: d.ref,
          data: { customer: erasedCopy(d.get('customer') as { name: string; address: string; phone: string }, erased), ...(confirmation ? { confirmation: erasedConfirmation(confirmation) } : {}) },
        });
      }
      // The books keep the money (商業會計法), not what the office typed beside it.
      const payments = await docs(db.collection('payments').where('customerId', '==', id));
      for (const d of payments) writes.push(replacedBy(d, erasedPayment(d.data() as Payment)));
      const refunds = await docs(db.collection('refunds').where('customerId', '==', id));
      for (const d of refunds) writes.push(replacedBy(d, erasedRefund(d.data() as Refund)));
      for (const d of await docs(db.collection('customers').doc(id).collection('deposits'))) writes.push(replacedBy(d, erasedDeposit(d.data() as Deposit)));
      // That the office phoned about a debt, and the day promised, is the receivables' history; what was said is about them.
      for (const d of await docs(db.collection(COLLECTION_CONTACTS).where('customerId', '==', id))) writes.push(replacedBy(d, erasedCollectionContact(d.data() as CollectionContact)));
      // An alert keeps its event's data: a failed delivery's, the words typed as why.
      for (const d of await docs(db.collection('alerts').where('data.customerId', '==', id))) {
        const data = erasedEventData(d.get('data') as Record<string, unknown>);
        writes.push({ ref: d.ref, data: { data, ...(d.get('customerName') === undefined ? {} : { customerName: erased.name }) } });
      }
      // A closure's record of a move names whose order it was, for 恢復配送's list.
      for (const d of await docs(db.collectionGroup(MOVES).where('customerId', '==', id))) writes.push({ ref: d.ref, data: { customerName: erased.name } });
      // A request about one of their records (an order cancelled with words typed, a call closed) names that record, not
      // them; one about many (a day's orders confirmed) keeps its body, which lists ids.
      // What they did themselves through their portal accounts (a reset password names the username it was for) too.
      const audited = [
        ...(await docs(db.collection(AUDIT_LOG).where('entityIds', 'array-contains', id))),
        ...(await docs(db.collection(AUDIT_LOG).where('actor.customerId', '==', id))),
      ];
      for (const ids of chunks([...orders, ...invoices, ...serviceCalls, ...inspections, ...payments, ...refunds].map((d) => d.id), IN_LIMIT)) {
        audited.push(...(await docs(db.collection(AUDIT_LOG).where('entityId', 'in', ids))));
      }
      for (const d of new Map(audited.map((e) => [e.id, e])).values()) writes.push({ ref: d.ref, data: { bodyJson: ERASED_BODY } });
      for (const collection of DELETED_ON_ERASURE) {
        for (const d of await docs(db.collection(collection).where('customerId', '==', id))) writes.push({ ref: d.ref, data: null });
      }
      // The answers kept for retried requests (a day's, by TTL) are found by the customer's id anywhere in them: a created
      // order, a customer edited or deactivated, a route with their stop. Nothing indexes what an answer names. (One
      // naming a portal account's username went in the erasure's transaction, `forgetUsernameIn`.)
      const quoted = JSON.stringify(id);
      for (const d of await docs(db.collection(IDEMPOTENCY).where('state', '==', 'done'))) {
        if (JSON.stringify(d.get('response.body') ?? null).includes(quoted)) writes.push({ ref: d.ref, data: { 'response.body': ERASED_ANSWER } });
      }
      // Events already published are history nobody reads again (the sweeper reads the unpublished): those about the
      // customer or their orders go, a failure's or a cancellation's words and the times told with them. One not yet
      // published is left for its consumers, its words gone in the erasure's transaction (`scrubPendingEventsIn`).
      const eventsAbout = [
        ...(await docs(db.collection(OUTBOX).where('event.data.customerId', '==', id))),
        ...(await docs(db.collection(OUTBOX).where('event.subject', '==', `customers/${id}`))),
      ];
      for (const ids of chunks(orders.map((d) => d.id), IN_LIMIT)) eventsAbout.push(...(await docs(db.collection(OUTBOX).where('event.data.orderId', 'in', ids))));
      for (const d of new Map(eventsAbout.map((e) => [e.id, e])).values()) {
        if (d.get('publishedAt')) writes.push({ ref: d.ref, data: null });
      }
      await commitAll(db, writes);
    },
  };
}

/**
 * In the erasure's transaction: the events about the customer or their orders not yet published (Pub/Sub was down, the
 * sweeper has yet to get them out) lose the words typed about them (`erasedEvent`) and stay for the sweeper, so what they
 * announce still happens (an invoice issued, a day counted). With the record, so no erased customer is ever left with
 * such an event, however the scrubbing after it is cut short. Few: the outbox holds unpublished only what the last
 * sweeps missed.
 */
export async function scrubPendingEventsIn(uow: UnitOfWork, customerId: string): Promise<void> {
  const pending = (await uow.tx.get(uow.db.collection(OUTBOX).where('publishedAt', '==', null))).docs;
  const eventOf = (d: DocumentSnapshot) => d.get('event') as EventEnvelope;
  // A stop's events name the order, not the customer.
  const orderIds = [...new Set(pending.map((d) => eventOf(d).data['orderId']).filter((o): o is string => typeof o === 'string'))];
  const theirOrders = new Set((await uow.readAll<Order>('orders', orderIds)).flatMap((o) => (o?.customerId === customerId ? [o.id] : [])));
  for (const d of pending) {
    const { data, subject } = eventOf(d);
    const about = data['customerId'] === customerId || subject === `customers/${customerId}` || theirOrders.has(String(data['orderId']));
    if (about) uow.set(OUTBOX, d.id, { ...d.data(), event: erasedEvent(eventOf(d)) });
  }
}

/**
 * In the erasure's transaction, for one of the customer's portal accounts: what is kept under the username they chose
 * (their phone number, as often as not) goes before the account takes an opaque one: the sign-ins refused under it, the
 * throttle's counters keyed by it (hashed, but a phone number is found from its hash by trying them all), the requests
 * for a reset code that name it (`auth.code_requested`; one not yet sent would find no account by it now), and the
 * answers kept for retried requests that give it (an account opened by the office, an admin or 開通帳號, or edited),
 * which keep their status and answer ERASED_ANSWER as the scrubbing's do.
 */
export async function forgetUsernameIn(uow: UnitOfWork, username: string): Promise<void> {
  const [failures, codeRequests, answers] = await Promise.all([
    uow.tx.get(uow.db.collection(SIGN_IN_FAILURES).where('username', '==', username)),
    uow.tx.get(uow.db.collection(OUTBOX).where('event.data.username', '==', username)),
    uow.tx.get(uow.db.collection(IDEMPOTENCY).where('response.body.username', '==', username)),
  ]);
  for (const d of failures.docs) uow.remove(SIGN_IN_FAILURES, d.id);
  for (const d of codeRequests.docs) uow.remove(OUTBOX, d.id);
  for (const d of answers.docs) uow.set(IDEMPOTENCY, d.id, { ...d.data(), response: { ...d.get('response'), body: ERASED_ANSWER } });
  for (const key of [accountKey(username), resetSubject(username)]) uow.remove(LOGIN_THROTTLE, throttleDocId(key));
}
