import { FieldPath, FieldValue, type DocumentData, type Firestore, type Query, type QueryDocumentSnapshot } from '@google-cloud/firestore';
import type { Customer } from '../../domain/customers';
import { notFound } from '../../domain/errors';
import type { EventPublisher } from '../../domain/events';
import { CONTACT_FOLLOWING_STATUSES, type Order } from '../../domain/orders';
import { heldOrdersOf } from '../../domain/service-calls';
import type { NoticeLocale } from '../../domain/notifications';
import type { SafetyReminderCandidate } from '../../domain/notifications/safety-reminder';
import {
  inspectionStopAlert,
  inspectionStopNotice,
  NEVER_INSPECTED,
  safetyDueKeyOf,
  summaryAfter,
  supplyStopAfter,
  supplyStopOfInspection,
  type DueRange,
  type RegisterCandidate,
  type SafetyInspection,
  type SafetyReminderMark,
  type SafetySummary,
  type SupplyStop,
} from '../../domain/safety';
import { publishOutbox, writeOutbox } from './outbox';
import { runContendedTransaction } from './contended-transaction';

export const SAFETY_INSPECTIONS = 'safetyInspections';
const DUE_KEY = 'safetyDueKey';
const BATCH = 400;
const CANDIDATE_FIELDS = ['code', 'name', 'address.full', 'phones', 'safety', 'safetyReminder', 'supplyStop', 'lineUserId', 'notificationLocale'] as const;

function candidateOf(d: QueryDocumentSnapshot): SafetyReminderCandidate {
  const safety = d.get('safety') as SafetySummary | undefined;
  const safetyReminder = d.get('safetyReminder') as SafetyReminderMark | undefined;
  const supplyStop = d.get('supplyStop') as SupplyStop | undefined;
  const lineUserId = d.get('lineUserId') as string | undefined;
  const notificationLocale = d.get('notificationLocale') as NoticeLocale | undefined;
  return {
    id: d.id,
    code: d.get('code') as string,
    name: d.get('name') as string,
    address: { full: (d.get('address.full') as string | undefined) ?? '' },
    phones: (d.get('phones') as string[] | undefined) ?? [],
    status: 'active' as const,
    ...(safety ? { safety } : {}),
    ...(safetyReminder ? { safetyReminder } : {}),
    ...(supplyStop ? { supplyStop } : {}),
    ...(lineUserId ? { lineUserId } : {}),
    ...(notificationLocale ? { notificationLocale } : {}),
  };
}

/** The documents `query` finds, in pages of `size`, each page read after the last document of the one before. */
async function* pagesOf(query: Query, size: number): AsyncGenerator<QueryDocumentSnapshot[]> {
  let after: QueryDocumentSnapshot | undefined;
  for (;;) {
    const snap = await (after ? query.startAfter(after) : query).limit(size).get();
    if (snap.empty) return;
    yield snap.docs;
    if (snap.size < size) return;
    after = snap.docs[snap.size - 1];
  }
}

/**
 * `safetyInspections/{id}` (用戶安全檢查, never changed once written) and the `safety` summary on `customers/{id}` that
 * follows the latest of them, with the due list's `safetyDueKey` beside it; each write of those fields counts one more
 * customer `version`, as every write of a customer does (`revised`). Staff and the inspected customer may read the
 * records (firestore.rules); only this store writes them. A customer's list needs the composite index (customerId, inspectedOn desc, createdAt desc) in
 * firestore.indexes.json, the due list and the safety reminders (safetyDueKey, code); the filing's date range is a single-field query.
 */
