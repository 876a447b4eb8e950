import { Timestamp, type Firestore, type Query } from '@google-cloud/firestore';
import type { PersonalDataRecords, PersonalDataSection, StoredRecord } from '../../domain/customers';
import { ORDER_TRACKING } from '../../domain/notifications';
import type { User } from '../../domain/users';
import { NOTIFICATIONS_COLLECTION } from '../notify/inbox-sender';
import { INVOICE_ALLOWANCES } from '../invoicing/allowance-store';
import { INVOICES } from '../invoicing/invoice-store';
import { EINVOICE_UPLOADS } from '../invoicing/einvoice-upload-store';
import { ANNOUNCEMENTS } from './announcement-store';
import { MOVES } from './closure-store';
import { COLLECTION_CONTACTS } from './collection-contact-store';
import { firestoreCustomerStore } from './customer-store';
import { SERVICE_CALLS } from './service-call-store';
import { SIGN_IN_FAILURES } from './sign-in-failure-store';

/** Firestore times (a TTL's `expiresAt`) as the ISO strings every other time in a record is. */
function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

async function recordsOf(query: Query): Promise<StoredRecord[]> {
  return (await query.get()).docs.map((d) => plain({ id: d.id, ...d.data() }) as StoredRecord);
}

/**
 * Every collection the server keeps, by what it holds of a customer (a sub-collection by its own name). One that names a
 * customer is in the copy, under its section or as the record or the accounts, or says why not; the rest name none.
 * `personal-data-store.test.ts` finds the collections the source reads and writes, and those the demo data names
 * customers in, and fails on one missing here: a collection added later is placed before it ships.
 */
export const COPIED: Readonly<Record<string, PersonalDataSection | 'customer' | 'accounts'>> = {
  customers: 'customer',
  users: 'accounts',
  orders: 'orders',
  recurringRules: 'recurringRules',
  payments: 'payments',
  refunds: 'refunds',
  deposits: 'deposits',
  [INVOICES]: 'invoices',
  [INVOICE_ALLOWANCES]: 'allowances',
  safetyInspections: 'safetyInspections',
  complaints: 'complaints',
  churnCalls: 'churnCalls',
  [COLLECTION_CONTACTS]: 'collectionContacts',
  [NOTIFICATIONS_COLLECTION]: 'inboxMessages',
  notificationDispatch: 'sentMessages',
  [SERVICE_CALLS]: 'serviceCalls',
  predictions: 'predictions',
};

/** Collections that name a customer but whose records the copy already holds in another form, or are the system's own. */
export const NOT_COPIED: Readonly<Record<string, string>> = {
  routes: "a stop holds the order's id and place, which the order in the copy has",
  alerts: "the office's notices about an order or a call in the copy, by its id and the customer's name",
  [EINVOICE_UPLOADS]: 'the MOF messages of the invoices in the copy, as filed',
  cylinders: 'the register of cylinders (serials, tests), kept at the customer: the counts on site are in the record',
  events: "a cylinder's history in the register, as above",
  auditLog: "who did what in the system: the requests are the staff's, and the copy's records are their result",
  receivables: 'a balance derived from the orders and payments in the copy',
  creditGuards: 'a lock on a customer while a credit is paid back: a version number',
  priceNotices: 'which price each customer was last told, by customer id: the message itself is in sentMessages',
  notificationState: 'which notices of an order were sent, by order id',
  portalSignups: 'a hashed one-time code for 開通帳號, kept minutes',
  [SIGN_IN_FAILURES]: 'refused sign-ins by username, for the admin, kept 90 days: about accounts, not customers',
  passwordResets: 'a hashed reset code of a portal account, kept minutes',
  idempotency: "a retried request's answer, expiring in a day",
  outbox: "events for Pub/Sub, by ids and amounts, kept 30 days once published (the erasure deletes those about the customer)",
  processedEvents: 'which events a consumer handled, expiring after 30 days',
  [ANNOUNCEMENTS]: "the company's notice to many customers, a chosen audience by their ids: what each was sent is in sentMessages",
  dismissals: "which of those notices a portal account closed on the portal, by the account's uid and when: a screen's state",
  churnAssignments: 'which member of the office is to call a customer at churn risk, by ids: the office’s own work list',
  [MOVES]: "a closure's move of an order in the copy (its days before and after, which the order's timeline has), for 恢復配送",
  [ORDER_TRACKING]: "an order out for delivery's place on its route (stops before it, the driver, the time), gone once delivered",
};

/** Collections that name no customer. */
export const NAMES_NO_CUSTOMER: readonly string[] = [
  'allowanceBooks', 'closures', 'counters', 'cylinderStock', 'movements', 'demandAdjustments', 'depots', 'driverActions', 'driverLocations',
  'drivers', 'forecasts', 'invoiceBooks', 'issued', 'loginThrottle', 'models', 'monthlyReports', 'optimizationJobs', 'overtimes', 'planLocks',
  'priceList', 'priceRepricing', 'removedStops', 'reports', 'settings', 'settlements', 'vehicles',
];

/**
 * Every record that names one customer, wherever it is kept (個資法's copy, `domain/customers/personal-data.ts`): one
 * query per collection of `COPIED`, on the field that names the customer there.
 */
export function firestorePersonalDataStore(db: Firestore) {
  return {
    async of(customerId: string): Promise<PersonalDataRecords> {
      const customer = await firestoreCustomerStore(db).get(customerId);
      const by = (collection: string, field = 'customerId') => recordsOf(db.collection(collection).where(field, '==', customerId));
      const prediction = await db.collection('predictions').doc(customerId).get();
      const [accounts, orders, recurringRules, payments, refunds, deposits, invoices, allowances, safetyInspections, complaints, churnCalls, collectionContacts, inboxMessages, sentMessages, serviceCalls] =
        await Promise.all([
          db.collection('users').where('customerId', '==', customerId).get(),
          by('orders'),
          by('recurringRules'),
          by('payments'),
          by('refunds'),
          recordsOf(db.collection('customers').doc(customerId).collection('deposits')),
          by(INVOICES, 'customer.id'),
          by(INVOICE_ALLOWANCES, 'customer.id'),
          by('safetyInspections'),
          by('complaints'),
          by('churnCalls'),
          by(COLLECTION_CONTACTS),
          by(NOTIFICATIONS_COLLECTION),
          by('notificationDispatch'),
          by(SERVICE_CALLS),
        ]);
      const sections: Record<PersonalDataSection, StoredRecord[]> = {
        orders,
        recurringRules,
        payments,
        refunds,
        deposits,
        invoices,
        allowances,
        safetyInspections,
        complaints,
        churnCalls,
        collectionContacts,
        inboxMessages,
        sentMessages,
        serviceCalls,
        predictions: prediction.exists ? [plain({ id: prediction.id, ...prediction.data() }) as StoredRecord] : [],
      };
      return { customer, accounts: accounts.docs.map((d) => d.data() as User), sections };
    },
  };
}
