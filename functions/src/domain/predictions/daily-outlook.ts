/**
 * The filling plant's order (分裝場叫貨): for each of the next days, per size, the cylinders already booked and those the
 * nightly outlook expects, beside the fulls in the yard, so the gap to order reads directly.
 */
import { addDays } from '../calendar';
import type { ClosurePeriod } from '../closures';
import { CYLINDER_SIZES, cylinderSizeSchema, type CylinderSize, type SizeQuantity } from '../cylinders';
import { calendarDateSchema, z } from '../schema';

/** One size of one day: booked, the outlook's mean and band, and what the day will take. */
export const dailySizeLineSchema = z.object({
  size: cylinderSizeSchema,
  booked: z.number().int().min(0).describe('Cylinders of the open orders requested for the day (pending to out for delivery; a nightly suggestion not yet confirmed is left out: nobody has asked for it)'),
  mean: z.number().min(0).describe("The nightly outlook's expected orders for the day, all customers (or the depot's), booked or not"),
  p10: z.number().min(0),
  p90: z.number().min(0),
  expected: z
    .number()
    .min(0)
    .describe('What the day will take: the booked cylinders or the mean, whichever is more (the booked orders are part of what the outlook expects, not on top of it)'),
});
export type DailySizeLine = z.infer<typeof dailySizeLineSchema>;

const closureMarkSchema = z.object({
  name: z.string(),
  closesAt: z.string().optional().describe('提早收工: deliveries end at this Taipei time; absent, nobody delivers (休息日)'),
  districts: z.array(z.string()).optional().describe('Where it holds; absent, the whole company'),
});

export const dailyOutlookDaySchema = z.object({
  date: calendarDateSchema,
  closures: z.array(closureMarkSchema),
  bySize: z.array(dailySizeLineSchema),
});
export type DailyOutlookDay = z.infer<typeof dailyOutlookDaySchema>;

/** A size over the days shown: their sums, and the fulls in the yard against them. */
export const dailyTotalSchema = z.object({
  size: cylinderSizeSchema,
  booked: z.number().int().min(0),
  mean: z.number().min(0).describe("The days' means summed: over a week from the as-of day, that week's mean of the weekly outlook"),
  expected: z.number().min(0),
  fulls: z.number().int().min(0).describe('Fulls in the yard now (the depot’s, or every depot in service)'),
  short: z.number().int().min(0).describe('Whole cylinders the expected demand is over the fulls: what to order from the filling plant'),
});
export type DailyTotal = z.infer<typeof dailyTotalSchema>;

/** What the nightly outlook stored for one day. */
export interface StoredDay {
  readonly from: string;
  readonly bySize: readonly { readonly size: CylinderSize; readonly mean: number; readonly p10: number; readonly p90: number }[];
}

/** An open order as the outlook counts it. */
export interface BookedOrder {
  readonly requestedDate: string;
  readonly items: readonly SizeQuantity[];
}

const hundredths = (value: number): number => Math.round(value * 100) / 100;

type StoredLine = StoredDay['bySize'][number];

/** A day nobody in the company delivers: a closure of the whole company that is not 提早收工. */
const closedAllDay = (closures: readonly ClosurePeriod[], date: string): boolean =>
  closures.some((c) => c.closesAt === undefined && c.districts === undefined && c.from <= date && date <= c.to);

/**
 * The days with what the outlook still expects on a day nobody delivers (a 休息日 declared since the night's run, which
 * moved the orders of those it knew) moved to the working day before it, where its customers order ahead; to the first
 * working day after when none before is shown (the closure begins on the first day). The band moves with the mean, both
 * ends by as much: an estimate, as bands never add. The days' sum stays the same. The distributor has no weekly rest day
 * (it delivers every day but closures; a customer's closed weekdays are the customer's), so closures are its only
 * non-working days.
 */