export function firestoreSafetyInspectionStore(db: Firestore) {
  const col = db.collection(SAFETY_INSPECTIONS);
  const customers = db.collection('customers');
  const orders = db.collection('orders');
  const active = customers.where('status', '==', 'active');
  /** The customers whose key says they are due by `day`: the never inspected (`''`) sort before every due day. */
  const keyedDueBy = (day: string) => customers.where(DUE_KEY, '<=', day);

  return {
    /**
     * Stores the inspection `build` makes from the customer and moves the customer's summary, in one transaction. An id
     * already stored (a retried request) writes nothing and answers the stored record with the current summary. One that
     * stops the supply (`supplyStopOfInspection`) writes the stop and, through the outbox, the office's alert naming the
     * customer's orders it holds (`heldOrdersOf`) and the customer's notice (`inspectionStopNotice`).
     * @throws `CUSTOMER.NOT_FOUND` for an unknown customer.
     */
    async record(id: string, customerId: string, build: (customer: Customer) => SafetyInspection, publisher: EventPublisher): Promise<{ inspection: SafetyInspection; summary: SafetySummary }> {
      const { stored, events } = await runContendedTransaction(db, async (tx) => {
        const [existing, customer] = await tx.getAll(col.doc(id), customers.doc(customerId));
        if (!customer?.exists) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${customerId} not found`, { id: customerId });
        const current = customer.get('safety') as SafetySummary | undefined;
        if (existing?.exists) {
          const inspection = existing.data() as SafetyInspection;
          return { stored: { inspection, summary: summaryAfter(current, inspection) }, events: [] };
        }
        const inspection = build(customer.data() as Customer);
        const summary = summaryAfter(current, inspection);
        const stop = customer.get('supplyStop') as SupplyStop | undefined;
        // A paper form of an earlier day than the latest inspection starts no stop: the latest decides.
        const stopAfter = supplyStopAfter(stop, inspection) ?? (summary.inspectionId === inspection.id ? (supplyStopOfInspection(inspection) ?? undefined) : undefined);
        const stopped = stopAfter && stopAfter !== stop ? stopAfter : null;
        // Read with the stop, so an order booked meanwhile is either named here or refused (`assertSupplyOpen`).
        const open = stopped ? await tx.get(orders.where('customerId', '==', customerId).where('status', 'in', [...CONTACT_FOLLOWING_STATUSES])) : null;
        const announced = stopped ? [inspectionStopAlert(inspection, stopped, heldOrdersOf((open?.docs ?? []).map((d) => d.data() as Order))), inspectionStopNotice(inspection)] : [];
        tx.create(col.doc(id), inspection as unknown as DocumentData);
        writeOutbox(db, tx, announced, new Date(inspection.createdAt));
        if (summary !== current || stopAfter !== stop) {
          tx.update(customers.doc(customerId), {
            safety: summary,
            ...(stopAfter !== stop ? { supplyStop: stopAfter ?? FieldValue.delete() } : {}),
            [DUE_KEY]: safetyDueKeyOf({ status: customer.get('status') as string, safety: summary, supplyStop: stopAfter }) ?? FieldValue.delete(),
            version: FieldValue.increment(1),
          });
        }
        return { stored: { inspection, summary }, events: announced };
      });
      if (events.length) await publishOutbox(db, publisher, events.map((e) => e.event.id));
      return stored;
    },

    /** One inspection as stored, with its signature's image; null when there is none by that id. */
    async one(id: string): Promise<SafetyInspection | null> {
      const snap = await col.doc(id).get();
      return snap.exists ? (snap.data() as SafetyInspection) : null;
    },

    /** A customer's inspections, newest first (by day inspected, then by when recorded). */
    async ofCustomer(customerId: string, limit: number): Promise<SafetyInspection[]> {
      const snap = await col.where('customerId', '==', customerId).orderBy('inspectedOn', 'desc').orderBy('createdAt', 'desc').limit(limit).get();
      return snap.docs.map((d) => d.data() as SafetyInspection);
    },

    /** Every inspection of the days from `from` to `to` (both inclusive), as the filing lists them. */
    async between(from: string, to: string): Promise<SafetyInspection[]> {
      const snap = await col.where('inspectedOn', '>=', from).where('inspectedOn', '<=', to).get();
      return snap.docs.map((d) => d.data() as SafetyInspection);
    },

    /** Customer id → their summary (undefined when never inspected), one field read per customer; unknown ids are left out. */
    async summariesOf(customerIds: readonly string[]): Promise<Map<string, SafetySummary | undefined>> {
      const ids = [...new Set(customerIds)];
      if (ids.length === 0) return new Map();
      const snaps = await db.getAll(...ids.map((id) => customers.doc(id)), { fieldMask: ['safety'] });
      return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, s.get('safety') as SafetySummary | undefined] as const] : [])));
    },

    /** Customer id → their supply stop (停止供氣), for the stopped ones only; one field read per customer. */
    async supplyStopsOf(customerIds: readonly string[]): Promise<Map<string, SupplyStop>> {
      const ids = [...new Set(customerIds)];
      if (ids.length === 0) return new Map();
      const snaps = await db.getAll(...ids.map((id) => customers.doc(id)), { fieldMask: ['supplyStop'] });
      return new Map(snaps.flatMap((s) => (s.exists && s.get('supplyStop') ? [[s.id, s.get('supplyStop') as SupplyStop] as const] : [])));
    },

    /**
     * Every active customer with what the due list shows, the reminder last sent and what picks its channel and language
     * (a field mask), in pages of `size` by id, so memory holds one page whatever the customer count; `withoutDueKey`: only
     * those stored without `safetyDueKey` (before the key existed, until `backfillDueKeys` runs), which still takes a read of
     * every active customer, since Firestore indexes no missing field.
     */
    async *activeCandidates(size: number, which: 'all' | 'withoutDueKey' = 'all'): AsyncGenerator<SafetyReminderCandidate[]> {
      for await (const docs of pagesOf(active.orderBy(FieldPath.documentId()).select(...CANDIDATE_FIELDS, DUE_KEY), size)) {
        const wanted = which === 'all' ? docs : docs.filter((d) => d.get(DUE_KEY) === undefined);
        if (wanted.length > 0) yield wanted.map(candidateOf);
      }
    },

    /**
     * Every active customer as the 用戶名冊 lists them, with their district, or only those of `districts` (none: all): one
     * query with a field mask, the districts picked out here rather than by an `in` filter, which allows at most 30 values.
     */
    async registerOf(districts: readonly string[]): Promise<RegisterCandidate[]> {
      const snap = await active.select(...CANDIDATE_FIELDS, 'address.district').get();
      const wanted = new Set(districts);
      return snap.docs
        .map((d) => ({ ...candidateOf(d), district: (d.get('address.district') as string | undefined) ?? '' }))
        .filter((c) => wanted.size === 0 || wanted.has(c.district));
    },

    /**
     * The customers `safetyDueKey` says are due by `day` or never inspected, in pages of `size` by (safetyDueKey, code) on
     * the due list's index: the safety reminders' candidates, read without reading a customer due later. The key is read
     * too: each page starts after the last document of the one before, by its key and code.
     */
    async *candidatesDueBy(day: string, size: number): AsyncGenerator<SafetyReminderCandidate[]> {
      for await (const docs of pagesOf(keyedDueBy(day).orderBy(DUE_KEY).orderBy('code').select(...CANDIDATE_FIELDS, DUE_KEY), size)) yield docs.map(candidateOf);
    },

    /**
     * `count()` aggregates (one read per 1,000 index entries): the active customers, those carrying `safetyDueKey` (only
     * active ones do, so the difference is how many were stored without it) and those it says are due after `day`.
     */
    async dueKeyCounts(day: string): Promise<{ active: number; keyed: number; dueAfter: number }> {
      const [all, keyed, later] = await Promise.all([
        active.count().get(),
        customers.where(DUE_KEY, '>=', NEVER_INSPECTED).count().get(),
        customers.where(DUE_KEY, '>', day).count().get(),
      ]);
      return { active: all.data().count, keyed: keyed.data().count, dueAfter: later.data().count };
    },

    /**
     * What a page of the due list needs (`dueRangeOf`), by `safetyDueKey` rather than a read of every customer: the
     * inspected due by then after the cursor, the never inspected after it, and the count of all due (an aggregate, which
     * production answers from the index). The queries share the composite index (safetyDueKey, code) in
     * firestore.indexes.json; only active customers carry the key.
     */
    async dueRange(range: DueRange): Promise<{ candidates: SafetyReminderCandidate[]; total: number }> {
      const inspected = keyedDueBy(range.dueBy).where(DUE_KEY, '>', NEVER_INSPECTED).orderBy(DUE_KEY).orderBy('code');
      const after = range.inspectedAfter;
      const never = range.neverInspectedAfter;
      const neverQuery = customers.where(DUE_KEY, '==', NEVER_INSPECTED).orderBy('code');
      const [a, b, count] = await Promise.all([
        (after ? inspected.startAfter(after.dueOn, after.code) : inspected).limit(range.take).select(...CANDIDATE_FIELDS).get(),
        never ? (never.code ? neverQuery.startAfter(never.code) : neverQuery).limit(range.take).select(...CANDIDATE_FIELDS).get() : null,
        keyedDueBy(range.dueBy).count().get(),
      ]);
      return { candidates: [...a.docs, ...(b?.docs ?? [])].map(candidateOf), total: count.data().count };
    },

    /**
     * Writes `safetyDueKey` where it is missing or wrong (customers stored before it existed): one read of every
     * customer's status and summary, writes in batches. Safe to run again; a rerun writes nothing.
     */
    async backfillDueKeys(): Promise<{ customers: number; written: number }> {
      const snap = await customers.select('status', 'safety', 'supplyStop', DUE_KEY).get();
      const stale = snap.docs.flatMap((d) => {
        const key = safetyDueKeyOf({
          status: d.get('status') as string,
          safety: d.get('safety') as SafetySummary | undefined,
          supplyStop: d.get('supplyStop') as SupplyStop | undefined,
        });
        const stored = d.get(DUE_KEY) as string | undefined;
        return (stored ?? null) === key ? [] : [{ ref: d.ref, key }];
      });
      for (let i = 0; i < stale.length; i += BATCH) {
        const batch = db.batch();
        for (const { ref, key } of stale.slice(i, i + BATCH)) batch.update(ref, { [DUE_KEY]: key ?? FieldValue.delete(), version: FieldValue.increment(1) });
        await batch.commit();
      }
      return { customers: snap.size, written: stale.length };
    },

    /** Records on the customer that a safety reminder went out (`customers/{id}.safetyReminder`), for the due list. */
    async markReminded(customerId: string, mark: SafetyReminderMark): Promise<void> {
      await customers.doc(customerId).update({ safetyReminder: mark, version: FieldValue.increment(1) });
    },
  };
}
