import { quantile } from '../stats';
import { crostonLevel, monotone, poissonQuantiles, sesLevel, tsbLevel } from './baselines';

describe('baselines', () => {
  it('SES starts at the first value and moves alpha of the way to each new one', () => {
    expect(sesLevel([10, 0], 0.1)).toBeCloseTo(9);
    expect(sesLevel([], 0.1)).toBe(0);
  });

  it('Croston divides the smoothed size by the smoothed interval', () => {
    expect(crostonLevel([0, 4, 0, 4], 0.1)).toBeCloseTo(4 / 2);
    expect(crostonLevel([0, 0], 0.1)).toBe(0);
  });

  it('TSB decays the demand probability through trailing zeros', () => {
    expect(tsbLevel([2, 2, 0, 0, 0], 0.5, 0.1)).toBeLessThan(tsbLevel([0, 0, 0, 2, 2], 0.5, 0.1));
    expect(tsbLevel([0, 0], 0.1, 0.1)).toBe(0);
  });

  it('interpolates empirical quantiles between order statistics', () => {
    expect(quantile([10, 0], 0.25)).toBeCloseTo(2.5);
    expect(quantile([], 0.5)).toBe(0);
  });

  it('gives Poisson quantiles that are monotone and zero for zero mean', () => {
    const q = poissonQuantiles(3);
    expect(monotone(q)).toEqual(q);
    expect(q[4]).toBe(3);
    expect(poissonQuantiles(0)).toEqual(Array.from({ length: 9 }, () => 0));
  });

  it('repairs non-finite or decreasing values into a finite non-decreasing sequence', () => {
    expect(monotone([1, Number.NaN, 0.5, Infinity, 3])).toEqual([1, 1, 1, 1, 3]);
  });
});
