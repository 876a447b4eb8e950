import type { DocumentData, Firestore, Query } from '@google-cloud/firestore';
import { addDays, taipeiInstant } from '../../domain/calendar';
import { settlementId, type Settlement, type SettlementOrder } from '../../domain/reports/driver-settlement';

const COLLECTION = 'settlements';

/** The order fields the summary reads: a day's orders without their timelines. */
const SUMMARY_FIELDS = ['customerId', 'customerName', 'status', 'driverId', 'paymentMethod', 'total', 'emptiesToCollect', 'requestedDate', 'failureReason', 'delivery'] as const;

/** `settlements/{date}_{driverId}`: what the office received from a driver for a day; server-only (firestore.rules give clients nothing). */
export function firestoreSettlementStore(db: Firestore) {
  const col = db.collection(COLLECTION);
  const orders = db.collection('orders');
  const mine = (q: Query, driverId: string | undefined): Query => (driverId ? q.where('driverId', '==', driverId) : q);

  return {
    /**
     * The orders a driver (or every driver) handled on a Taipei day, as `handledOn` counts them: deliveries made
     * between that day's Taipei midnights, and stops failed on a route of that day. With a driver, the deliveries
     * need the (driverId, delivery.at) index; the failed stops are equalities only (merged single-field indexes).
     */
    async dayOrders(date: string, driverId?: string): Promise<SettlementOrder[]> {
      const delivered = orders.where('delivery.at', '>=', taipeiInstant(date, '00:00')).where('delivery.at', '<', taipeiInstant(addDays(date, 1), '00:00'));
      const failed = orders.where('requestedDate', '==', date).where('status', '==', 'failed');
      const snaps = await Promise.all([delivered, failed].map((q) => mine(q, driverId).select(...SUMMARY_FIELDS).get()));
      return snaps.flatMap((s) => s.docs.map((d) => ({ ...(d.data() as Omit<SettlementOrder, 'id'>), id: d.id })));
    },

    /** The settlements recorded for a day, for one driver or all. */
    async ofDay(date: string, driverId?: string): Promise<Settlement[]> {
      if (driverId) {
        const snap = await col.doc(settlementId(date, driverId)).get();
        return snap.exists ? [snap.data() as Settlement] : [];
      }
      return (await col.where('date', '==', date).get()).docs.map((d) => d.data() as Settlement);
    },

    /**
     * Stores what `build` makes of the stored record (undefined when the day is not settled yet), in one
     * transaction, so two clerks settling the same driver at once cannot both win; an unchanged record is not rewritten.
     */
    async record(date: string, driverId: string, build: (existing: Settlement | undefined) => Settlement): Promise<Settlement> {
      return db.runTransaction(async (tx) => {
        const ref = col.doc(settlementId(date, driverId));
        const snap = await tx.get(ref);
        const existing = snap.exists ? (snap.data() as Settlement) : undefined;
        const next = build(existing);
        if (next !== existing) tx.set(ref, next as unknown as DocumentData);
        return next;
      });
    },
  };
}
