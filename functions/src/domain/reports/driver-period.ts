/**
 * The drivers over a week or a month (audit 21 F4, F5): the failed deliveries with why and what became of them, where
 * their reasons were only in each day's 司機日結, and per driver the deliveries, cylinders, revenue and failures, with the
 * 短溢 of the last six months. Every figure is the 司機日結's own (`settlementDay` over each day, `cashByMonth`, the totals
 * of `settlementMonth`, for the 短溢), so a period says exactly what its days' pages say, added up.
 */
import { monthBounds, previousMonth, statementMonthSchema } from '../billing/statement';
import type { CsvLocale } from '../billing/statement-csv';
import { addDays, daysBetween } from '../calendar';
import { taipeiDate } from '../clock';
import { csvFile, type Cell } from '../csv';
import { CYLINDER_SIZES, sizeQuantityListSchema, sumBySize, type SizeQuantity } from '../cylinders';
import { DomainError } from '../errors';
import { FAILURE_REASONS, isFailureReasonCode, type NoticeLocale } from '../notifications/templates';
import type { OrderStatus, TimelineEntry } from '../orders';
import { calendarDateSchema, moneySchema, z, type MessageCatalogue } from '../schema';
import { failedOf, handledDay, settlementDay, type Settlement, type SettlementDayRecord, type SettlementDeposit, type SettlementOrder } from './driver-settlement';
import { cashByMonth, type CashDelivery } from './settlement-month';

/** The longest period asked for: a month and a bit, so that any calendar month or a few weeks fit. */
export const PERIOD_MAX_DAYS = 62;
/** How many months of 短溢 a driver's row shows, ending with the month the period ends in. */
export const CASH_TREND_MONTHS = 6;

export const driverPeriodQuerySchema = z.object({
  from: calendarDateSchema.describe('First day of the period (Taipei)'),
  to: calendarDateSchema.describe('Last day of the period, included; at most 62 days after `from`, not after today'),
});

/**
 * Refuses a period that cannot be read: ending before it begins, longer than `max` days (`PERIOD_MAX_DAYS` unless said),
 * or ending after today (its days have nothing handled yet, and a report "to next Friday" would read as complete).
 * @throws `REPORT.PERIOD_INVALID` (precondition) naming the period and today.
 */
export function assertPeriod(from: string, to: string, today: string, max = PERIOD_MAX_DAYS): void {
  if (to < from || daysBetween(from, to) >= max || to > today) {
    throw new DomainError('REPORT.PERIOD_INVALID', 'precondition', `period ${from}..${to} (today ${today})`, { from, to, today, max, path: 'to' });
  }
}

/**
 * What came next for an order after one of its failures: delivered after all, moved to another day (延後, pending again),
 * cancelled, failed again (moved to a later day, or tried again the same day, and failed there), or still failed.
 */
export const FAILED_OUTCOMES = ['delivered', 'rescheduled', 'cancelled', 'failed_again', 'open'] as const;
export type FailedOutcome = (typeof FAILED_OUTCOMES)[number];

/** A failed order as it stands now: its status, the day it is booked for and its timeline (oldest first). */
export interface OrderNow {
  readonly status: OrderStatus;
  readonly requestedDate: string;
  readonly timeline: readonly Pick<TimelineEntry, 'at' | 'to'>[];
}

/** A customer as the failures list names them: erased customers keep their code and district. */
export interface PeriodCustomer {
  readonly code: string;
  readonly name: string;
  readonly district: string;
}

/** What ends an attempt to deliver an order: the failure's outcome is the first of these after it on the timeline. */
const ATTEMPT_ENDS: readonly OrderStatus[] = ['failed', 'delivered', 'cancelled'];

/**
 * What came next for the order after its failure at `failedAt` (the instant of its timeline entry, as the route's stop
 * records it; unknown for a failure no kept route records, which is then the order's latest, as it is still failed): its
 * next failure (`failureDay` gives that one's day), its delivery or its cancelling; nothing of those since, the day it is
 * booked for now, or still failed. Reading the order's state alone said an order failed twice was not handled at its
 * first failure, or delivered (or moved) at both.
 */
export function failedOutcome(now: OrderNow | undefined, failedAt: string | undefined, failureDay: (at: string) => string): { outcome: FailedOutcome; date: string | null } {
  // An order deleted since (a customer's erasure keeps orders, so none should be) reads as still failed.
  if (!now) return { outcome: 'open', date: null };
  const failures = now.timeline.flatMap((e, i) => (e.to === 'failed' ? [{ at: e.at, i }] : []));
  const failure = failures.findLast((f) => f.at === failedAt) ?? failures.at(-1);
  const next = now.timeline.slice((failure?.i ?? -1) + 1).find((e) => ATTEMPT_ENDS.includes(e.to));
  if (next?.to === 'failed') return { outcome: 'failed_again', date: failureDay(next.at) };
  // By its status when the timeline does not say (an order written outside the aggregate: imports, fixtures).
  const ended = next?.to ?? now.status;
  if (ended === 'delivered' || ended === 'cancelled') return { outcome: ended, date: null };
  return now.status === 'failed' ? { outcome: 'open', date: null } : { outcome: 'rescheduled', date: now.requestedDate };
}

