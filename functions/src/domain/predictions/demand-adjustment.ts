/**
 * 需求調整: a factor staff put on a few days' outlook for what the models cannot know, an announced 寒流 above all. The
 * models read temperature from the monthly normals only, so a cold wave the weather service announces for tomorrow reaches
 * the filling plant's order only this way; the fitted models are left as they are.
 */
import { addDays, daysBetween } from '../calendar';
import { calendarDateSchema, z } from '../schema';
import { actorSchema } from '../users/user';
import type { StoredDay } from './daily-outlook';

/** A cold wave lasts days, not weeks; the outlook itself covers 14 days from tomorrow. */
export const MAX_ADJUSTMENT_DAYS = 14;

export const demandAdjustmentInputSchema = z
  .object({
    from: calendarDateSchema.describe('First day it holds'),
    to: calendarDateSchema.describe('Last day it holds (at most 14 days from `from`)'),
    factor: z.number().min(0.1).max(5).describe("What the days' outlook is multiplied by: 3 when calls triple, 0.8 for a warm spell"),
    reason: z.string().trim().min(1).max(60).describe('Why, shown on the days: 寒流, 颱風前囤貨'),
  })
  .refine((a) => a.to >= a.from && daysBetween(a.from, a.to) < MAX_ADJUSTMENT_DAYS, { message: 'DEMAND_ADJUSTMENT.BAD_RANGE', path: ['to'] })
  .openapi('DemandAdjustmentInput', { example: { from: '2030-01-15', to: '2030-01-17', factor: 3, reason: '寒流' } });
export type DemandAdjustmentInput = z.infer<typeof demandAdjustmentInputSchema>;

export const demandAdjustmentSchema = z
  .object({
    id: z.string(),
    from: calendarDateSchema,
    to: calendarDateSchema,
    factor: z.number(),
    reason: z.string(),
    createdBy: actorSchema,
    createdAt: z.string(),
  })
  .openapi('DemandAdjustment');
export type DemandAdjustment = z.infer<typeof demandAdjustmentSchema>;

export const demandAdjustmentMessages = {
  'DEMAND_ADJUSTMENT.BAD_RANGE': { 'zh-TW': `結束日不可早於開始日，且最多 ${MAX_ADJUSTMENT_DAYS} 天`, en: `The last day cannot be before the first, and it covers at most ${MAX_ADJUSTMENT_DAYS} days` },
  'DEMAND_ADJUSTMENT.NOT_FOUND': { 'zh-TW': '找不到這筆需求調整（可能已被刪除）', en: 'This demand adjustment was not found (it may have been removed)' },
  'DEMAND_ADJUSTMENT.SUGGESTION_NOTE': { 'zh-TW': '用完日依需求調整（{adjustments}）推算', en: 'Run-out day worked out under the demand adjustment ({adjustments})' },
} as const;

/** The adjustment a day is under: the one entered last, where several cover it (the later word on the weather stands). */
export function adjustmentOn(day: string, adjustments: readonly DemandAdjustment[]): DemandAdjustment | undefined {
  return adjustments
    .filter((a) => a.from <= day && day <= a.to)
    .reduce<DemandAdjustment | undefined>((latest, a) => (latest && latest.createdAt >= a.createdAt ? latest : a), undefined);
}

const hundredths = (value: number): number => Math.round(value * 100) / 100;

/** The stored days with each adjusted day's mean and band multiplied by its factor; the other days as stored. */
export function adjustedDays(days: readonly StoredDay[], adjustments: readonly DemandAdjustment[]): StoredDay[] {
  return days.map((day) => {
    const adjustment = adjustmentOn(day.from, adjustments);
    if (!adjustment) return day;
    const f = adjustment.factor;
    return { from: day.from, bySize: day.bySize.map((l) => ({ size: l.size, mean: hundredths(l.mean * f), p10: hundredths(l.p10 * f), p90: hundredths(l.p90 * f) })) };
  });
}

/** The adjustments that touch the days from `from` for `days` days. */
export const adjustmentsWithin = (adjustments: readonly DemandAdjustment[], from: string, days: number): DemandAdjustment[] =>
  adjustments.filter((a) => a.to >= from && a.from <= addDays(from, days - 1)).sort((a, b) => a.from.localeCompare(b.from) || a.createdAt.localeCompare(b.createdAt));

