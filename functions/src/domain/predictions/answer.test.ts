import { ANSWER_DAYS, predictionRowOf } from './answer';

describe('a model answer', () => {
  const whole = { p10: 4, p50: 9, p90: 15, safe: 3 };

  it('is taken whole when p10 ≤ p50 ≤ p90 and every day is a finite number in range; other fields are ignored', () => {
    expect(predictionRowOf({ ...whole, confidence: 0.8 })).toEqual({ row: whole });
    expect(predictionRowOf({ p10: -20, p50: -20, p90: 0.5, safe: -30 })).toEqual({ row: { p10: -20, p50: -20, p90: 0.5, safe: -30 } });
    // A remote safe day later than its p10 is kept here: the prediction document caps it.
    expect(predictionRowOf({ ...whole, safe: 20 })).toEqual({ row: { ...whole, safe: 20 } });
  });

  it('is refused with any of the four days missing or misnamed, naming the field', () => {
    expect(predictionRowOf({ value: 12 })).toEqual({ problem: 'p10 is missing', field: 'p10' });
    expect(predictionRowOf({ p10: 4, p50: 9, p90: 15 })).toEqual({ problem: 'safe is missing', field: 'safe' });
    expect(predictionRowOf({ p10: 4, median: 9, p90: 15, safe: 3 })).toMatchObject({ field: 'p50' });
  });

  it('is refused with a day that is no finite number', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, null, '9']) {
      expect(predictionRowOf({ ...whole, p50: bad })).toEqual({ problem: 'p50 is not a finite number', field: 'p50' });
    }
  });

  it('is refused with a day beyond a year back or two years ahead', () => {
    expect(predictionRowOf({ ...whole, p90: ANSWER_DAYS.max + 1 })).toMatchObject({ field: 'p90' });
    expect(predictionRowOf({ ...whole, safe: ANSWER_DAYS.min - 1 })).toMatchObject({ field: 'safe' });
    expect(predictionRowOf({ ...whole, p90: 86_400 * 20 })).toMatchObject({ problem: expect.stringContaining('outside') });
    expect(predictionRowOf({ p10: ANSWER_DAYS.min, p50: 0, p90: ANSWER_DAYS.max, safe: 0 })).toHaveProperty('row');
  });

  it('is refused with its quantiles out of order', () => {
    expect(predictionRowOf({ ...whole, p10: 10 })).toEqual({ problem: 'quantiles out of order: p10 10, p50 9, p90 15' });
    expect(predictionRowOf({ ...whole, p90: 8 })).toHaveProperty('problem');
  });
});
