import { FieldPath, type DocumentData, type Firestore, type Query } from '@google-cloud/firestore';
import {
  AT_ANY_CUSTOMER,
  cursorOf,
  deliverCylinders,
  dueOnOrBefore,
  locationKey,
  parseCursor,
  registerStockMovements,
  transferAtCustomer,
  type CylinderChange,
  type CylinderEvent,
  type CylinderFilter,
  type CylinderListQuery,
  type DeliveryContext,
  type DeliveryCylinderSerials,
  type OperationContext,
  type RegisteredCylinder,
  type SummaryCount,
} from '../../domain/cylinders/register';
import { notFound } from '../../domain/errors';
import { firestoreCylinderStockStore, type StagedMovement } from './cylinder-stock-store';
import type { UnitOfWork } from './unit-of-work';
import { runContendedTransaction } from './contended-transaction';

export const CYLINDERS = 'cylinders';
const LIVE_STATUSES = ['inService', 'atInspection'] as const;
const eventsOf = (serial: string): string => `${CYLINDERS}/${serial}/events`;
/** The most events `GET /api/cylinders/:serial` answers: a cylinder's life is a few hundred deliveries at most. */
const EVENTS_LIMIT = 100;
/** Firestore's most values in one `in` filter. */
const IN_LIMIT = 30;

/**
 * `cylinders/{serial}` (容器管理: one cylinder, its deadline stored for the list's queries) and its history
 * `cylinders/{serial}/events/{id}`. Written only here, each change with its event in one transaction; staff read them
 * (firestore.rules). The list's filters with the deadline order need the (status | size | locationKey | location.kind,
 * nextInspectionDue) indexes in firestore.indexes.json, the summary's counts the (size, status, nextInspectionDue) one.
 */
export function firestoreCylinderRegisterStore(db: Firestore) {
  const col = db.collection(CYLINDERS);
  const stock = firestoreCylinderStockStore(db);

  /**
   * The cylinders the filters take in, with `dueWithinDays` only those whose deadline is at most that far from today
   * (overdue included; a scrapped cylinder is never taken in so) ordered by deadline; null when none can be.
   */
  const filteredBy = (filter: CylinderFilter, today: string): Query | null => {
    let q: Query = col;
    if (filter.size) q = q.where('size', '==', filter.size);
    if (filter.location) q = filter.location === AT_ANY_CUSTOMER ? q.where('location.kind', '==', 'customer') : q.where('locationKey', '==', filter.location);
    if (filter.dueWithinDays === undefined) return filter.status ? q.where('status', '==', filter.status) : q;
    // A scrapped cylinder keeps the deadline it had, but has none to meet.
    const live = LIVE_STATUSES.filter((s) => !filter.status || s === filter.status);
    if (live.length === 0) return null;
    return q.where('status', 'in', live).where('nextInspectionDue', '<=', dueOnOrBefore(today, filter.dueWithinDays)).orderBy('nextInspectionDue');
  };

  return {
    /**
     * Reads the serials in a transaction, lets `plan` work out the changes from those registered (unknown serials are
     * absent from the map), and writes every cylinder with its event, and the depot stock movements those changes make
     * (`registerStockMovements`: to inspection, back from it, scrapped at a depot), or nothing when `plan` throws.
     */
    async change(serials: readonly string[], plan: (current: ReadonlyMap<string, RegisteredCylinder>) => CylinderChange[]): Promise<RegisteredCylinder[]> {
      return runContendedTransaction(db, async (tx) => {
        const snaps = await tx.getAll(...serials.map((s) => col.doc(s)));
        const current = new Map(snaps.filter((s) => s.exists).map((s) => [s.id, s.data() as RegisteredCylinder]));
        const changes = plan(current);
        // Staged before any write: a transaction reads everything first.
        const staged: StagedMovement[] = [];
        for (const movement of registerStockMovements(changes)) staged.push(await stock.stage(tx, movement));
        for (const { cylinder, event } of changes) {
          tx.set(col.doc(cylinder.serial), cylinder as unknown as DocumentData);
          tx.create(db.collection(eventsOf(cylinder.serial)).doc(event.id), event as unknown as DocumentData);
        }
        for (const s of staged) s.write();
        return changes.map((c) => c.cylinder);
      });
    },

    /** @throws `CYLINDER.NOT_FOUND`. */
    async get(serial: string): Promise<{ cylinder: RegisteredCylinder; events: CylinderEvent[] }> {
      const [snap, events] = await Promise.all([col.doc(serial).get(), db.collection(eventsOf(serial)).orderBy('at', 'desc').limit(EVENTS_LIMIT).get()]);
      if (!snap.exists) throw notFound('CYLINDER.NOT_FOUND', `Cylinder ${serial} not found`, { serial });
      return { cylinder: snap.data() as RegisteredCylinder, events: events.docs.map((d) => d.data() as CylinderEvent) };
    },

    /**
     * One page of the list (`filteredBy`): by serial, or with `dueWithinDays` by deadline.
     * @throws `CYLINDER.CURSOR_INVALID`.
     */
    async list(query: CylinderListQuery, today: string): Promise<{ items: RegisteredCylinder[]; nextCursor: string | null }> {
      const byDeadline = query.dueWithinDays !== undefined;
      const filtered = filteredBy(query, today);
      if (!filtered) return { items: [], nextCursor: null };
      let q = filtered.orderBy(FieldPath.documentId());
      if (query.cursor) {
        const at = parseCursor(query.cursor, byDeadline);
        q = at.due ? q.startAfter(at.due, at.serial) : q.startAfter(at.serial);
      }
      const snap = await q.limit(query.limit + 1).get();
      const items = snap.docs.slice(0, query.limit).map((d) => d.data() as RegisteredCylinder);
      const last = items.at(-1);
      return { items, nextCursor: snap.docs.length > query.limit && last ? cursorOf(last, byDeadline) : null };
    },

    /**
     * Answers each of the summary's counts with a `count()` aggregate, side by side: production reads one index entry per
     * 1,000 cylinders counted instead of every cylinder. The deadline buckets use the (size, status, nextInspectionDue)
     * index in firestore.indexes.json, which serves the status counts too.
     */
    async summaryCounts(counts: readonly SummaryCount[]): Promise<(SummaryCount & { count: number })[]> {
      return Promise.all(
        counts.map(async (c) => {
          let q: Query = col.where('size', '==', c.size).where('status', '==', c.status);
          if (c.dueFrom !== undefined) q = q.where('nextInspectionDue', '>=', c.dueFrom);
          if (c.dueBefore !== undefined) q = q.where('nextInspectionDue', '<', c.dueBefore);
          return { ...c, count: (await q.count().get()).data().count };
        }),
      );
    },

    /**
     * The cylinders standing at these customers, by their stored location key (`customer:<id>`, up to 30 to an `in`
     * query, the queries side by side): a route's stops' cylinders, a handful each.
     */
    async atCustomers(customerIds: readonly string[]): Promise<RegisteredCylinder[]> {
      const keys = [...new Set(customerIds)].map((id) => locationKey({ kind: 'customer', customerId: id }));
      const chunks = Array.from({ length: Math.ceil(keys.length / IN_LIMIT) }, (_, i) => keys.slice(i * IN_LIMIT, (i + 1) * IN_LIMIT));
      const snaps = await Promise.all(chunks.map((chunk) => col.where('locationKey', 'in', chunk).get()));
      return snaps.flatMap((snap) => snap.docs.map((d) => d.data() as RegisteredCylinder));
    },

    /** Every cylinder the list's filters take in, unpaged, for the 容器管理資料 file. */
    async all(filter: CylinderFilter, today: string): Promise<RegisteredCylinder[]> {
      const q = filteredBy(filter, today);
      return q ? (await q.get()).docs.map((d) => d.data() as RegisteredCylinder) : [];
    },
  };
}

