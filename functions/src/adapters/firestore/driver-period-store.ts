import type { Firestore } from '@google-cloud/firestore';
import type { OrderNow, PeriodCustomer } from '../../domain/reports/driver-period';
import type { SettlementOrder } from '../../domain/reports/driver-settlement';

/** The order fields 司機日結 reads (the settlement store's summary fields). */
const SUMMARY_FIELDS = ['customerId', 'customerName', 'status', 'driverId', 'paymentMethod', 'total', 'items', 'emptiesToCollect', 'requestedDate', 'failureReason', 'failureNote', 'delivery'] as const;

/** What 配送失敗 reads beyond 司機日結's days: the failed orders as they stand now, and their customers' code and district. */
export function firestoreDriverPeriodStore(db: Firestore) {
  return {
    /**
     * The orders still failed that were booked for the days from `from` to `to`, whether or not a route of theirs is kept
     * (past days' routes are not always kept: the demo keeps none): the (status, requestedDate) index.
     */
    async stillFailedBetween(from: string, to: string): Promise<SettlementOrder[]> {
      const snap = await db.collection('orders').where('status', '==', 'failed').where('requestedDate', '>=', from).where('requestedDate', '<=', to).select(...SUMMARY_FIELDS).get();
      return snap.docs.map((d) => ({ ...(d.data() as Omit<SettlementOrder, 'id'>), id: d.id }));
    },

    /** The failed orders as they stand now, with their timeline's statuses: what came after each failure. */
    async ordersNow(ids: readonly string[]): Promise<Map<string, OrderNow>> {
      if (ids.length === 0) return new Map();
      const col = db.collection('orders');
      const snaps = await db.getAll(...ids.map((id) => col.doc(id)), { fieldMask: ['status', 'requestedDate', 'timeline'] });
      return new Map(
        snaps.flatMap((s) => {
          if (!s.exists) return [];
          const timeline = ((s.get('timeline') as OrderNow['timeline'] | undefined) ?? []).map(({ at, to }) => ({ at, to }));
          return [[s.id, { status: s.get('status') as OrderNow['status'], requestedDate: s.get('requestedDate') as string, timeline }] as const];
        }),
      );
    },

    async customers(ids: readonly string[]): Promise<Map<string, PeriodCustomer>> {
      if (ids.length === 0) return new Map();
      const col = db.collection('customers');
      const snaps = await db.getAll(...ids.map((id) => col.doc(id)), { fieldMask: ['code', 'name', 'address.district'] });
      return new Map(
        snaps.flatMap((s) =>
          s.exists ? [[s.id, { code: (s.get('code') as string | undefined) ?? '', name: s.get('name') as string, district: (s.get('address.district') as string | undefined) ?? '' }] as const] : [],
        ),
      );
    },
  };
}
