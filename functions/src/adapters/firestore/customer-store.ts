import { FieldValue, type DocumentSnapshot, type Firestore, type Query, type Transaction } from '@google-cloud/firestore';
import {
  customerCode,
  runningCodeNumber,
  matchesSearch,
  searchQueryTokens,
  type Customer,
  type CustomerStatus,
  type CustomerType,
  type LocationPrecision,
  type StoredContact,
  withSearchTokens,
} from '../../domain/customers';
import { conflict, notFound } from '../../domain/errors';
import { pricingTerms, type ContractPrice, type CustomerTerms, type PricedCustomer, type PricingTerm } from '../../domain/pricing';
import type { LatLng } from '../../domain/schema';
import { withSafetyDueKey } from '../../domain/safety';
import type { UnitOfWork } from './unit-of-work';
import { runContendedTransaction } from './contended-transaction';

export interface CustomerQuery {
  readonly q?: string | undefined;
  readonly type?: CustomerType | undefined;
  readonly district?: string | undefined;
  readonly status?: CustomerStatus | undefined;
  readonly location?: 'approximate' | undefined;
  readonly limit: number;
  /** The code of the last customer of the previous page. */
  readonly cursor?: string | undefined;
}

export interface NewCustomer {
  readonly id: string;
  readonly build: (code: string) => Customer;
  readonly wantedCode?: string;
}

/** Locations the geocoder found only to the road or the district centre. */
const APPROXIMATE_PRECISIONS: readonly LocationPrecision[] = ['street', 'district'];

/** Firestore's limit on the values of one `in` or `array-contains-any` filter. */
const CODES_PER_QUERY = 30;

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