function movedOffClosedDays(days: readonly StoredDay[], closures: readonly ClosurePeriod[]): StoredDay[] {
  const closed = days.map((day) => closedAllDay(closures, day.from));
  const moved = days.map(() => new Map<CylinderSize, number>());
  // Where each closed day's need goes; -1 when every day shown is closed, the need then left where it is.
  const targets = closed.map((isClosed, i) => {
    if (!isClosed) return -1;
    const before = closed.lastIndexOf(false, i);
    return before >= 0 ? before : closed.indexOf(false, i);
  });
  targets.forEach((to, i) => {
    if (to >= 0) for (const line of days[i]!.bySize) moved[to]!.set(line.size, (moved[to]!.get(line.size) ?? 0) + line.mean);
  });
  return days.map((day, i) => {
    if (targets[i]! >= 0) return { from: day.from, bySize: day.bySize.map((l) => ({ size: l.size, mean: 0, p10: 0, p90: 0 })) };
    const extra = moved[i]!;
    if (extra.size === 0) return day;
    const bySize: StoredLine[] = CYLINDER_SIZES.flatMap((size) => {
      const line = day.bySize.find((l) => l.size === size);
      const add = extra.get(size) ?? 0;
      if (!line && add === 0) return [];
      return [line ? { size, mean: line.mean + add, p10: line.p10 + add, p90: line.p90 + add } : { size, mean: add, p10: add, p90: add }];
    });
    return { from: day.from, bySize };
  });
}

/**
 * The `days` days from `from` that the stored outlook has: each size any day books or expects, the closures of the day
 * marked. A day nobody delivers expects nothing, its need on the working day before it (`movedOffClosedDays`); a day
 * closing early (提早收工) keeps its outlook.
 */
export function dailyOutlook(
  stored: readonly StoredDay[],
  booked: readonly BookedOrder[],
  closures: readonly ClosurePeriod[],
  from: string,
  days: number,
): DailyOutlookDay[] {
  const last = addDays(from, days - 1);
  const shown = stored.filter((day) => day.from >= from && day.from <= last).sort((a, b) => a.from.localeCompare(b.from));
  return movedOffClosedDays(shown, closures)
    .map((day) => {
      const bookedBySize = new Map<CylinderSize, number>();
      for (const order of booked.filter((o) => o.requestedDate === day.from))
        for (const line of order.items) bookedBySize.set(line.size, (bookedBySize.get(line.size) ?? 0) + line.quantity);
      const bySize = CYLINDER_SIZES.flatMap((size) => {
        const forecast = day.bySize.find((l) => l.size === size);
        const count = bookedBySize.get(size) ?? 0;
        if (!forecast && count === 0) return [];
        const mean = forecast?.mean ?? 0;
        return [{ size, booked: count, mean, p10: forecast?.p10 ?? 0, p90: forecast?.p90 ?? 0, expected: hundredths(Math.max(count, mean)) }];
      });
      const marks = closures
        .filter((c) => c.from <= day.from && day.from <= c.to)
        .map((c) => ({ name: c.name, ...(c.closesAt === undefined ? {} : { closesAt: c.closesAt }), ...(c.districts === undefined ? {} : { districts: [...c.districts] }) }));
      return { date: day.from, closures: marks, bySize };
    });
}

/** The days' sums per size against the fulls: `short` is the whole cylinders to order. */
export function dailyTotals(days: readonly DailyOutlookDay[], fulls: ReadonlyMap<CylinderSize, number>): DailyTotal[] {
  return CYLINDER_SIZES.flatMap((size) => {
    const lines = days.flatMap((day) => day.bySize.filter((l) => l.size === size));
    if (lines.length === 0) return [];
    const expected = hundredths(lines.reduce((total, l) => total + l.expected, 0));
    const inYard = fulls.get(size) ?? 0;
    return [
      {
        size,
        booked: lines.reduce((total, l) => total + l.booked, 0),
        mean: hundredths(lines.reduce((total, l) => total + l.mean, 0)),
        expected,
        fulls: inYard,
        short: Math.max(0, Math.ceil(expected - 1e-9) - inYard),
      },
    ];
  });
}
