/**
 * The drivers' cash over a Taipei month (司機現金月報): the accountant ties the month's cash to what the drivers handed
 * in, where 司機日結 shows one day at a time. Each day is the 司機日結's own row (`settlementDay`), so a month says per
 * day exactly what that day's page says; this only lines the days up and adds them.
 */
import { monthBounds, statementMonthSchema } from '../billing/statement';
import type { CsvLocale } from '../billing/statement-csv';
import { addDays } from '../calendar';
import { csvFile, type Cell } from '../csv';
import { calendarDateSchema, moneySchema, z } from '../schema';
import { handInDue, handledDay, settlementDay, type Settlement, type SettlementDayRecord, type SettlementDeposit, type SettlementOrder, type SettlementRow } from './driver-settlement';

const moneyFields = {
  /** The totals of delivered orders paid in cash at the door. */
  cashExpected: moneySchema,
  /** What the stops recorded as taken at the door for the orders. */
  cashCollected: moneySchema,
  /** Deposits (押金) taken in cash at the deliveries. */
  deposits: moneySchema,
  /** What the driver should hand in: `cashCollected` + `deposits` (`handInDue`). */
  due: moneySchema,
};

const monthDaySchema = z.object({
  date: calendarDateSchema,
  ...moneyFields,
  /** What the office recorded as handed in; null while the day is not settled. */
  handedIn: moneySchema.nullable(),
  /** 短溢: handedIn − due, once settled (negative: short). */
  difference: z.number().int().nullable(),
  /** The driver delivered (or took cash) that day and nothing is recorded as handed in. */
  unsettled: z.boolean(),
});

const monthTotalsSchema = z.object({
  ...moneyFields,
  /** Cash recorded as handed in over the settled days. */
  handedIn: moneySchema,
  /** 短溢 summed over the settled days (an unsettled day's due is in `due`, not here). */
  difference: z.number().int(),
  /** Days with deliveries and no hand-in recorded. */
  unsettledDays: z.number().int(),
});

export const settlementMonthSchema = z
  .object({
    month: statementMonthSchema,
    drivers: z.array(z.object({ driverId: z.string(), driverName: z.string(), days: z.array(monthDaySchema), totals: monthTotalsSchema })),
    totals: monthTotalsSchema,
  })
  .openapi('DriverSettlementMonth');
export type SettlementMonth = z.infer<typeof settlementMonthSchema>;
type MonthDay = z.infer<typeof monthDaySchema>;
type MonthTotals = z.infer<typeof monthTotalsSchema>;

function monthDay(date: string, row: SettlementRow): MonthDay {
  const due = handInDue(row);
  return {
    date,
    cashExpected: row.cash.expected,
    cashCollected: row.cash.collected,
    deposits: row.deposits.collected,
    due,
    handedIn: row.settlement?.cashReceived ?? null,
    difference: row.handInDifference,
    unsettled: !row.settlement && (row.stops.delivered + row.stops.collected > 0 || due > 0),
  };
}

function totalsOf(days: readonly MonthDay[]): MonthTotals {
  const sum = (pick: (d: MonthDay) => number) => days.reduce((n, d) => n + pick(d), 0);
  return {
    cashExpected: sum((d) => d.cashExpected),
    cashCollected: sum((d) => d.cashCollected),
    deposits: sum((d) => d.deposits),
    due: sum((d) => d.due),
    handedIn: sum((d) => d.handedIn ?? 0),
    difference: sum((d) => d.difference ?? 0),
    unsettledDays: days.filter((d) => d.unsettled).length,
  };
}

/**
 * The month as the 司機日結 page would show each of its days (`settlementDay` over `record`, which may hold the whole
 * month's orders and routes: each day takes its own), drivers by id, each driver's days in date order. A driver's day is
 * listed whenever that day's page has a row for them (a stop handled, a truck sent out or a hand-in recorded).
 */
export function settlementMonth(
  month: string,
  record: SettlementDayRecord,
  driverNames: ReadonlyMap<string, string>,
  settlements: readonly Settlement[],
  deposits: readonly SettlementDeposit[],
): SettlementMonth {
  const { firstDay, lastDay } = monthBounds(month);
  // Each order goes to its own day once, rather than every day sifting the month's thousands.
  const ordersOn = new Map<string, SettlementOrder[]>();
  for (const o of record.orders) {
    const date = handledDay(o);
    if (!date) continue;
    const handled = ordersOn.get(date);
    if (handled) handled.push(o);
    else ordersOn.set(date, [o]);
  }
  const byDriver = new Map<string, { driverName: string; days: MonthDay[] }>();
  for (let date = firstDay; date <= lastDay; date = addDays(date, 1)) {
    const day = { orders: ordersOn.get(date) ?? [], routes: record.routes.filter((r) => r.date === date) };
    for (const row of settlementDay(date, day, driverNames, settlements, new Map(), deposits)) {
      const driver = byDriver.get(row.driverId) ?? { driverName: row.driverName, days: [] };
      driver.days.push(monthDay(date, row));
      byDriver.set(row.driverId, driver);
    }
  }
  const drivers = [...byDriver]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([driverId, d]) => ({ driverId, driverName: d.driverName, days: d.days, totals: totalsOf(d.days) }));
  return { month, drivers, totals: totalsOf(drivers.flatMap((d) => d.days)) };
}

