/**
 * 月報: a Taipei calendar month's sales as the owner and the accountant read them. Cylinders and revenue per
 * size, customer type, district and payment terms; the top customers; failed deliveries and cancellations;
 * the previous month and the same month a year before beside it. Revenue is what the orders billed (`total`,
 * which follows the delivery), in whole NT$; an order belongs to the Taipei month its delivery was made in, or booked in
 * when the driver's phone synced it after that month's books were closed (補登, `billedAt`), as statements count it. An order counts
 * under the customer type it was taken with (`customerType`, kept on the order), so a customer who changes type does not
 * move earlier months' sales; orders written before the order kept it fall back to the customer's current type.
 */
import { DomainError } from '../errors';
import { taipeiDate } from '../clock';
import { CYLINDER_SIZES, type CylinderSize } from '../cylinders';
import { CUSTOMER_TYPES, PAYMENT_TERMS, type CustomerType, type PaymentTerms } from '../customers';
import { isCollectionOnly, type DeliveryRecord, type Order } from '../orders';
import { monthBounds, nextMonth, previousMonth, statementMonthSchema, taipeiMonth } from '../billing/statement';
import { billedAt } from '../billing/late-booking';
import { csvFile, type Cell } from '../csv';
import type { CsvLocale } from '../billing/statement-csv';
import { calendarDateSchema, moneySchema, z, type MessageCatalogue } from '../schema';
import type { EventEnvelope } from '../events';
import type { DailyCounters } from './daily-counters';

/** How many customers the ranking lists. */
export const TOP_CUSTOMERS = 20;

/** The order fields the report reads: delivered orders without their timelines. */
export type SalesOrder = Pick<Order, 'id' | 'customerId' | 'customerName' | 'customerType' | 'district' | 'paymentMethod' | 'items' | 'total'> & {
  readonly delivery: Pick<DeliveryRecord, 'at' | 'bookedOn'>;
};

/** What the report needs of a customer: its code, and its current type for orders that do not carry the type they were taken with. */
export interface SalesCustomer {
  readonly id: string;
  readonly code: string;
  readonly type: CustomerType;
}

/** Customers no longer on file are kept apart rather than guessed into a type. */
const CUSTOMER_TYPE_KEYS = [...CUSTOMER_TYPES, 'unknown'] as const;
type CustomerTypeKey = (typeof CUSTOMER_TYPE_KEYS)[number];

const countSchema = z.number().int().nonnegative();

const salesFiguresSchema = z.object({
  /** Delivered orders. */
  orders: countSchema,
  /** Full cylinders left at the door. */
  cylinders: countSchema,
  /** NT$, whole dollars. */
  revenue: moneySchema,
});
type SalesFigures = z.infer<typeof salesFiguresSchema>;

/** The Taipei calendar days a report covers, both included. */
export interface SalesPeriod {
  readonly from: string;
  readonly to: string;
}

export const salesTotalsSchema = salesFiguresSchema.extend({
  /** Deliveries that failed at the door in the month (each attempt, also those rescheduled since). */
  failed: countSchema,
  cancelled: countSchema,
});
export type SalesTotals = z.infer<typeof salesTotalsSchema>;

/** Change against an earlier period in percent, one decimal; null where the earlier period had none. */
export const changeSchema = z.object({ orders: z.number().nullable(), cylinders: z.number().nullable(), revenue: z.number().nullable() });

const comparisonSchema = z.object({ month: statementMonthSchema, totals: salesTotalsSchema, change: changeSchema });

export const periodSchema = z.object({ from: calendarDateSchema, to: calendarDateSchema });

/** A breakdown's row: its figures, and the change from the same row in the period before (the month or the week before). */
const rowSchema = salesFiguresSchema.extend({ change: changeSchema });

/** The breakdowns every sales report (月報, 週報) has, of the orders delivered in its period. */
export const salesBreakdownsSchema = z.object({
  bySize: z.array(rowSchema.extend({ size: z.number().int() })),
  byCustomerType: z.array(rowSchema.extend({ type: z.enum(CUSTOMER_TYPE_KEYS) })),
  /** Districts with a delivery, most revenue first. */
  byDistrict: z.array(rowSchema.extend({ district: z.string() })),
  byPaymentTerms: z.array(rowSchema.extend({ terms: z.enum(PAYMENT_TERMS) })),
  /** The customers with the most revenue, at most 20; ties by customer code. */
  topCustomers: z.array(
    salesFiguresSchema.extend({ customerId: z.string(), code: z.string(), name: z.string(), type: z.enum(CUSTOMER_TYPE_KEYS) }),
  ),
});
type SalesBreakdowns = z.infer<typeof salesBreakdownsSchema>;

