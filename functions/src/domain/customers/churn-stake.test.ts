import { CHURN_CALL_OUTCOMES } from './churn-call';
import { churnCallSummary, expectedLoss, stakeReadFrom, stakeWindowStart, valueAtStake, wonBackSince, type StakeOrder, type WinBackOrder } from './churn-stake';

const delivered = (requestedDate: string, items: [size: 4 | 20 | 50, quantity: number, unitPrice: number][], status: StakeOrder['status'] = 'delivered'): StakeOrder => ({
  status,
  requestedDate,
  items: items.map(([size, quantity, unitPrice]) => ({ size, quantity, unitPrice, subtotal: quantity * unitPrice })),
  total: items.reduce((sum, [, quantity, unitPrice]) => sum + quantity * unitPrice, 0),
});

describe('value at stake: what a customer at churn risk used to buy a month', () => {
  it('averages the delivered cylinders by size and NT$ over the six months ending with the last delivery, not up to today', () => {
    const orders = [
      delivered('2025-12-20', [[20, 9, 800]]), // seven months before the last: outside the window
      delivered('2026-03-05', [[20, 2, 800]]),
      delivered('2026-05-10', [[20, 2, 800], [50, 1, 2000]]),
      delivered('2026-08-02', [[20, 2, 800]]),
      delivered('2026-08-20', [[20, 3, 800]], 'failed'),
      delivered('2026-08-25', [[20, 3, 800]], 'cancelled'),
    ];
    // March to August: six months, however long ago August was.
    expect(valueAtStake(orders)).toEqual({ months: 6, bySize: [{ size: 20, perMonth: 1 }, { size: 50, perMonth: 0.2 }], perMonth: Math.round((3 * 1600 + 2000) / 6) });
  });

  it('averages a newer customer over the months since their first delivery, and values one never delivered at nothing', () => {
    expect(valueAtStake([delivered('2026-07-15', [[20, 2, 800]]), delivered('2026-08-15', [[20, 4, 800]])])).toEqual({ months: 2, bySize: [{ size: 20, perMonth: 3 }], perMonth: 2400 });
    expect(valueAtStake([delivered('2026-08-15', [[20, 4, 800]], 'failed')])).toBeNull();
  });

  it('begins the six months on the first of the fifth month before the last delivery, across a new year', () => {
    expect(stakeWindowStart('2026-08-20')).toBe('2026-03-01');
    expect(stakeWindowStart('2026-03-05')).toBe('2025-10-01');
    expect(stakeWindowStart('2026-06-30')).toBe('2026-01-01');
  });

  it('asks for the orders before a read when the six months of a customer gone long ago begin before it, and only then', () => {
    const lapsed = [delivered('2025-12-10', [[20, 2, 800]]), delivered('2026-03-05', [[20, 2, 800]]), delivered('2026-06-01', [[20, 2, 800]], 'failed')];
    // A year read from 2025-12-01 has December to March, not October and November.
    expect(stakeReadFrom(lapsed, '2025-12-01')).toBe('2025-10-01');
    expect(stakeReadFrom(lapsed, '2025-10-01')).toBeNull();
    expect(stakeReadFrom([delivered('2026-06-01', [[20, 2, 800]], 'failed')], '2026-01-01')).toBeNull();
  });

  it('orders a restaurant buying NT$6,000 a month at 80 % before a household buying NT$900 at 99 %', () => {
    expect(expectedLoss(0.8, { perMonth: 6000 })).toBeGreaterThan(expectedLoss(0.99, { perMonth: 900 }));
    expect(expectedLoss(0.99, null)).toBe(0);
  });
});

const order = (createdAt: string, source: WinBackOrder['source'] = 'office', status: WinBackOrder['status'] = 'pending'): WinBackOrder => ({ createdAt, source, status });

describe('won back: the customer ordered since the call', () => {
  const at = '2026-11-10T02:00:00.000Z';
  it('counts an order placed at or after the call, not one before it, the nightly suggestion or a cancelled order', () => {
    expect(wonBackSince(at, [order('2026-11-12T01:00:00.000Z')])).toBe(true);
    expect(wonBackSince(at, [order(at, 'portal', 'delivered')])).toBe(true);
    expect(wonBackSince(at, [order('2026-11-09T01:00:00.000Z')])).toBe(false);
    expect(wonBackSince(at, [order('2026-11-12T01:00:00.000Z', 'forecast')])).toBe(false);
    expect(wonBackSince(at, [order('2026-11-12T01:00:00.000Z', 'office', 'cancelled')])).toBe(false);
  });

  it("sums a month's calls by customer: called, reached, won back since the first call, by the latest outcome", () => {
    const calls = [
      { customerId: 'a', outcome: 'no_answer' as const, at: '2026-11-02T01:00:00.000Z' },
      { customerId: 'a', outcome: 'will_order' as const, at: '2026-11-05T01:00:00.000Z' },
      { customerId: 'b', outcome: 'no_answer' as const, at: '2026-11-03T01:00:00.000Z' },
      { customerId: 'c', outcome: 'price' as const, at: '2026-11-04T01:00:00.000Z' },
      { customerId: 'd', outcome: 'moved' as const, at: '2026-11-04T01:00:00.000Z' },
    ];
    // a ordered between their two calls: since the first, so won back.
    const orders = new Map([
      ['a', [order('2026-11-03T01:00:00.000Z')]],
      ['b', [order('2026-11-06T01:00:00.000Z', 'forecast')]],
      ['c', [order('2026-11-20T01:00:00.000Z', 'portal')]],
    ]);
    const summary = churnCallSummary(calls, orders, CHURN_CALL_OUTCOMES);
    expect([summary.called, summary.reached, summary.wonBack]).toEqual([4, 3, 2]);
    expect(summary.byOutcome.filter((o) => o.called > 0)).toEqual([
      { outcome: 'no_answer', called: 1, wonBack: 0 },
      { outcome: 'price', called: 1, wonBack: 1 },
      { outcome: 'moved', called: 1, wonBack: 0 },
      { outcome: 'will_order', called: 1, wonBack: 1 },
    ]);
  });
});
