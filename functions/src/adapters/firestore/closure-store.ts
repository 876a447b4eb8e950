import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { affectedOrders, closesEarly, type AffectedOrder, type Closure, type ClosureList, type ClosureMove } from '../../domain/closures';
import { notFound } from '../../domain/errors';
import { OPEN_STATUSES } from '../../domain/orders';
import { runContendedTransaction } from './contended-transaction';

const COLLECTION = 'closures';
/** `closures/{id}/moves/{orderId}`: each order the closure's move sent to another day (`ClosureMove`), for 恢復配送. */
export const MOVES = 'moves';
/** Where a move's record is written, in the move's own transaction (a unit of work's `set`). */
export const movesPath = (closureId: string): string => `${COLLECTION}/${closureId}/${MOVES}`;

/** Every closure (休息日 and 提早收工 alike), by start; with `onOrAfter`, only those not over by then. */
export async function readClosures(db: Firestore, onOrAfter?: string): Promise<Closure[]> {
  const col = db.collection(COLLECTION);
  const snap = await (onOrAfter ? col.where('to', '>=', onOrAfter) : col).get();
  return snap.docs.map((d) => d.data() as Closure).sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
}

/**
 * The distributor's closed days (休息日), by start; with `onOrAfter`, only those not over by then (`to >= onOrAfter`).
 * A few a year, read once per request like the price list. A day closing early (提早收工, `closesAt`) is open to every
 * day rule, so it is not among them: `loadEarlyClosings` reads those.
 */
export async function loadClosures(db: Firestore, onOrAfter?: string): Promise<Closure[]> {
  return (await readClosures(db, onOrAfter)).filter((c) => !closesEarly(c));
}

/** The closures that end their days early (提早收工, `closesAt`) rather than closing them, as `loadClosures` reads. */
export async function loadEarlyClosings(db: Firestore, onOrAfter?: string): Promise<(Closure & { closesAt: string })[]> {
  return (await readClosures(db, onOrAfter)).filter(closesEarly);
}

/** `closures/{id}`: written by admins through the API only (firestore.rules give clients nothing). */
export function firestoreClosureStore(db: Firestore) {
  const col = db.collection(COLLECTION);
  return {
    /**
     * Stores the closure `build` makes from the stored ones, in one transaction, so two admins cannot
     * add overlapping closures at once. Once per id: a retried request gets the closure stored the first time.
     */
    async create(id: string, build: (existing: ClosureList) => Closure): Promise<Closure> {
      return runContendedTransaction(db, async (tx) => {
        const ref = col.doc(id);
        const [mine, all] = await Promise.all([tx.get(ref), tx.get(col)]);
        if (mine.exists) return mine.data() as Closure;
        const closure = build(all.docs.map((d) => d.data() as Closure));
        tx.create(ref, closure as unknown as DocumentData);
        return closure;
      });
    },

    /** @throws `CLOSURE.NOT_FOUND` when there is no such closure. */
    async get(id: string): Promise<Closure> {
      const snap = await col.doc(id).get();
      if (!snap.exists) throw notFound('CLOSURE.NOT_FOUND', `Closure ${id} not found`, { id });
      return snap.data() as Closure;
    },

    /**
     * Replaces the closure with what `change` makes of it (narrowing it), in one transaction with the read.
     * @throws `CLOSURE.NOT_FOUND` when there is no such closure.
     */
    async update(id: string, change: (closure: Closure) => Closure): Promise<Closure> {
      return runContendedTransaction(db, async (tx) => {
        const ref = col.doc(id);
        const snap = await tx.get(ref);
        if (!snap.exists) throw notFound('CLOSURE.NOT_FOUND', `Closure ${id} not found`, { id });
        const next = change(snap.data() as Closure);
        tx.set(ref, next as unknown as DocumentData);
        return next;
      });
    },

    /** The orders the closure's move sent elsewhere (its own few, by order id: no query beyond the subcollection). */
    async moves(id: string): Promise<ClosureMove[]> {
      const snap = await col.doc(id).collection(MOVES).get();
      return snap.docs.map((d) => d.data() as ClosureMove).sort((a, b) => a.from.localeCompare(b.from) || a.orderId.localeCompare(b.orderId));
    },

    /** @throws `CLOSURE.NOT_FOUND` when there is no such closure. */
    async delete(id: string): Promise<void> {
      await runContendedTransaction(db, async (tx) => {
        const ref = col.doc(id);
        if (!(await tx.get(ref)).exists) throw notFound('CLOSURE.NOT_FOUND', `Closure ${id} not found`, { id });
        tx.delete(ref);
      });
    },

    /** The open orders on a closure's days in its districts (a range on one field, no composite index; the rest is filtered here). */
    async affectedOrders(closure: Closure): Promise<AffectedOrder[]> {
      const snap = await db
        .collection('orders')
        .where('requestedDate', '>=', closure.from)
        .where('requestedDate', '<=', closure.to)
        .select('customerId', 'customerName', 'district', 'requestedDate', 'timeWindow', 'status', 'closureOverride')
        .get();
      return affectedOrders(
        closure,
        snap.docs.map((d) => ({ ...(d.data() as Omit<AffectedOrder, 'id'> & { closureOverride?: object }), id: d.id })),
      );
    },

    /** The open orders on `days` (the few a move sends orders to; `in` takes 30), for `withSameDayOrders` and `movedToDays`. */
    async openOrdersOn(days: readonly string[]): Promise<Pick<AffectedOrder, 'id' | 'customerId' | 'requestedDate'>[]> {
      if (days.length === 0) return [];
      const snap = await db.collection('orders').where('requestedDate', 'in', [...days]).select('customerId', 'requestedDate', 'status').get();
      return snap.docs
        .map((d) => ({ ...(d.data() as Omit<AffectedOrder, 'id' | 'customerName'>), id: d.id }))
        .filter((o) => OPEN_STATUSES.includes(o.status))
        .map(({ id, customerId, requestedDate }) => ({ id, customerId, requestedDate }));
    },
  };
}