export const monthlySalesSchema = z
  .object({
    month: statementMonthSchema,
    period: periodSchema,
    /** False for the running month: more deliveries may come. */
    closed: z.boolean(),
    totals: salesTotalsSchema,
    previousMonth: comparisonSchema,
    lastYear: comparisonSchema,
  })
  .extend(salesBreakdownsSchema.shape)
  .openapi('MonthlySales');
export type MonthlySales = z.infer<typeof monthlySalesSchema>;

/** The months a report compares: the month, the one before, the same one a year before. */
export function comparedMonths(month: string): { month: string; previous: string; lastYear: string } {
  return { month, previous: previousMonth(month), lastYear: `${Number(month.slice(0, 4)) - 1}${month.slice(4)}` };
}

/**
 * @throws `REPORT.MONTH_IN_FUTURE` (precondition) for a month that has not begun in Taipei; the running month
 * is allowed, as a report not yet closed.
 */
export function assertReportMonth(month: string, now: Date): void {
  const current = taipeiMonth(now);
  if (month > current) throw new DomainError('REPORT.MONTH_IN_FUTURE', 'precondition', `${month} has not begun (now ${current})`, { month });
}

/** A month that has ended in Taipei: its report no longer changes unless its orders or counters do, so it is stored once computed. */
export const isClosedMonth = (month: string, now: Date): boolean => month < taipeiMonth(now);

/**
 * The stored reports (`monthlyReports/{YYYY-MM}`) a change in `month` makes stale: its own, the next month's (which
 * compares with it) and the one a year on (likewise); only closed months are stored.
 */
