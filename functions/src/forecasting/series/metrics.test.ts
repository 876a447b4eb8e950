import { pinball, scorePanel, seasonalScales } from './metrics';
import type { SeriesForecast } from './types';

const flat = (mean: number, quantile: number, horizon: number): SeriesForecast => ({
  steps: Array.from({ length: horizon }, () => ({ mean, quantiles: Array.from({ length: 9 }, () => quantile) })),
});

describe('seasonalScales', () => {
  it('averages year-over-year differences over pairs where both values exist', () => {
    const history = [...Array.from({ length: 12 }, () => 0), 2, null, 4];
    expect(seasonalScales(history)).toEqual({ abs: 3, sq: 10 });
  });

  it('is 1 when the history is shorter than a season', () => {
    expect(seasonalScales([1, 2, 3])).toEqual({ abs: 1, sq: 1 });
  });
});

describe('scorePanel', () => {
  const history = [...Array.from({ length: 12 }, () => 0), 2, 2];

  it('scales errors by the seasonal-naive errors of the history', () => {
    const scores = scorePanel([history], [[1, 3]], [flat(1, 1, 2)]);
    expect(scores.mase).toBeCloseTo((0 + 2) / 2 / 2);
    expect(scores.rmsse).toBeCloseTo(Math.sqrt((0 + 4) / 2 / 4));
    // the first point is forecast exactly, so only the second one loses
    expect(scores.wql).toBeCloseTo(sumPinball(3, 1) / (9 * (1 + 3)));
  });

  it('skips series whose hold-out is all missing and missing points', () => {
    const scores = scorePanel([history, history], [[null, null], [null, 2]], [flat(0, 0, 2), flat(2, 2, 2)]);
    expect(scores.seriesScored).toBe(1);
    expect(scores.pointsScored).toBe(1);
    expect(scores.mase).toBe(0);
  });
});

function sumPinball(y: number, forecast: number): number {
  return [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].reduce((total, level) => total + pinball(y, forecast, level), 0);
}