function found(id: string, snap: DocumentSnapshot): Customer {
  if (!snap.exists) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${id} not found`, { id });
  return snap.data() as Customer;
}

/** What pricing reads of a customer's record (`pricingTerms`). */
function pricedOf(snap: DocumentSnapshot): PricedCustomer {
  const payerId = snap.get('payerId') as string | undefined;
  const contractPrices = snap.get('contractPrices') as ContractPrice[] | undefined;
  return { id: snap.id, ...(payerId ? { payerId } : {}), ...(contractPrices ? { contractPrices } : {}) };
}

/** What every write stores with the customer: its derived search tokens and safety due key. */
const stamped = (customer: Customer): Customer => withSafetyDueKey(withSearchTokens(customer));

/** Firestore's limit on the writes of one batch. */
const BATCH = 500;

/** Customers in `customers/{id}`, codes from `counters/customers` (allocated in the creating transaction). */
export function firestoreCustomerStore(db: Firestore) {
  const col = db.collection('customers');
  const counter = db.collection('counters').doc('customers');

  /** Customer id → code and name, two fields read per customer; unknown ids are left out. */
  const codesAndNames = async (customerIds: readonly string[]): Promise<Map<string, { code: string; name: string }>> => {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return new Map();
    const snaps = await db.getAll(...ids.map((id) => col.doc(id)), { fieldMask: ['code', 'name'] });
    return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, { code: String(s.get('code')), name: String(s.get('name')) }] as const] : [])));
  };
  /** Customer id → one field of theirs (`path`) as `read` takes it, one field read per customer; unknown ids are left out. */
  const fieldOf = async <T>(customerIds: readonly string[], path: string, read: (value: unknown) => T): Promise<Map<string, T>> => {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return new Map();
    const snaps = await db.getAll(...ids.map((id) => col.doc(id)), { fieldMask: [path] });
    return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, read(s.get(path))] as const] : [])));
  };
  return {
    codesAndNames,

    /** Customer id → the weekdays it takes no deliveries (0 = Sunday), one field read per customer; unknown ids are left out. */
    closedDaysOf: (customerIds: readonly string[]): Promise<Map<string, number[]>> =>
      fieldOf(customerIds, 'closedDays', (value) => (value as number[] | undefined) ?? []),

    /** Customer id → the district it is delivered in (`address.district`, as closures name it); unknown ids are left out. */
    districtsOf: (customerIds: readonly string[]): Promise<Map<string, string>> => fieldOf(customerIds, 'address.district', String),

    /** Customer id → where it is pinned, one field read per customer; customers without a pin and unknown ids are left out. */
    locationsOf: async (customerIds: readonly string[]): Promise<Map<string, LatLng>> =>
      new Map([...(await fieldOf(customerIds, 'location', (value) => value as LatLng | undefined))].flatMap(([id, place]) => (place ? [[id, place] as const] : []))),

    /**
     * Customer id → the 合約價 terms they price by (`pricingTerms`: a branch's include its head office's), two fields read
     * per customer and one per head office; customers without terms and unknown ids are left out.
     */
    async contractPricesOf(customerIds: readonly string[]): Promise<Map<string, PricingTerm[]>> {
      const ids = [...new Set(customerIds)];
      if (ids.length === 0) return new Map();
      const read = async (of: readonly string[]): Promise<PricedCustomer[]> =>
        of.length === 0 ? [] : (await db.getAll(...of.map((id) => col.doc(id)), { fieldMask: ['payerId', 'contractPrices'] })).flatMap((s) => (s.exists ? [pricedOf(s)] : []));
      const customers = await read(ids);
      const heads = new Map((await read([...new Set(customers.flatMap((c) => (c.payerId ? [c.payerId] : [])))])).map((h) => [h.id, h]));
      return new Map(customers.flatMap((c) => {
        const terms = pricingTerms(c, c.payerId ? heads.get(c.payerId) : undefined);
        return terms ? [[c.id, terms] as const] : [];
      }));
    },

    /**
     * Every customer on 合約價 terms, with their name and terms alone: those a posted list price is checked against. Only
     * they have the field (setting no terms removes it), so the query reads them alone (firestore.indexes.json orders it).
     */
    async onContractTerms(): Promise<CustomerTerms[]> {
      const snap = await col.where('contractPrices', '!=', null).select('name', 'status', 'contractPrices').get();
      return snap.docs.map((d) => ({ id: d.id, name: String(d.get('name')), status: d.get('status') as CustomerStatus, contractPrices: d.get('contractPrices') as ContractPrice[] }));
    },

    /** The 合約價 terms a customer prices by (`pricingTerms`) as a transaction reads them (none for one no longer on record). */
    async contractPricesIn(tx: Transaction, id: string): Promise<PricingTerm[] | undefined> {
      const snap = await tx.get(col.doc(id));
      return snap.exists ? this.pricingTermsOf(pricedOf(snap), tx) : undefined;
    },

    /**
     * The 合約價 terms a customer read already prices by (`pricingTerms`): a branch's head office is read too, in `tx` when
     * given, so a change of the head office's terms committing meanwhile makes the transaction retry on the new ones.
     */
    async pricingTermsOf(customer: PricedCustomer, tx?: Transaction): Promise<PricingTerm[] | undefined> {
      if (customer.payerId === undefined) return pricingTerms(customer, undefined);
      const ref = col.doc(customer.payerId);
      const head = await (tx ? tx.get(ref) : ref.get());
      return pricingTerms(customer, head.exists ? pricedOf(head) : undefined);
    },

    /** Customer id → name and first phone, the number the office calls; unknown ids are left out. */
    async contactsOf(customerIds: readonly string[]): Promise<Map<string, { name: string; phone?: string }>> {
      const ids = [...new Set(customerIds)];
      if (ids.length === 0) return new Map();
      const snaps = await db.getAll(...ids.map((id) => col.doc(id)), { fieldMask: ['name', 'phones'] });
      return new Map(
        snaps.flatMap((s) => {
          const phone = (s.get('phones') as string[] | undefined)?.[0];
          return s.exists ? [[s.id, { name: String(s.get('name')), ...(phone ? { phone } : {}) }] as const] : [];
        }),
      );
    },

    /** Those of these customers whose personal data was erased (`erasure`), one field read per customer. */
    async erasedAmong(customerIds: readonly string[]): Promise<Set<string>> {
      return new Set([...(await fieldOf(customerIds, 'erasure', (value) => value !== undefined))].flatMap(([id, erased]) => (erased ? [id] : [])));
    },

    /** Customer id → `code name` (「C0012 林家麵店」), as the office knows them; unknown ids are left out. */
    async labels(customerIds: readonly string[]): Promise<Map<string, string>> {
      return new Map([...(await codesAndNames(customerIds))].map(([id, c]) => [id, `${c.code} ${c.name}`]));
    },

    /** The customer with this code (C00127), or null. */
    async findByCode(code: string): Promise<Customer | null> {
      const snap = await col.where('code', '==', code).limit(1).get();
      return (snap.docs[0]?.data() as Customer | undefined) ?? null;
    },

    async get(id: string): Promise<Customer> {
      return found(id, await col.doc(id).get());
    },

    /** The customer as a transaction reads it: one that changes the customer meanwhile makes either wait for the other. */
    async getIn(tx: Transaction, id: string): Promise<Customer> {
      return found(id, await tx.get(col.doc(id)));
    },

    /** The next running code (C00128), the counter read and moved on in `uow`'s transaction: for a customer made with other writes (a 過戶's buyer). */
    async nextCodeIn(uow: UnitOfWork): Promise<string> {
      const next = ((await uow.tx.get(counter)).data()?.['next'] as number | undefined) ?? 1;
      uow.set('counters', counter.id, { next: next + 1 });
      return customerCode(next);
    },

    /** Stages a customer already worked out (new, or `revised`) in `uow`, as every write stores it. */
    putIn(uow: UnitOfWork, customer: Customer): Customer {
      const stored = stamped(customer);
      uow.set('customers', stored.id, stored);
      return stored;
    },

    /** Creates once per id: a retried request with the same id returns the stored customer. */
    async create(id: string, build: (code: string) => Customer, wantedCode?: string): Promise<Customer> {
      const [result] = await this.createMany([{ id, build, ...(wantedCode ? { wantedCode } : {}) }]);
      return (result as { customer: Customer }).customer;
    },

    /**
     * Creates all or none, in one transaction, each once per id (a retry returns what the first try
     * stored). A code asked for must be free; running codes are allocated past every code asked for,
     * so an imported C00420 is never handed out again.
     */
    async createMany(entries: readonly NewCustomer[]): Promise<{ customer: Customer; created: boolean }[]> {
      if (entries.length === 0) return [];
      return runContendedTransaction(db, async (tx) => {
        const [count, ...snaps] = await tx.getAll(counter, ...entries.map((e) => col.doc(e.id)));
        const fresh = entries.filter((_, i) => !snaps[i]?.exists);
        const wanted = fresh.flatMap((e) => (e.wantedCode ? [e.wantedCode] : []));
        for (let i = 0; i < wanted.length; i += CODES_PER_QUERY) {
          const taken = await tx.get(col.where('code', 'in', wanted.slice(i, i + CODES_PER_QUERY)).select('code'));
          const first = taken.docs[0];
          if (first) {
            const code = first.get('code') as string;
            throw conflict('CUSTOMER.CODE_TAKEN', `Customer code ${code} is taken`, { code, path: 'code' });
          }
        }
        let next = Math.max((count?.data()?.['next'] as number | undefined) ?? 1, ...wanted.map((c) => (runningCodeNumber(c) ?? 0) + 1));
        const results = entries.map((entry, i) => {
          const snap = snaps[i];
          if (snap?.exists) return { customer: snap.data() as Customer, created: false };
          const customer = entry.build(entry.wantedCode ?? customerCode(next++));
          const stored = stamped(customer);
          tx.create(col.doc(entry.id), stored);
          return { customer: stored, created: true };
        });
        if (fresh.length > 0) tx.set(counter, { next }, { merge: true });
        return results;
      });
    },

    /**
     * The branches a head office pays for (`payerId ==`, its single-field index), in code order; in `tx` when given, so
     * a link decided on them holds. A chain has a handful: read whole.
     */
    async branchesOf(payerId: string, tx?: Transaction): Promise<Customer[]> {
      const q = col.where('payerId', '==', payerId);
      const snap = await (tx ? tx.get(q) : q.get());
      return snap.docs.map((d) => d.data() as Customer).sort((a, b) => a.code.localeCompare(b.code));
    },

    /** Every customer (of a status), in code order: the customer list exported for Excel. */
    async all(status?: CustomerStatus): Promise<Customer[]> {
      const snap = await (status ? col.where('status', '==', status) : col).orderBy('code').get();
      return snap.docs.map((d) => d.data() as Customer);
    },

    /**
     * Every stored customer's code, name and phones (a field mask, one query), for finding duplicates before an import.
     * One read per customer: a distributor's few thousand cost less than the dozens of `array-contains-any` queries
     * a thousand-row file would need, and the emulator answers it in milliseconds instead of minutes.
     */
    async contactKeys(): Promise<StoredContact[]> {
      const snap = await col.select('code', 'name', 'phones').get();
      return snap.docs.map((d) => ({ id: d.id, code: d.get('code') as string, name: d.get('name') as string, phones: (d.get('phones') as string[] | undefined) ?? [] }));
    },

    /** Writes what `change` makes of the customer (`revised`: one version more); a change answering the customer itself writes nothing. */
    async update(id: string, change: (current: Customer) => Customer): Promise<Customer> {
      return runContendedTransaction(db, async (tx) => {
        const ref = col.doc(id);
        const current = found(id, await tx.get(ref));
        const next = change(current);
        if (next === current) return current;
        const stored = stamped(next);
        tx.set(ref, stored);
        return stored;
      });
    },

    /** `update` inside a unit of work, for what must change with the customer in the same transaction (their orders). */
    async updateIn(uow: UnitOfWork, id: string, change: (current: Customer) => Customer): Promise<{ before: Customer; after: Customer }> {
      const before = found(id, await uow.tx.get(col.doc(id)));
      const next = change(before);
      if (next === before) return { before, after: before };
      const after = stamped(next);
      uow.set('customers', id, after);
      return { before, after };
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
      if (query.location === 'approximate') base = base.where('locationPrecision', 'in', APPROXIMATE_PRECISIONS);
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

    /**
     * Writes `searchTokens` where they differ from what today's rule derives (customers stored before it changed, e.g.
     * without phone prefixes): one read of every customer, writes in batches. Safe to run again; a rerun writes nothing.
     */
    async backfillSearchTokens(): Promise<{ customers: number; written: number }> {
      const snap = await col.get();
      const stale = snap.docs.flatMap((d) => {
        const stored = d.data() as Customer;
        const tokens = withSearchTokens(stored).searchTokens;
        return JSON.stringify(tokens) === JSON.stringify(stored.searchTokens) ? [] : [{ ref: d.ref, tokens }];
      });
      for (let i = 0; i < stale.length; i += BATCH) {
        const batch = db.batch();
        // A write of the record like any other: a form open on the customer goes on from the version after it.
        for (const { ref, tokens } of stale.slice(i, i + BATCH)) batch.update(ref, { searchTokens: tokens, version: FieldValue.increment(1) });
        await batch.commit();
      }
      return { customers: snap.size, written: stale.length };
    },
  };
}

export type CustomerStore = ReturnType<typeof firestoreCustomerStore>;