const failedDeliverySchema = z.object({
  /** The day of the route the stop failed on. */
  date: calendarDateSchema,
  orderId: z.string(),
  driverId: z.string(),
  driverName: z.string(),
  customerId: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  district: z.string(),
  /** As stored: a code of `FAILURE_REASONS` (shown in the reader's language) or the words the driver typed. */
  reason: z.string(),
  /** The driver's words beside a picked reason, when they added any. */
  note: z.string().optional(),
  outcome: z.enum(FAILED_OUTCOMES),
  /**
   * The day a rescheduled order is booked for now, or the day it failed again on (`date` itself when it was tried again
   * the same day); null otherwise.
   */
  outcomeDate: calendarDateSchema.nullable(),
});
type FailedDelivery = z.infer<typeof failedDeliverySchema>;

const cashMonthSchema = z.object({
  month: statementMonthSchema,
  /** 短溢 summed over the month's settled days (negative: short), as 司機現金月報 shows it. */
  difference: z.number().int(),
  /** Days the driver worked that have no hand-in recorded. */
  unsettledDays: z.number().int(),
});

const driverFiguresSchema = z.object({
  driverId: z.string(),
  driverName: z.string(),
  /** Deliveries, not counting collection-only stops (回收空瓶), as 司機日結 counts them. */
  deliveries: z.number().int(),
  collections: z.number().int(),
  cylinders: sizeQuantityListSchema,
  /** The delivered orders' totals. */
  revenue: moneySchema,
  /** Days with a stop handled (delivered, collected or failed). */
  workingDays: z.number().int(),
  /** deliveries ÷ workingDays, to one decimal; 0 with no working day. */
  deliveriesPerDay: z.number(),
  failed: z.number().int(),
  /** The last six months' 短溢, oldest first, ending with the period's month. */
  cash: z.array(cashMonthSchema),
});
type DriverFigures = z.infer<typeof driverFiguresSchema>;

export const driverPeriodSchema = z
  .object({
    from: calendarDateSchema,
    to: calendarDateSchema,
    failed: z.array(failedDeliverySchema),
    failedByReason: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    failedByDriver: z.array(z.object({ driverId: z.string(), driverName: z.string(), count: z.number().int() })),
    drivers: z.array(driverFiguresSchema),
    /** The months of every driver's `cash`, oldest first. */
    cashMonths: z.array(statementMonthSchema),
  })
  .openapi('DriverPeriodReport');
export type DriverPeriod = z.infer<typeof driverPeriodSchema>;

/** The days whose deliveries' cash the report reads: the period's own, or from the first of the 短溢 months if earlier. */
export function periodReadFrom(from: string, to: string): { from: string; to: string; months: string[] } {
  const months = [to.slice(0, 7)];
  while (months.length < CASH_TREND_MONTHS) months.unshift(previousMonth(months[0]!));
  const first = monthBounds(months[0]!).firstDay;
  return { from: first < from ? first : from, to: monthBounds(months.at(-1)!).lastDay, months };
}

export interface DriverPeriodInput {
  /** The period's orders and routes (the store's `daysOf`). */
  readonly record: SettlementDayRecord;
  /** The deliveries' cash from `periodReadFrom().from` to its `to`, for the 短溢. */
  readonly cash: readonly CashDelivery[];
  readonly driverNames: ReadonlyMap<string, string>;
  readonly settlements: readonly Settlement[];
  readonly deposits: readonly SettlementDeposit[];
  /** The failed orders as they stand now, by id. */
  readonly ordersNow: ReadonlyMap<string, OrderNow>;
  readonly customers: ReadonlyMap<string, PeriodCustomer>;
}

const countBy = <K>(keys: readonly K[]): Map<K, number> => {
  const counts = new Map<K, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};

/**
 * The days' record with the orders still failed that no route of it records (its route not kept), each on the day it was
 * booked for, as 司機日結 counts a failed stop; one a route records is there already.
 */
export function withUnroutedFailures(record: SettlementDayRecord, stillFailed: readonly SettlementOrder[]): SettlementDayRecord {
  const known = new Set(record.orders.filter((o) => o.status === 'failed').map((o) => `${o.id} ${o.requestedDate}`));
  return { ...record, orders: [...record.orders, ...stillFailed.filter((o) => !known.has(`${o.id} ${o.requestedDate}`))] };
}

