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
