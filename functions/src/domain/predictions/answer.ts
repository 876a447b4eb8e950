import type { PredictionRow } from './port';

/** The fields every answer must have (`PredictionRow`). */
export const PREDICTION_FIELDS = ['p10', 'p50', 'p90', 'safe'] as const;

/**
 * The days from the as-of date a believable answer lies within. The next order comes after the last
 * delivery, and the models read one year of history, so an answer more than a year back is no next
 * order; two years ahead is longer than any customer's gas lasts. Beyond these a number is in another
 * unit or garbage (seconds, an epoch day), not a forecast.
 */
export const ANSWER_DAYS = { min: -365, max: 730 } as const;

export type CheckedRow = { readonly row: PredictionRow } | { readonly problem: string; readonly field?: string };

/**
 * An answer row from a model's raw fields, or what is wrong with it: each of p10, p50, p90 and safe
 * present, a finite number of days within ANSWER_DAYS, and p10 ≤ p50 ≤ p90. Other fields are ignored.
 */
export function predictionRowOf(fields: Readonly<Record<string, unknown>>): CheckedRow {
  const days: Partial<Record<(typeof PREDICTION_FIELDS)[number], number>> = {};
  for (const field of PREDICTION_FIELDS) {
    const value = fields[field];
    if (value === undefined) return { problem: `${field} is missing`, field };
    if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: `${field} is not a finite number`, field };
    if (value < ANSWER_DAYS.min || value > ANSWER_DAYS.max) return { problem: `${field} (${value}) is outside ${ANSWER_DAYS.min}..${ANSWER_DAYS.max} days`, field };
    days[field] = value;
  }
  // The loop filled every field or returned.
  const { p10, p50, p90, safe } = days as Record<(typeof PREDICTION_FIELDS)[number], number>;
  if (p10 > p50 || p50 > p90) return { problem: `quantiles out of order: p10 ${p10}, p50 ${p50}, p90 ${p90}` };
  return { row: { p10, p50, p90, safe } };
}
