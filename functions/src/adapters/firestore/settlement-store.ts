import type { DocumentData, Firestore, Query, Transaction } from '@google-cloud/firestore';
import { addDays, taipeiInstant } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import type { Order } from '../../domain/orders';
import { firestoreBooksStore } from './books-store';
import type { CashDelivery } from '../../domain/reports/settlement-month';
import { failedStops, settlementId, type Settlement, type SettlementDayRecord, type SettlementDayRoute, type SettlementOrder } from '../../domain/reports/driver-settlement';
import { runContendedTransaction } from './contended-transaction';

const COLLECTION = 'settlements';

/** The order fields the summary reads: a day's orders without their timelines. */
const SUMMARY_FIELDS = ['customerId', 'customerName', 'status', 'driverId', 'paymentMethod', 'total', 'items', 'emptiesToCollect', 'requestedDate', 'failureReason', 'delivery'] as const;

/** The route fields the settlement reads (`SettlementDayRoute`): no polyline, no legs. */
const ROUTE_FIELDS = ['date', 'driverId', 'vehicleId', 'status', 'stops'] as const;

/** `settlements/{date}_{driverId}`: what the office received from a driver for a day; server-only (firestore.rules give clients nothing). */
export function firestoreSettlementStore(db: Firestore) {
  const col = db.collection(COLLECTION);
  const orders = db.collection('orders');
  const mine = (q: Query, driverId: string | undefined): Query => (driverId ? q.where('driverId', '==', driverId) : q);
  /** The orders delivered between the Taipei midnights starting `from` and ending `to`: the single-field `delivery.at` range. */
  const deliveredIn = (from: string, to: string): Query => orders.where('delivery.at', '>=', taipeiInstant(from, '00:00')).where('delivery.at', '<', taipeiInstant(addDays(to, 1), '00:00'));

  async function handledBetween(from: string, to: string, routesQuery: Query, driverId?: string): Promise<SettlementDayRecord> {
    const delivered = mine(deliveredIn(from, to), driverId);
    const [deliveredSnap, routesSnap] = await Promise.all([delivered.select(...SUMMARY_FIELDS).get(), routesQuery.select(...ROUTE_FIELDS).get()]);
    const routes = routesSnap.docs.map((d) => d.data() as SettlementDayRoute);
    const failedIds = [...new Set(routes.flatMap((r) => r.stops.filter((s) => s.outcome?.status === 'failed').map((s) => s.orderId)))];
    const failedSnaps = failedIds.length > 0 ? await db.getAll(...failedIds.map((id) => orders.doc(id)), { fieldMask: [...SUMMARY_FIELDS, 'timeline'] }) : [];
    const failedOrders = new Map(
      failedSnaps.flatMap((d) => (d.exists ? [[d.id, { ...(d.data() as Omit<SettlementOrder, 'id'> & Pick<Order, 'timeline'>), id: d.id }] as const] : [])),
    );
    return { orders: [...deliveredSnap.docs.map((d) => ({ ...(d.data() as Omit<SettlementOrder, 'id'>), id: d.id })), ...failedStops(routes, failedOrders)], routes };
  }

  return {
    /**
     * The orders a driver (or every driver) handled on a Taipei day, as `handledOn` counts them, and that day's routes:
     * deliveries made between that day's Taipei midnights (with a driver, the (driverId, delivery.at) index), and the
     * stops the routes record as failed, read by id and rebuilt as they stood (`failedStops`: the office may have
     * rescheduled the order since). The routes query is equalities only (merged single-field indexes).
     */
    dayOf(date: string, driverId?: string): Promise<SettlementDayRecord> {
      return handledBetween(date, date, mine(db.collection('routes').where('date', '==', date), driverId), driverId);
    },

    /**
     * Every driver's orders handled and routes from `from` to `to` (both included), as `dayOf` reads one day: one range
     * read of the deliveries (`delivery.at`) and one of the routes (`date`), both single-field; `settlementDay` picks
     * each day's out of them.
     */
    daysOf(from: string, to: string): Promise<SettlementDayRecord> {
      return handledBetween(from, to, db.collection('routes').where('date', '>=', from).where('date', '<=', to));
    },

    /**
     * The cash of the deliveries from `from` to `to` (both included), for six months of 短溢: the `deliveredBetween` range
     * with four fields, where `daysOf` reads every summary field, the routes and the failed stops' orders.
     */
    async cashDeliveredBetween(from: string, to: string): Promise<CashDelivery[]> {
      const snap = await deliveredIn(from, to).select('status', 'driverId', 'requestedDate', 'delivery.at', 'delivery.cashCollected').get();
      return snap.docs.map((d) => ({ ...(d.data() as Omit<CashDelivery, 'id'>), id: d.id }));
    },

    /** The drivers who took a truck out (a route not a draft) on the days from `from` to `to` (both included), by day. */
    async sentOutBetween(from: string, to: string): Promise<{ date: string; driverId: string }[]> {
      const snap = await db.collection('routes').where('date', '>=', from).where('date', '<=', to).select('date', 'driverId', 'status').get();
      return snap.docs.flatMap((d) => (d.get('driverId') && d.get('status') !== 'draft' ? [{ date: d.get('date') as string, driverId: d.get('driverId') as string }] : []));
    },

    /**
     * The drivers who delivered on the days from `from` to `to` (both included), by Taipei day of the delivery: one
     * field-masked range read of the orders on `delivery.at` (its single-field index), for the days no route records
     * (past days' routes are not always kept).
     */
    async deliveredBetween(from: string, to: string): Promise<{ date: string; driverId: string }[]> {
      const snap = await deliveredIn(from, to).select('driverId', 'delivery.at').get();
      return snap.docs.flatMap((d) => {
        const driverId = d.get('driverId') as string | undefined;
        return driverId ? [{ date: taipeiDate(new Date(d.get('delivery.at') as string)), driverId }] : [];
      });
    },

    /** The drivers' days settled from `from` to `to` (both included): which, not what was handed in. */
    async settledBetween(from: string, to: string): Promise<Pick<Settlement, 'date' | 'driverId'>[]> {
      const snap = await col.where('date', '>=', from).where('date', '<=', to).select('date', 'driverId').get();
      return snap.docs.map((d) => ({ date: d.get('date') as string, driverId: d.get('driverId') as string }));
    },

    /** Every settlement recorded for the days from `from` to `to` (both included). */
    async recordedBetween(from: string, to: string): Promise<Settlement[]> {
      return (await col.where('date', '>=', from).where('date', '<=', to).get()).docs.map((d) => d.data() as Settlement);
    },

    /** The settlements recorded for a day, for one driver or all. */
    async ofDay(date: string, driverId?: string): Promise<Settlement[]> {
      if (driverId) {
        const snap = await col.doc(settlementId(date, driverId)).get();
        return snap.exists ? [snap.data() as Settlement] : [];
      }
      return (await col.where('date', '==', date).get()).docs.map((d) => d.data() as Settlement);
    },

    /** The routes a driver drove on a day: which depot and truck, for the stock their settlement moves. */
    async driverRoutes(date: string, driverId: string): Promise<{ id: string; depotId: string; vehicleId?: string }[]> {
      const snap = await db.collection('routes').where('date', '==', date).where('driverId', '==', driverId).select('depotId', 'vehicleId').get();
      return snap.docs.map((d) => ({ id: d.id, depotId: d.get('depotId') as string, ...(d.get('vehicleId') ? { vehicleId: d.get('vehicleId') as string } : {}) }));
    },

    /**
     * Stores what `build` makes of the stored record (undefined when the day is not settled yet), in one
     * transaction, so two clerks settling the same driver at once cannot both win; an unchanged record is not rewritten.
     * `alongside` runs in the same transaction (it may read; the writes it returns run after the record's), so what it
     * writes stands or falls with the settlement. It runs for an unchanged record too: the stock movement it stages is
     * worked out from the day's deliveries as they are now, so the same values posted again catch up a delivery that
     * a phone uploaded after the day was settled (and change nothing otherwise). A new or changed record of a day in
     * the closed books is refused, the books-closed date read in the same transaction.
     * @throws what `build` throws; `SETTLEMENT.BOOKS_CLOSED` (nothing written).
     */
    async record(
      date: string,
      driverId: string,
      build: (existing: Settlement | undefined) => Settlement,
      alongside?: (tx: Transaction, next: Settlement) => Promise<() => void>,
    ): Promise<Settlement> {
      return runContendedTransaction(db, async (tx) => {
        const ref = col.doc(settlementId(date, driverId));
        const snap = await tx.get(ref);
        const existing = snap.exists ? (snap.data() as Settlement) : undefined;
        const next = build(existing);
        if (next !== existing) await firestoreBooksStore(db).assertOpen(tx, date, 'SETTLEMENT.BOOKS_CLOSED', 'date');
        const writeAlongside = alongside ? await alongside(tx, next) : undefined;
        if (next !== existing) tx.set(ref, next as unknown as DocumentData);
        writeAlongside?.();
        return next;
      });
    },
  };
}