const lastDayOf = (adjustments: readonly DemandAdjustment[]): string => adjustments.reduce((last, a) => (a.to > last ? a.to : last), '');

/** Float sums of factors such as 0.1 must not lose a whole day. */
const EPSILON = 1e-9;

/**
 * The day gas that lasts from `asOf` until `date` at the usual burn runs out when each day burns its adjustment's factor
 * times the usual (a day under none, once): the days' burns are added from `asOf` on until they come to the usual days
 * left. The day it runs out during is the one answered (rounded down, earlier being the safe side), so ×3 on the three
 * days after `asOf` brings a run-out 7 days away 4 days forward, ×2 on the last two days before it 1 day (the second
 * is past the gas), and a factor below 1 puts it back.
 */
export function runOutUnder(asOf: string, date: string, adjustments: readonly DemandAdjustment[]): string {
  const lastAdjusted = lastDayOf(adjustments);
  let left = daysBetween(asOf, date);
  let elapsed = 0;
  for (let day = asOf; left > EPSILON && day <= lastAdjusted; day = addDays(day, 1)) {
    const factor = adjustmentOn(day, adjustments)?.factor ?? 1;
    if (factor >= left) return addDays(asOf, Math.floor(elapsed + left / factor + EPSILON));
    left -= factor;
    elapsed++;
  }
  return addDays(asOf, Math.floor(elapsed + left + EPSILON));
}

/** A next refill's days: each the day the gas on site runs out at a quantile of the burn, the safe day at about 1 %. */
export interface RefillDates {
  readonly p10: string;
  readonly p50: string;
  readonly p90: string;
  readonly safeDeliveryDate: string;
}

/**
 * A next refill predicted on `asOf` under the 需求調整 over the days its gas burns through (`runOutUnder` on each day, so the
 * band moves with the median and stays in order), and the adjustments that held on any of those days (`by`, by first
 * day), which say why it moved; the refill as it is, and none, when no adjustment holds on them.
 */
export function refillUnder<T extends RefillDates>(refill: T, asOf: string, adjustments: readonly DemandAdjustment[]): { refill: T; by: DemandAdjustment[] } {
  const lastAdjusted = lastDayOf(adjustments);
  if (lastAdjusted < asOf) return { refill, by: [] };
  const moved = {
    ...refill,
    p10: runOutUnder(asOf, refill.p10, adjustments),
    p50: runOutUnder(asOf, refill.p50, adjustments),
    p90: runOutUnder(asOf, refill.p90, adjustments),
    safeDeliveryDate: runOutUnder(asOf, refill.safeDeliveryDate, adjustments),
  };
  const burntUntil = moved.p90 > refill.p90 ? moved.p90 : refill.p90;
  const by = adjustmentsOver(asOf, addDays(burntUntil, -1), adjustments);
  return by.length === 0 ? { refill, by } : { refill: moved, by };
}

/** The adjustments a day from `from` through `to` is under (`adjustmentOn`), by first day: those the gas burnt under. */
export function adjustmentsOver(from: string, to: string, adjustments: readonly DemandAdjustment[]): DemandAdjustment[] {
  const lastAdjusted = lastDayOf(adjustments);
  const by = new Set<DemandAdjustment>();
  for (let day = from; day <= to && day <= lastAdjusted; day = addDays(day, 1)) {
    const adjustment = adjustmentOn(day, adjustments);
    if (adjustment) by.add(adjustment);
  }
  return [...by].sort((a, b) => a.from.localeCompare(b.from) || a.createdAt.localeCompare(b.createdAt));
}

/**
 * How many days at most the adjustments bring a run-out forward: each adjusted day burns (factor − 1) days' more gas. A
 * list of days due reads the stored predictions this much further on, so a customer the adjustments make due is read.
 */
export const mostDaysForward = (adjustments: readonly DemandAdjustment[]): number =>
  Math.max(0, Math.ceil(adjustments.reduce((days, a) => days + Math.max(0, a.factor - 1) * (daysBetween(a.from, a.to) + 1), 0) - EPSILON));

/** An adjustment as staff see it on a day, a due customer or a note: 寒流 ×3. */
export const adjustmentTag = (a: Pick<DemandAdjustment, 'reason' | 'factor'>): string => `${a.reason} ×${a.factor}`;
