import type { Firestore, Query } from '@google-cloud/firestore';
import {
  customerCode,
  matchesSearch,
  searchQueryTokens,
  type Customer,
  type CustomerStatus,
  type CustomerType,
} from '../../domain/customers';
import { notFound } from '../../domain/errors';

export interface CustomerQuery {
  readonly q?: string | undefined;
  readonly type?: CustomerType | undefined;
  readonly district?: string | undefined;
  readonly status?: CustomerStatus | undefined;
  readonly limit: number;
  /** The code of the last customer of the previous page. */
  readonly cursor?: string | undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Customers in `customers/{id}`, codes from `counters/customers` (allocated in the creating transaction). */
export function firestoreCustomerStore(db: Firestore) {
  const col = db.collection('customers');
  const counter = db.collection('counters').doc('customers');

  return {
    /** Customer id → the weekdays it takes no deliveries (0 = Sunday), one field read per customer; unknown ids are left out. */
    async closedDaysOf(customerIds: readonly string[]): Promise<Map<string, number[]>> {
      const ids = [...new Set(customerIds)];
      if (ids.length === 0) return new Map();
      const snaps = await db.getAll(...ids.map((id) => col.doc(id)), { fieldMask: ['closedDays'] });
      return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, (s.get('closedDays') as number[] | undefined) ?? []] as const] : [])));
    },

    async get(id: string): Promise<Customer> {
      const snap = await col.doc(id).get();
      if (!snap.exists) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${id} not found`, { id });
      return snap.data() as Customer;
    },

    /** Creates once per id: a retried request with the same id returns the stored customer. */
    async create(id: string, build: (code: string) => Customer, wantedCode?: string): Promise<Customer> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(id);
        const [existing, count] = await Promise.all([tx.get(ref), tx.get(counter)]);
        if (existing.exists) return existing.data() as Customer;
        const next = ((count.data()?.['next'] as number | undefined) ?? 1) as number;
        const customer = build(wantedCode ?? customerCode(next));
        tx.set(counter, { next: wantedCode ? next : next + 1 }, { merge: true });
        tx.create(ref, customer);
        return customer;
      });
    },

    async update(id: string, change: (current: Customer) => Customer): Promise<Customer> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(id);
        const snap = await tx.get(ref);
        if (!snap.exists) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${id} not found`, { id });
        const next = change(snap.data() as Customer);
        tx.set(ref, next);
        return next;
      });
    },

    /**
     * Equality filters and one `array-contains` token narrow the candidates in Firestore; the
     * remaining query tokens are checked here. Pages are in code order; a page may hold fewer
     * than `limit` items when the text filter drops candidates, and `nextCursor` still advances.
     */
    async search(query: CustomerQuery): Promise<Page<Customer>> {
      let base: Query = col;
      if (query.type) base = base.where('type', '==', query.type);
      if (query.status) base = base.where('status', '==', query.status);
      if (query.district) base = base.where('address.district', '==', query.district);
      const tokens = query.q ? searchQueryTokens(query.q) : [];
      if (query.q && tokens.length === 0) return { items: [], nextCursor: null };
      if (tokens[0]) base = base.where('searchTokens', 'array-contains', tokens[0]);
      base = base.orderBy('code');
      if (query.cursor) base = base.startAfter(query.cursor);
      const batch = tokens.length > 1 ? query.limit * 4 : query.limit;
      const snap = await base.limit(batch + 1).get();
      const examined = snap.docs.slice(0, batch).map((d) => d.data() as Customer);
      const moreInStore = snap.size > batch;
      const matching = query.q ? examined.filter((c) => matchesSearch(c.searchTokens, query.q as string)) : examined;
      if (matching.length > query.limit) {
        const items = matching.slice(0, query.limit);
        return { items, nextCursor: (items[items.length - 1] as Customer).code };
      }
      const last = examined[examined.length - 1];
      return { items: matching, nextCursor: moreInStore && last ? last.code : null };
    },
  };
}

export type CustomerStore = ReturnType<typeof firestoreCustomerStore>;