/** The failed orders' ids of the period's days (for reading them as they stand now, and their customers). */
export function failedOrderIds(from: string, to: string, record: SettlementDayRecord): { orderIds: string[]; customerIds: string[] } {
  const failed = record.orders.filter((o) => o.status === 'failed' && o.requestedDate >= from && o.requestedDate <= to);
  return { orderIds: [...new Set(failed.map((o) => o.id))], customerIds: [...new Set(failed.map((o) => o.customerId))] };
}

export function driverPeriod(from: string, to: string, input: DriverPeriodInput): DriverPeriod {
  const { record, driverNames } = input;
  const stops: { stop: Omit<FailedDelivery, 'outcome' | 'outcomeDate'>; failedAt: string | undefined }[] = [];
  // Each order goes to its own day once, rather than every day sifting months of orders (as settlementMonth does).
  const ordersOn = new Map<string, SettlementOrder[]>();
  for (const o of record.orders) {
    const date = handledDay(o);
    if (date && date >= from && date <= to) ordersOn.set(date, [...(ordersOn.get(date) ?? []), o]);
  }
  const figures = new Map<string, Omit<DriverFigures, 'deliveriesPerDay' | 'cash' | 'cylinders'> & { cylinders: SizeQuantity[] }>();
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = { orders: ordersOn.get(date) ?? [], routes: record.routes.filter((r) => r.date === date) };
    for (const row of settlementDay(date, day, driverNames, input.settlements, new Map(), input.deposits)) {
      // The row's own cylinders, from the same delivered orders: the row's schema type widens their sizes.
      const delivered = day.orders.filter((o) => o.driverId === row.driverId && o.status === 'delivered');
      const revenue = delivered.reduce((sum, o) => sum + o.total, 0);
      const handled = row.stops.delivered + row.stops.collected + row.stops.failed;
      const so = figures.get(row.driverId) ?? { driverId: row.driverId, driverName: row.driverName, deliveries: 0, collections: 0, cylinders: [], revenue: 0, workingDays: 0, failed: 0 };
      figures.set(row.driverId, {
        ...so,
        deliveries: so.deliveries + row.stops.delivered,
        collections: so.collections + row.stops.collected,
        cylinders: sumBySize([so.cylinders, ...delivered.map((o) => o.delivery?.delivered ?? [])]),
        revenue: so.revenue + revenue,
        workingDays: so.workingDays + (handled > 0 ? 1 : 0),
        failed: so.failed + row.stops.failed,
      });
      // The row's own failed stops, from the same orders, with when each failed, which the row's stops leave out.
      for (const { order, stop } of failedOf(day.orders.filter((o) => o.driverId === row.driverId))) {
        const customer = input.customers.get(stop.customerId);
        stops.push({
          stop: {
            date,
            orderId: stop.orderId,
            driverId: row.driverId,
            driverName: row.driverName,
            customerId: stop.customerId,
            customerCode: customer?.code ?? '',
            customerName: customer?.name ?? stop.customerName,
            district: customer?.district ?? '',
            reason: stop.reason,
            ...(stop.note ? { note: stop.note } : {}),
          },
          failedAt: order.failedAt,
        });
      }
    }
  }
  // A later failure is on the day of its own line when the period lists it, else (after the period) the day it was recorded.
  const dayOfFailure = new Map(stops.flatMap(({ stop, failedAt }) => (failedAt ? [[`${stop.orderId} ${failedAt}`, stop.date] as const] : [])));
  const failed: FailedDelivery[] = stops.map(({ stop, failedAt }) => {
    const { outcome, date } = failedOutcome(input.ordersNow.get(stop.orderId), failedAt, (at) => dayOfFailure.get(`${stop.orderId} ${at}`) ?? taipeiDate(new Date(at)));
    return { ...stop, outcome, outcomeDate: date };
  });
  const { months } = periodReadFrom(from, to);
  const cashOf = cashByMonth(months, input.cash, input.settlements, input.deposits);
  const drivers = [...figures.values()]
    .sort((a, b) => a.driverId.localeCompare(b.driverId))
    .map((f) => ({
      ...f,
      deliveriesPerDay: f.workingDays > 0 ? Math.round((f.deliveries / f.workingDays) * 10) / 10 : 0,
      cash: months.map((month) => cashOf.get(f.driverId)?.get(month) ?? { month, difference: 0, unsettledDays: 0 }),
    }));
  const byDriver = countBy(failed.map((f) => f.driverId));
  return {
    from,
    to,
    failed,
    failedByReason: [...countBy(failed.map((f) => f.reason))].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    failedByDriver: drivers.filter((d) => byDriver.has(d.driverId)).map((d) => ({ driverId: d.driverId, driverName: d.driverName, count: byDriver.get(d.driverId) ?? 0 })),
    drivers,
    cashMonths: months,
  };
}

