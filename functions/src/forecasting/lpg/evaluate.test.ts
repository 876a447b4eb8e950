import { aCustomer } from '../test-support/customer-builder';
import { fixedIntervalPredictor, crostonPredictor, lastOrderQuantity, recentMeanQuantity } from './baselines';
import { holdoutCases } from './backtest';
import { dayNumber } from './calendar';
import { scoreDueWithin, scoreNextOrder, scoreQuantity, type HoldoutCase } from './evaluate';
import { fit } from './model';

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

describe('scoreQuantity and the quantity baselines', () => {
  const varying = aCustomer('V')
    .withCylindersOnSite({ 20: 4 })
    .deliveredOn('2025-01-01', { 20: 2 })
    .deliveredOn('2025-01-11', { 20: 3 })
    .deliveredOn('2025-01-21', { 20: 2 })
    .build();
  const holdout: HoldoutCase = { customer: varying, asOf: '2025-01-15', nextOrderDate: '2025-01-21', nextCylinders: { 20: 2 } };

  it('scores the expectation, the whole-cylinder suggestion and the range against the delivery', () => {
    const metrics = scoreQuantity(
      () => ({ expected: { 20: 2.5 }, suggested: { 20: 3 }, range: { 20: { p10: 2, p50: 3, p90: 3 } } }),
      [holdout, { ...holdout, nextCylinders: { 20: 1, 16: 1 } }],
    );
    expect(metrics.cases).toBe(2);
    expect(metrics.maeCylinders).toBeCloseTo((0.5 + (1.5 + 1)) / 2);
    expect(metrics.suggestedMaeCylinders).toBeCloseTo((1 + (2 + 1)) / 2);
    expect(metrics.suggestedExact).toBe(0);
    // 20 kg: 2 in [2, 3] yes, 1 no; 16 kg delivered without a range: no
    expect(metrics.coverageP10P90).toBeCloseTo(1 / 3);
  });

  it('skips cases without a known delivery and leaves coverage empty for point-only answers', () => {
    const metrics = scoreQuantity(lastOrderQuantity, [holdout, { ...holdout, nextCylinders: undefined }]);
    expect(metrics.cases).toBe(1);
    expect(metrics.coverageP10P90).toBeNull();
  });

  it('repeats the last order, or weights the recent ones', () => {
    expect(lastOrderQuantity(varying, '2025-01-15')).toEqual({ expected: { 20: 3 }, suggested: { 20: 3 } });
    const recent = recentMeanQuantity(varying, '2025-01-15');
    expect(recent.expected[20]).toBeCloseTo((2 * 0.7 + 3) / 1.7);
    expect(recent.suggested).toEqual({ 20: 3 });
  });

  it('carry what the next delivery brought into the hold-out case', () => {
    expect(holdoutCases([varying], '2025-01-15')[0]?.nextCylinders).toEqual({ 20: 2 });
  });
});

describe('scoreDueWithin', () => {
  const regular = aCustomer('R').ordering({ 20: 1 }, '2025-01-01', 10, 12).build();
  const params = fit([regular], { asOf: '2025-04-01' });
  const cases = holdoutCases([regular], '2025-03-25');

  it('scores "orders within N days" against what happened, in both readings', () => {
    const [within3, within10] = scoreDueWithin(params, cases, [3, 10]);
    expect(within3?.cases).toBe(1);
    expect(within10?.observed).toBe(1);
    expect(within10?.served.meanPredicted).toBeGreaterThan(within3?.served.meanPredicted ?? 1);
    for (const m of [within3, within10]) {
      expect(m?.served.brier).toBeCloseTo(((m?.served.meanPredicted ?? 0) - (m?.observed ?? 0)) ** 2, 9);
      expect(m?.points.brier).toBeCloseTo(((m?.points.meanPredicted ?? 0) - (m?.observed ?? 0)) ** 2, 9);
    }
  });
});