/** A delivery as the 短溢 reads it: who took how much cash at the door, and when. */
export type CashDelivery = Pick<SettlementOrder, 'id' | 'status' | 'driverId' | 'requestedDate'> & {
  readonly delivery?: Pick<NonNullable<SettlementOrder['delivery']>, 'at' | 'cashCollected'>;
};

/** A driver's month as `settlementMonth`'s totals say it: 短溢 over the settled days, and the days not settled. */
export interface CashMonth {
  readonly month: string;
  readonly difference: number;
  readonly unsettledDays: number;
}

/**
 * Per driver, per month of `months`, the `difference` and `unsettledDays` of `settlementMonth`'s totals, from the cash of
 * the deliveries alone: a driver's day is due what its deliveries took at the door and their deposits (`handInDue`), and
 * not settled when it has a delivery or cash due and no hand-in. Failed stops and routes take no cash, so six months of
 * 短溢 need neither, nor the orders' lines. Drivers with no such month are absent.
 */
export function cashByMonth(
  months: readonly string[],
  deliveries: readonly CashDelivery[],
  settlements: readonly Settlement[],
  deposits: readonly SettlementDeposit[],
): Map<string, Map<string, CashMonth>> {
  const depositsOf = new Map<string, number>();
  for (const d of deposits) depositsOf.set(d.orderId, (depositsOf.get(d.orderId) ?? 0) + d.amount);
  const days = new Map<string, { date: string; driverId: string; delivered: number; due: number }>();
  const dayOf = (date: string, driverId: string) => {
    const key = `${date} ${driverId}`;
    const day = days.get(key) ?? { date, driverId, delivered: 0, due: 0 };
    days.set(key, day);
    return day;
  };
  for (const o of deliveries) {
    const date = handledDay(o);
    if (o.status !== 'delivered' || !o.driverId || !date) continue;
    const day = dayOf(date, o.driverId);
    day.delivered += 1;
    day.due += handInDue({ cash: { collected: o.delivery?.cashCollected ?? 0 }, deposits: { collected: depositsOf.get(o.id) ?? 0 } });
  }
  const recorded = new Map(settlements.map((s) => [`${s.date} ${s.driverId}`, s]));
  for (const s of settlements) dayOf(s.date, s.driverId);
  const wanted = new Set(months);
  const byDriver = new Map<string, Map<string, CashMonth>>();
  for (const [key, day] of days) {
    const month = day.date.slice(0, 7);
    if (!wanted.has(month)) continue;
    const settlement = recorded.get(key);
    const own = byDriver.get(day.driverId) ?? new Map<string, CashMonth>();
    const so = own.get(month) ?? { month, difference: 0, unsettledDays: 0 };
    own.set(month, {
      month,
      difference: so.difference + (settlement ? settlement.cashReceived - day.due : 0),
      unsettledDays: so.unsettledDays + (!settlement && (day.delivered > 0 || day.due > 0) ? 1 : 0),
    });
    byDriver.set(day.driverId, own);
  }
  return byDriver;
}

const TEXTS = {
  'zh-TW': {
    title: '幸福氣 司機現金月報',
    month: '月份',
    columns: ['日期', '司機', '應收現金', '實收現金', '押金', '應繳', '已繳', '短溢', '狀態'],
    settled: '已點收',
    unsettled: '未日結',
    none: '無現金',
    driverTotal: '小計',
    total: '本月合計',
    unsettledDays: '未日結天數',
  },
  en: {
    title: 'Lucky Gas drivers’ cash by month',
    month: 'Month',
    columns: ['Date', 'Driver', 'Cash expected', 'Cash collected', 'Deposits', 'Due', 'Handed in', 'Difference', 'Status'],
    settled: 'Settled',
    unsettled: 'Not settled',
    none: 'No cash',
    driverTotal: 'Subtotal',
    total: 'Month total',
    unsettledDays: 'Days not settled',
  },
} as const satisfies Record<CsvLocale, unknown>;

/**
 * The month as CSV (UTF-8 with BOM, CRLF): a line per driver per day, a subtotal per driver, the month's total, then how
 * many days were not settled. An unsettled day's 已繳 and 短溢 are left blank rather than 0, which would read as a hand-in.
 */
export function settlementMonthCsv(report: SettlementMonth, locale: CsvLocale): string {
  const t = TEXTS[locale];
  const money = (d: Pick<MonthDay, 'cashExpected' | 'cashCollected' | 'deposits' | 'due'>): Cell[] => [d.cashExpected, d.cashCollected, d.deposits, d.due];
  const status = (d: MonthDay) => (d.handedIn !== null ? t.settled : d.unsettled ? t.unsettled : t.none);
  return csvFile([
    [t.title],
    [t.month, report.month],
    [...t.columns],
    ...report.drivers.flatMap((driver) => [
      ...driver.days.map((d): Cell[] => [d.date, driver.driverName, ...money(d), d.handedIn ?? '', d.difference ?? '', status(d)]),
      [t.driverTotal, driver.driverName, ...money(driver.totals), driver.totals.handedIn, driver.totals.difference, ''],
    ]),
    [t.total, '', ...money(report.totals), report.totals.handedIn, report.totals.difference, ''],
    [t.unsettledDays, report.totals.unsettledDays],
  ]);
}