/** A stored reason as the CSV's reader reads it: a picked one in their language, typed words as typed. */
export const failureReasonText = (reason: string, locale: NoticeLocale): string =>
  isFailureReasonCode(reason) ? FAILURE_REASONS[reason][locale] : reason;

const TEXTS = {
  'zh-TW': {
    failedTitle: '幸福氣 配送失敗',
    driversTitle: '幸福氣 司機期間統計',
    period: '期間',
    failedColumns: ['日期', '司機', '客戶編號', '客戶', '區域', '原因', '司機說明', '後續', '改送日期', '訂單'],
    outcome: { delivered: '已補送', rescheduled: '已延後', cancelled: '已取消', failed_again: '改期後再次未送達', open: '未處理' },
    failedAgainSameDay: '當天重送後再次未送達',
    byReason: ['原因', '次數'],
    byDriver: ['司機', '次數'],
    driverColumns: ['司機', '配送', '回收空瓶', '工作天數', '每日配送', '失敗', '營收'],
    cylinders: (size: number) => `${size}公斤`,
    cash: (month: string) => `短溢 ${month}`,
  },
  en: {
    failedTitle: 'Lucky Gas failed deliveries',
    driversTitle: 'Lucky Gas drivers over a period',
    period: 'Period',
    failedColumns: ['Date', 'Driver', 'Customer code', 'Customer', 'District', 'Reason', "Driver's note", 'Outcome', 'Moved to', 'Order'],
    outcome: { delivered: 'Delivered later', rescheduled: 'Rescheduled', cancelled: 'Cancelled', failed_again: 'Moved, failed again', open: 'Not handled' },
    failedAgainSameDay: 'Tried again the same day, failed again',
    byReason: ['Reason', 'Count'],
    byDriver: ['Driver', 'Count'],
    driverColumns: ['Driver', 'Deliveries', 'Collections', 'Working days', 'Deliveries per day', 'Failed', 'Revenue'],
    cylinders: (size: number) => `${size} kg`,
    cash: (month: string) => `Difference ${month}`,
  },
} as const satisfies Record<CsvLocale, unknown>;

/** The failures as CSV (UTF-8 with BOM, CRLF): a line per failed stop, then the counts by reason and by driver. */
export function failedDeliveriesCsv(report: DriverPeriod, locale: CsvLocale): string {
  const t = TEXTS[locale];
  return csvFile([
    [t.failedTitle],
    [t.period, report.from, report.to],
    [...t.failedColumns],
    ...report.failed.map((f): Cell[] => [
      f.date,
      f.driverName,
      f.customerCode,
      f.customerName,
      f.district,
      failureReasonText(f.reason, locale),
      f.note ?? '',
      f.outcome === 'failed_again' && f.outcomeDate === f.date ? t.failedAgainSameDay : t.outcome[f.outcome],
      f.outcomeDate ?? '',
      f.orderId,
    ]),
    [],
    [...t.byReason],
    ...report.failedByReason.map((r): Cell[] => [failureReasonText(r.reason, locale), r.count]),
    [],
    [...t.byDriver],
    ...report.failedByDriver.map((d): Cell[] => [d.driverName, d.count]),
  ]);
}

/** The drivers' figures as CSV: a line per driver, cylinders per size, then the 短溢 of each of the six months. */
export function driverPeriodCsv(report: DriverPeriod, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const size = (d: DriverFigures, s: number) => d.cylinders.find((c) => c.size === s)?.quantity ?? 0;
  return csvFile([
    [t.driversTitle],
    [t.period, report.from, report.to],
    [...t.driverColumns, ...CYLINDER_SIZES.map(t.cylinders), ...report.cashMonths.map(t.cash)],
    ...report.drivers.map((d): Cell[] => [
      d.driverName,
      d.deliveries,
      d.collections,
      d.workingDays,
      d.deliveriesPerDay,
      d.failed,
      d.revenue,
      ...CYLINDER_SIZES.map((s) => size(d, s)),
      ...d.cash.map((c) => c.difference),
    ]),
  ]);
}

export const driverPeriodMessages: MessageCatalogue = {
  'REPORT.PERIOD_INVALID': {
    'zh-TW': '期間 {from}–{to} 無法查詢：結束日不可早於開始日、晚於今天（{today}），最長 {max} 天',
    en: 'The period {from}–{to} cannot be read: it must end on or after its first day, not after today ({today}), and span at most {max} days',
  },
};
