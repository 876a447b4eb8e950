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

/**
 * The `days` days from `from` that the stored outlook has: each size any day books or expects, the closures of the day
 * marked. A day closing early (提早收工) keeps its outlook: the night moves only days nobody delivers.
 */
export function dailyOutlook(
  stored: readonly StoredDay[],
  booked: readonly BookedOrder[],
  closures: readonly ClosurePeriod[],
  from: string,
  days: number,
): DailyOutlookDay[] {
  const last = addDays(from, days - 1);
  return stored
    .filter((day) => day.from >= from && day.from <= last)
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
