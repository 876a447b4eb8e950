import { Timestamp, type Firestore, type Query } from '@google-cloud/firestore';
import type { PersonalDataRecords, PersonalDataSection, StoredRecord } from '../../domain/customers';
import type { User } from '../../domain/users';
import { NOTIFICATIONS_COLLECTION } from '../notify/inbox-sender';
import { INVOICE_ALLOWANCES } from '../invoicing/allowance-store';
import { INVOICES } from '../invoicing/invoice-store';
import { firestoreCustomerStore } from './customer-store';

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
 * Every record that names one customer, wherever it is kept (個資法's copy, `domain/customers/personal-data.ts`): one
 * query per collection, on the field that names the customer there. A collection added later that names customers
 * belongs here too.
 */
export function firestorePersonalDataStore(db: Firestore) {
  return {
    async of(customerId: string): Promise<PersonalDataRecords> {
      const customer = await firestoreCustomerStore(db).get(customerId);
      const by = (collection: string, field = 'customerId') => recordsOf(db.collection(collection).where(field, '==', customerId));
      const prediction = await db.collection('predictions').doc(customerId).get();
      const [accounts, orders, recurringRules, payments, refunds, deposits, invoices, allowances, safetyInspections, complaints, churnCalls, inboxMessages] =
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
          by(NOTIFICATIONS_COLLECTION),
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
        inboxMessages,
        predictions: prediction.exists ? [plain({ id: prediction.id, ...prediction.data() }) as StoredRecord] : [],
      };
      return { customer, accounts: accounts.docs.map((d) => d.data() as User), sections };
    },
  };
}