export function reportsTouchedBy(month: string, now: Date): string[] {
  const yearOn = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}`;
  return [month, nextMonth(month), yearOn].filter((m) => isClosedMonth(m, now));
}

/**
 * Whether an order event can change what a report reads of a delivered order: a delivery recorded (late, from a phone
 * offline at the month's end) or an edit. Delivered is final in the order machine, so nothing else touches one.
 */
export const touchesDelivery = (event: Pick<EventEnvelope, 'type' | 'data'>): boolean =>
  event.type === 'order.updated' || (event.type === 'order.status_changed' && (event.data as { to?: unknown }).to === 'delivered');

const none = (): SalesFigures => ({ orders: 0, cylinders: 0, revenue: 0 });

const cylindersOf = (o: SalesOrder): number => o.items.reduce((sum, l) => sum + l.quantity, 0);

function add(into: SalesFigures, orders: number, cylinders: number, revenue: number): void {
  into.orders += orders;
  into.cylinders += cylinders;
  into.revenue += revenue;
}

/** Figures per key, summed over the orders; `keyOf` names each order's group. */
function groupBy<K>(orders: readonly SalesOrder[], keyOf: (o: SalesOrder) => K): Map<K, SalesFigures> {
  const groups = new Map<K, SalesFigures>();
  for (const o of orders) {
    const key = keyOf(o);
    const figures = groups.get(key) ?? none();
    add(figures, 1, cylindersOf(o), o.total);
    groups.set(key, figures);
  }
  return groups;
}

/** A month's days. */
export const monthPeriod = (month: string): SalesPeriod => {
  const { firstDay, lastDay } = monthBounds(month);
  return { from: firstDay, to: lastDay };
};

const within = (day: string, period: SalesPeriod): boolean => day >= period.from && day <= period.to;

/** Only the orders billed in the period's Taipei days (`billedAt`): the store's range queries and this agree on the boundary. */
// A collection-only order (回收空瓶) sold nothing: it is not an order of the period's sales.
const deliveredIn = (period: SalesPeriod, orders: readonly SalesOrder[]): SalesOrder[] =>
  orders.filter((o) => !isCollectionOnly(o) && within(taipeiDate(new Date(billedAt(o.delivery))), period));

const countersIn = (period: SalesPeriod, counters: readonly DailyCounters[]): DailyCounters[] => counters.filter((c) => within(c.day, period));

function counted(counters: readonly DailyCounters[], status: 'failed' | 'cancelled'): number {
  return counters.reduce((sum, c) => {
    const group = c['orders'];
    const n = typeof group === 'object' ? group[status] : undefined;
    return sum + (typeof n === 'number' ? n : 0);
  }, 0);
}

/**
 * A period's totals: delivered orders, cylinders and revenue from the orders delivered in it; failures and
 * cancellations from the daily counters (`reports/daily-<day>`), which count each one on the day it happened.
 */
export function periodTotals(period: SalesPeriod, orders: readonly SalesOrder[], counters: readonly DailyCounters[]): SalesTotals {
  const figures = none();
  for (const o of deliveredIn(period, orders)) add(figures, 1, cylindersOf(o), o.total);
  const days = countersIn(period, counters);
  return { ...figures, failed: counted(days, 'failed'), cancelled: counted(days, 'cancelled') };
}

/** A month's totals (`periodTotals` of its days). */
export const salesTotals = (month: string, orders: readonly SalesOrder[], counters: readonly DailyCounters[]): SalesTotals =>
  periodTotals(monthPeriod(month), orders, counters);

/** Percent change, one decimal, computed on integers so it does not drift; null against nothing. */
export function percentChange(current: number, before: number): number | null {
  if (before === 0) return null;
  return Math.round(((current - before) * 1000) / before) / 10;
}

/** The change from an earlier period's figures to the current ones. */
export function changeFrom(current: SalesFigures, earlier: SalesFigures): z.infer<typeof changeSchema> {
  return {
    orders: percentChange(current.orders, earlier.orders),
    cylinders: percentChange(current.cylinders, earlier.cylinders),
    revenue: percentChange(current.revenue, earlier.revenue),
  };
}

const compared = (month: string, current: SalesTotals, totals: SalesTotals): z.infer<typeof comparisonSchema> => ({ month, totals, change: changeFrom(current, totals) });

/** What a period's report (a month, a week) is made from. */
export interface SalesReportInput {
  /** Orders delivered in the period; others are left out. */
  readonly orders: readonly SalesOrder[];
  readonly customers: ReadonlyMap<string, SalesCustomer>;
  /** The daily counters of the period's days. */
  readonly counters: readonly DailyCounters[];
  /** The period before's and the same period a year before's totals. */
  readonly previous: SalesTotals;
  readonly lastYear: SalesTotals;
  /** The period before's deliveries, which each breakdown's rows are compared with. */
  readonly previousOrders: readonly SalesOrder[];
  readonly now: Date;
}

/**
 * The month's report.
 * @throws `REPORT.MONTH_IN_FUTURE` for a month that has not begun.
 */
export function monthlySales(month: string, input: SalesReportInput): MonthlySales {
  assertReportMonth(month, input.now);
  const period = monthPeriod(month);
  const { previous, lastYear } = comparedMonths(month);
  const totals = periodTotals(period, input.orders, input.counters);
  return {
    month,
    period,
    closed: month < taipeiMonth(input.now),
    totals,
    previousMonth: compared(previous, totals, input.previous),
    lastYear: compared(lastYear, totals, input.lastYear),
    ...salesBreakdowns(period, input.orders, input.customers, { period: monthPeriod(previous), orders: input.previousOrders }),
  };
}

/** The orders of a period grouped per size, customer type (`typeOf`), district and payment terms. */
function groupings(orders: readonly SalesOrder[], typeOf: (o: SalesOrder) => CustomerTypeKey) {
  const bySize = new Map<CylinderSize, SalesFigures>();
  for (const o of orders) {
    for (const line of o.items) {
      const figures = bySize.get(line.size) ?? none();
      add(figures, 1, line.quantity, line.subtotal);
      bySize.set(line.size, figures);
    }
  }
  return { bySize, byType: groupBy(orders, typeOf), byTerms: groupBy(orders, (o) => o.paymentMethod), byDistrict: groupBy(orders, (o) => o.district) };
}

/**
 * Per size, customer type, district and payment terms, each row against the same row of the `earlier` period, and the
 * top customers, of the orders delivered in the period.
 */
export function salesBreakdowns(
  period: SalesPeriod,
  delivered: readonly SalesOrder[],
  customers: ReadonlyMap<string, SalesCustomer>,
  earlier: { readonly period: SalesPeriod; readonly orders: readonly SalesOrder[] },
): SalesBreakdowns {
  const orders = deliveredIn(period, delivered);
  const currentType = (customerId: string): CustomerType | undefined => customers.get(customerId)?.type;
  const orderType = (o: SalesOrder): CustomerTypeKey => o.customerType ?? currentType(o.customerId) ?? 'unknown';
  // The ranking describes the customer as it is now; one no longer on file keeps the type its orders were taken with.
  const typeTakenWith = new Map(orders.flatMap((o) => (o.customerType ? [[o.customerId, o.customerType] as const] : [])));
  const customerType = (customerId: string): CustomerTypeKey => currentType(customerId) ?? typeTakenWith.get(customerId) ?? 'unknown';

  const now = groupings(orders, orderType);
  const before = groupings(deliveredIn(earlier.period, earlier.orders), orderType);
  const row = <K>(groups: Map<K, SalesFigures>, earlierGroups: Map<K, SalesFigures>, key: K) => {
    const figures = groups.get(key) ?? none();
    return { ...figures, change: changeFrom(figures, earlierGroups.get(key) ?? none()) };
  };
  const byType = now.byType;
  const byDistrict = [...now.byDistrict.keys()]
    .map((district) => ({ district, ...row(now.byDistrict, before.byDistrict, district) }))
    .sort((a, b) => b.revenue - a.revenue || a.district.localeCompare(b.district));

  const names = new Map(orders.map((o) => [o.customerId, o.customerName]));
  const topCustomers = [...groupBy(orders, (o) => o.customerId)]
    .map(([customerId, f]) => ({
      customerId,
      code: customers.get(customerId)?.code ?? '',
      name: names.get(customerId) ?? '',
      type: customerType(customerId),
      ...f,
    }))
    .sort((a, b) => b.revenue - a.revenue || a.code.localeCompare(b.code) || a.customerId.localeCompare(b.customerId))
    .slice(0, TOP_CUSTOMERS);

  return {
    bySize: CYLINDER_SIZES.map((size) => ({ size, ...row(now.bySize, before.bySize, size) })),
    byCustomerType: CUSTOMER_TYPE_KEYS.filter((type) => type !== 'unknown' || byType.has(type)).map((type) => ({ type, ...row(byType, before.byType, type) })),
    byDistrict,
    byPaymentTerms: PAYMENT_TERMS.map((terms) => ({ terms, ...row(now.byTerms, before.byTerms, terms) })),
    topCustomers,
  };
}

/**
 * What a sales report's CSV says of its own period (a month, a week): its title, that it is still running, the totals'
 * columns and the breakdowns' two change columns (cylinders, revenue against the period before).
 */
export interface SalesCsvHead {
  readonly title: string;
  readonly notClosed: string;
  readonly totalsHeader: readonly string[];
  readonly rowChange: readonly [string, string];
}

interface CsvTexts {
  readonly period: string;
  readonly totals: Readonly<Record<keyof SalesTotals, string>>;
  readonly figures: readonly string[];
  readonly size: string;
  readonly sizeLabel: (size: number) => string;
  readonly customerType: string;
  readonly type: Readonly<Record<CustomerTypeKey, string>>;
  readonly district: string;
  readonly paymentTerms: string;
  readonly terms: Readonly<Record<PaymentTerms, string>>;
  readonly topCustomers: readonly string[];
}

const CSV_TEXTS: Readonly<Record<CsvLocale, CsvTexts>> = {
  'zh-TW': {
    period: '期間',
    totals: { orders: '配送訂單', cylinders: '鋼瓶數', revenue: '營收 (NT$)', failed: '配送失敗', cancelled: '取消訂單' },
    figures: ['配送訂單', '鋼瓶數', '營收 (NT$)'],
    size: '規格',
    sizeLabel: (size) => `${size}公斤`,
    customerType: '客戶類型',
    type: { household: '家庭', restaurant: '餐廳', commercial: '商業', industrial: '工業', unknown: '不明' },
    district: '行政區',
    paymentTerms: '付款方式',
    terms: { cash: '現金', monthly: '月結', transfer: '轉帳' },
    topCustomers: ['排名', '客戶編號', '客戶名稱', '客戶類型'],
  },
  en: {
    period: 'Period',
    totals: { orders: 'orders delivered', cylinders: 'cylinders', revenue: 'revenue (NT$)', failed: 'failed deliveries', cancelled: 'cancelled orders' },
    figures: ['orders delivered', 'cylinders', 'revenue (NT$)'],
    size: 'size',
    sizeLabel: (size) => `${size} kg`,
    customerType: 'customer type',
    type: { household: 'household', restaurant: 'restaurant', commercial: 'commercial', industrial: 'industrial', unknown: 'unknown' },
    district: 'district',
    paymentTerms: 'payment terms',
    terms: { cash: 'cash', monthly: 'monthly', transfer: 'transfer' },
    topCustomers: ['rank', 'code', 'name', 'customer type'],
  },
};

const TOTAL_KEYS: readonly (keyof SalesTotals)[] = ['orders', 'cylinders', 'revenue', 'failed', 'cancelled'];

const figureCells = (f: SalesFigures): Cell[] => [f.orders, f.cylinders, f.revenue];

/** An earlier period's totals and the change from them, as a report sets them beside its own. */
interface Compared {
  readonly totals: SalesTotals;
  readonly change: z.infer<typeof changeSchema>;
}

/** The percent cell of a total: empty for failures and cancellations, and against a period without any. */
function changeCell(comparison: Compared, key: keyof SalesTotals): Cell {
  const change = key === 'failed' || key === 'cancelled' ? null : comparison.change[key];
  return change ?? '';
}

const MONTH_HEAD: Readonly<Record<CsvLocale, (report: MonthlySales) => SalesCsvHead>> = {
  'zh-TW': (r) => ({
    title: '月報',
    notClosed: '本月尚未結束',
    totalsHeader: ['項目', `本月 ${r.month}`, `上月 ${r.previousMonth.month}`, '較上月 %', `去年同月 ${r.lastYear.month}`, '較去年同月 %'],
    rowChange: ['鋼瓶較上月 %', '營收較上月 %'],
  }),
  en: (r) => ({
    title: 'Monthly sales',
    notClosed: 'month still running',
    totalsHeader: ['figure', r.month, `previous month ${r.previousMonth.month}`, 'change %', `same month last year ${r.lastYear.month}`, 'change %'],
    rowChange: ['cylinders vs previous month %', 'revenue vs previous month %'],
  }),
};

/** The month's report as a CSV for Excel in the caller's language (`salesCsv`). */
export const monthlySalesCsv = (report: MonthlySales, locale: CsvLocale): string =>
  salesCsv(report.month, report, MONTH_HEAD[locale](report), [report.previousMonth, report.lastYear], locale);

/**
 * A sales report as a CSV for Excel in the caller's language (UTF-8 with BOM, CRLF): totals beside the two periods it is
 * compared with, then one section per breakdown and the top customers.
 */
export function salesCsv(
  subject: string,
  report: SalesBreakdowns & { readonly period: SalesPeriod; readonly closed: boolean; readonly totals: SalesTotals },
  head: SalesCsvHead,
  [prev, lastYear]: readonly [Compared, Compared],
  locale: CsvLocale,
): string {
  const t = CSV_TEXTS[locale];
  const section = <T extends z.infer<typeof rowSchema>>(label: string, rows: readonly T[], name: (row: T) => Cell): Cell[][] => [
    [],
    [label, ...t.figures, ...head.rowChange],
    ...rows.map((r) => [name(r), ...figureCells(r), r.change.cylinders ?? '', r.change.revenue ?? '']),
  ];
  return csvFile([
    [head.title, subject, ...(report.closed ? [] : [head.notClosed])],
    [t.period, report.period.from, report.period.to],
    [],
    [...head.totalsHeader],
    ...TOTAL_KEYS.map((key) => [t.totals[key], report.totals[key], prev.totals[key], changeCell(prev, key), lastYear.totals[key], changeCell(lastYear, key)]),
    ...section(t.size, report.bySize, (r) => t.sizeLabel(r.size)),
    ...section(t.customerType, report.byCustomerType, (r) => t.type[r.type]),
    ...section(t.district, report.byDistrict, (r) => r.district),
    ...section(t.paymentTerms, report.byPaymentTerms, (r) => t.terms[r.terms]),
    [],
    [...t.topCustomers, ...t.figures],
    ...report.topCustomers.map((c, i) => [i + 1, c.code, c.name, t.type[c.type], ...figureCells(c)]),
  ]);
}

export const reportMessages: MessageCatalogue = {
  'REPORT.MONTH_IN_FUTURE': { 'zh-TW': '{month} 尚未開始，沒有月報', en: '{month} has not begun: there is no report for it yet' },
  'REPORT.WEEK_IN_FUTURE': { 'zh-TW': '{week} 起的這一週尚未開始，沒有週報', en: 'The week of {week} has not begun: there is no report for it yet' },
};