/**
 * A delivery's named cylinders, inside the stop's transaction (and so behind its action record: a replay writes nothing
 * again): reads them, judges them (`deliverCylinders`) and stages the changes with their events.
 * @throws the refusal of a delivered cylinder (`CYLINDER.INSPECTION_OVERDUE`, `CYLINDER.NOT_REGISTERED`,
 * `CYLINDER.NOT_IN_SERVICE`); the transaction then writes nothing.
 */
export async function followCylinderSerials(uow: UnitOfWork, serials: DeliveryCylinderSerials, ctx: DeliveryContext): Promise<string[]> {
  const all = [...serials.delivered, ...serials.collected];
  const read = await uow.readAll<RegisteredCylinder>(CYLINDERS, all);
  const current = new Map(read.flatMap((c) => (c ? [[c.serial, c] as const] : [])));
  const { changes, unknownSerials } = deliverCylinders(serials, current, ctx);
  for (const { cylinder, event } of changes) {
    uow.set(CYLINDERS, cylinder.serial, cylinder);
    uow.set(eventsOf(cylinder.serial), event.id, event);
  }
  return unknownSerials;
}

/**
 * 過戶 in the transfer's unit of work: every registered cylinder at `fromCustomerId`'s (by `locationKey`) becomes
 * `toCustomerId`'s, each with its `transferred` event. Answers their serials.
 */
export async function transferCylindersIn(uow: UnitOfWork, fromCustomerId: string, toCustomerId: string, ctx: OperationContext): Promise<string[]> {
  const at = await uow.query<RegisteredCylinder>(uow.db.collection(CYLINDERS).where('locationKey', '==', locationKey({ kind: 'customer', customerId: fromCustomerId })));
  const changes = transferAtCustomer(at, toCustomerId, ctx);
  for (const { cylinder, event } of changes) {
    uow.set(CYLINDERS, cylinder.serial, cylinder);
    uow.set(eventsOf(cylinder.serial), event.id, event);
  }
  return changes.map((c) => c.cylinder.serial);
}
