import fc from 'fast-check';
import { intermittentForecaster } from './intermittent';
import type { Observations, SeriesForecast } from './types';

const forecast = intermittentForecaster();

/** Everything wrong with a forecast's shape, so one assertion covers a whole property run. */
function shapeProblems(result: SeriesForecast, horizon: number): string[] {
  const problems: string[] = [];
  if (result.steps.length !== horizon) problems.push(`${result.steps.length} steps`);
  result.steps.forEach((step, h) => {
    if (!Number.isFinite(step.mean)) problems.push(`h${h + 1} mean ${step.mean}`);
    if (step.quantiles.length !== 9) problems.push(`h${h + 1} has ${step.quantiles.length} quantiles`);
    step.quantiles.forEach((value, k) => {
      if (!Number.isFinite(value)) problems.push(`h${h + 1} q${k} = ${value}`);
      if (k > 0 && value < (step.quantiles[k - 1] ?? -Infinity)) problems.push(`h${h + 1} q${k} decreases`);
    });
  });
  return problems;
}

function expectFiniteMonotone(result: SeriesForecast, horizon: number): void {
  expect(shapeProblems(result, horizon)).toEqual([]);
}

describe('intermittentForecaster', () => {
  it('gives finite, monotone quantiles for any panel of rows, including empty and missing ones', () => {
    const cell = fc.oneof(fc.constant(null), fc.nat({ max: 50 }), fc.double({ min: 0, max: 1e4, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 40 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 13 }), (rows, horizon) => {
        const results = forecast(rows, horizon);
        return results.length === rows.length && results.every((result) => shapeProblems(result, horizon).length === 0);
      }),
      { numRuns: 200 },
    );
  });

  it.each<[string, Observations]>([
    ['all missing', [null, null, null]],
    ['all zero', [0, 0, 0, 0]],
    ['a single value', [7]],
    ['no values at all', []],
  ])('handles a series that is %s on its own', (_, row) => {
    expectFiniteMonotone(forecast([row], 3)[0] as SeriesForecast, 3);
  });

  it('forecasts a constant series with certainty', () => {
    const [result] = forecast([Array.from({ length: 24 }, () => 5), Array.from({ length: 24 }, () => 5)], 2);
    expect(result?.steps[0]?.mean).toBeCloseTo(5);
    for (const value of result?.steps[0]?.quantiles ?? []) expect(value).toBeCloseTo(5, 9);
    expect(result?.steps[0]?.quantiles).toHaveLength(9);
  });

  it('forecasts zero demand for a series that has been silent a long time in a sparse panel', () => {
    const silent = [3, 2, 4, ...Array.from({ length: 36 }, () => 0)];
    const sparse = Array.from({ length: 39 }, (_, t) => (t % 6 === 0 ? 1 : 0));
    const [result] = forecast([silent, sparse, sparse], 1);
    expect(result?.steps[0]?.quantiles[4]).toBe(0);
    expect(result?.steps[0]?.mean).toBeLessThan(0.3);
  });

  it('gives a rising series a higher forecast than a falling one with the same total', () => {
    const rising = Array.from({ length: 36 }, (_, t) => (t >= 24 ? 2 : 0));
    const falling = [...rising].reverse();
    const [up, down] = forecast([rising, falling], 1);
    expect(up?.steps[0]?.mean).toBeGreaterThan(3 * (down?.steps[0]?.mean ?? 0));
  });
});
