import { FieldPath, type DocumentData, type Firestore, type Precondition, type Transaction } from '@google-cloud/firestore';
import { monthBounds } from '../../domain/billing';
import { addDays, taipeiInstant } from '../../domain/calendar';
import type { DailyCounters } from '../../domain/reports/daily-counters';
import type { DailyReport } from '../../domain/reports/daily-trend';
import { monthlySalesSchema, type MonthlySales, type SalesCustomer, type SalesOrder } from '../../domain/reports/monthly-sales';
import type { PunctualityReport } from '../../domain/reports/punctuality-summary';

export const MONTHLY_REPORTS = 'monthlyReports';

/** What a view saw of `monthlyReports/{month}`: the report when fresh, and what a write of a new one must find unchanged. */
export interface StoredReport {
  readonly report: MonthlySales | null;
  readonly unchanged: Precondition | null;
}

/** The order fields the monthly report reads: a month's deliveries without their timelines. */
const SALES_FIELDS = ['customerId', 'customerName', 'customerType', 'district', 'paymentMethod', 'items', 'total', 'delivery.at', 'delivery.bookedOn'] as const;

/** Reads for the sales reports (月報, 週報): a period's deliveries, the customers they went to, its daily counters. */
export function firestoreSalesStore(db: Firestore) {
  /** The orders delivered in the Taipei days from `firstDay` to `lastDay`, and those booked late into them (as `deliveredIn`). */
  async function deliveredBetween(firstDay: string, lastDay: string): Promise<SalesOrder[]> {
    const [from, until] = [taipeiInstant(firstDay, '00:00'), taipeiInstant(addDays(lastDay, 1), '00:00')];
    const orders = db.collection('orders');
    const [delivered, late] = await Promise.all([
      orders.where('delivery.at', '>=', from).where('delivery.at', '<', until).select(...SALES_FIELDS).get(),
      orders.where('delivery.bookedOn', '>=', firstDay).where('delivery.bookedOn', '<=', lastDay).select(...SALES_FIELDS).get(),
    ]);
    const ids = new Set(delivered.docs.map((d) => d.id));
    return [...delivered.docs, ...late.docs.filter((d) => !ids.has(d.id))].map((d) => ({ ...(d.data() as Omit<SalesOrder, 'id'>), id: d.id }));
  }

  /** `reports/<kind>-<day>` for the days from `firstDay` to `lastDay`, each with its id and day, by document id range. */
  async function reportDays(kind: 'daily' | 'punctuality', firstDay: string, lastDay: string): Promise<({ id: string; day: string } & DocumentData)[]> {
    const snap = await db
      .collection('reports')
      .where(FieldPath.documentId(), '>=', `${kind}-${firstDay}`)
      .where(FieldPath.documentId(), '<=', `${kind}-${lastDay}`)
      .get();
    return snap.docs.map((d) => ({ ...d.data(), id: d.id, day: d.id.slice(kind.length + 1) }));
  }

  /** `reports/daily-<day>` for the days from `firstDay` to `lastDay`. */
  async function countersBetween(firstDay: string, lastDay: string): Promise<DailyCounters[]> {
    return (await reportDays('daily', firstDay, lastDay)).map(({ id: _id, ...counters }) => counters as DailyCounters);
  }

  return {
    /**
     * The orders delivered in a Taipei month, and those booked late (補登) into it; some of the first may be booked into a
     * later month, which the report leaves out (`billedAt`). Only delivered orders carry `delivery`, and a range on one
     * of its fields is served by its automatic single-field index (no composite index).
     */
    deliveredIn(month: string): Promise<SalesOrder[]> {
      const { firstDay, lastDay } = monthBounds(month);
      return deliveredBetween(firstDay, lastDay);
    },

    deliveredBetween,

    /** Code and type of the customers named, read by id; ones no longer on file are left out. */
    async customers(ids: readonly string[]): Promise<Map<string, SalesCustomer>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const col = db.collection('customers');
      const snaps = await db.getAll(...unique.map((id) => col.doc(id)), { fieldMask: ['code', 'type'] });
      return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, { id: s.id, code: s.get('code') as string, type: s.get('type') as SalesCustomer['type'] }] as const] : [])));
    },

    /**
     * The closed month's stored report (`monthlyReports/{month}`), null when none, marked stale since, or stored before the
     * report had all it has now (the rows' changes, added since): computed again, it is stored whole.
     */
    async storedReport(month: string): Promise<StoredReport> {
      const snap = await db.collection(MONTHLY_REPORTS).doc(month).get();
      if (!snap.exists) return { report: null, unchanged: null };
      const stored = snap.get('stale') !== true ? monthlySalesSchema.safeParse(snap.get('report')) : null;
      return { report: stored?.success ? stored.data : null, unchanged: snap.updateTime ? { lastUpdateTime: snap.updateTime } : null };
    },

    /**
     * Stores a closed month's report if `monthlyReports/{month}` is as `seen` left it: a stale mark written while the
     * report was computed wins, and the next view computes again. False when not stored.
     */
    async keepReport(month: string, report: MonthlySales, seen: StoredReport, at: Date): Promise<boolean> {
      const ref = db.collection(MONTHLY_REPORTS).doc(month);
      const data = { month, report: JSON.parse(JSON.stringify(report)) as DocumentData, stale: false, computedAt: at.toISOString() };
      try {
        await (seen.unchanged ? ref.update(data, seen.unchanged) : ref.create(data));
        return true;
      } catch (err) {
        if (isRaced(err)) return false;
        throw err;
      }
    },

    /** Marks the months' stored reports stale in `tx` (creating the mark where none is stored yet); repeating it changes nothing. */
    markStale(tx: Transaction, months: readonly string[], at: Date): void {
      for (const month of months) tx.set(db.collection(MONTHLY_REPORTS).doc(month), { month, stale: true, staleSince: at.toISOString() }, { merge: true });
    },

    /** `reports/daily-<day>` for the month's days (the order-events counters), by document id range. */
    dailyCounters(month: string): Promise<DailyCounters[]> {
      const { firstDay, lastDay } = monthBounds(month);
      return countersBetween(firstDay, lastDay);
    },

    countersBetween,

    /** The trend's days (`reports/daily-<day>`), as 報表's page reads them live. */
    dailyReports: (firstDay: string, lastDay: string): Promise<DailyReport[]> => reportDays('daily', firstDay, lastDay),

    /** The drivers' punctuality counters (`reports/punctuality-<day>`), as 報表's 準時率 reads them live. */
    punctualityReports: (firstDay: string, lastDay: string): Promise<PunctualityReport[]> => reportDays('punctuality', firstDay, lastDay),
  };
}

/** ALREADY_EXISTS (6) from `create`, FAILED_PRECONDITION (9) from `update` with a stale update time: another writer was first. */
const isRaced = (err: unknown): boolean => {
  const code = (err as { code?: unknown }).code;
  return code === 6 || code === 9;
};
