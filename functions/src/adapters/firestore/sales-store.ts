import { FieldPath, type Firestore } from '@google-cloud/firestore';
import { monthBounds } from '../../domain/billing';
import type { DailyCounters } from '../../domain/reports/daily-counters';
import type { SalesCustomer, SalesOrder } from '../../domain/reports/monthly-sales';

/** The order fields the monthly report reads: a month's deliveries without their timelines. */
const SALES_FIELDS = ['customerId', 'customerName', 'customerType', 'district', 'paymentMethod', 'items', 'total', 'delivery.at'] as const;

/** Reads for the monthly sales report (月報): a month's deliveries, the customers they went to, the month's daily counters. */
export function firestoreSalesStore(db: Firestore) {
  return {
    /**
     * The orders delivered in a Taipei month, by delivery time. Only delivered orders carry `delivery`, and a
     * range on that one field is served by its automatic single-field index (no composite index).
     */
    async deliveredIn(month: string): Promise<SalesOrder[]> {
      const { from, until } = monthBounds(month);
      const snap = await db
        .collection('orders')
        .where('delivery.at', '>=', from)
        .where('delivery.at', '<', until)
        .select(...SALES_FIELDS)
        .get();
      return snap.docs.map((d) => ({ ...(d.data() as Omit<SalesOrder, 'id'>), id: d.id }));
    },

    /** Code and type of the customers named, read by id; ones no longer on file are left out. */
    async customers(ids: readonly string[]): Promise<Map<string, SalesCustomer>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const col = db.collection('customers');
      const snaps = await db.getAll(...unique.map((id) => col.doc(id)), { fieldMask: ['code', 'type'] });
      return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, { id: s.id, code: s.get('code') as string, type: s.get('type') as SalesCustomer['type'] }] as const] : [])));
    },

    /** `reports/daily-<day>` for the month's days (the order-events counters), by document id range. */
    async dailyCounters(month: string): Promise<DailyCounters[]> {
      const { firstDay, lastDay } = monthBounds(month);
      const snap = await db
        .collection('reports')
        .where(FieldPath.documentId(), '>=', `daily-${firstDay}`)
        .where(FieldPath.documentId(), '<=', `daily-${lastDay}`)
        .get();
      return snap.docs.map((d) => ({ ...d.data(), day: d.id.slice('daily-'.length) }) as DailyCounters);
    },
  };
}
