import { aCustomer } from '../test-support/customer-builder';
import { fixedIntervalPredictor, crostonPredictor } from './baselines';
import { holdoutCases } from './backtest';
import { dayNumber } from './calendar';
import { scoreNextOrder, type HoldoutCase } from './evaluate';

const customer = aCustomer('A').ordering({ 20: 1 }, '2025-01-01', 10, 6).build();

describe('scoreNextOrder', () => {
  const cases: HoldoutCase[] = [
    { customer, asOf: '2025-02-01', nextOrderDate: '2025-02-10', runOutDate: '2025-02-02' },
    { customer, asOf: '2025-02-01', nextOrderDate: '2025-02-20' },
  ];

  it('measures absolute error, interval coverage and run-outs before p10', () => {
    const metrics = scoreNextOrder(() => ({ p10: dayNumber('2025-02-05'), p50: dayNumber('2025-02-12'), p90: dayNumber('2025-02-15') }), cases);
    expect(metrics.maeDays).toBeCloseTo((2 + 8) / 2);
    expect(metrics.biasDays).toBeCloseTo((2 - 8) / 2);
    expect(metrics.coverageP10P90).toBeCloseTo(0.5);
    expect(metrics.ranOutBeforeP10).toBeCloseTo(0.5);
  });

  it('leaves interval metrics empty for point-only predictors', () => {
    expect(scoreNextOrder(() => ({ p50: dayNumber('2025-02-10') }), cases).coverageP10P90).toBeNull();
  });
});

describe('next-order baselines and hold-out cases', () => {
  it('repeat a regular interval', () => {
    expect(fixedIntervalPredictor(customer, '2025-02-21').p50).toBe(dayNumber('2025-02-20') + 10);
    expect(crostonPredictor(customer, '2025-02-21').p50).toBe(dayNumber('2025-02-20') + 10);
  });

  it('ask about the first delivery after the origin', () => {
    const [holdout] = holdoutCases([customer], '2025-01-15');
    expect(holdout?.nextOrderDate).toBe('2025-01-21');
    expect(holdoutCases([customer], '2025-03-01')).toEqual([]);
  });
});
