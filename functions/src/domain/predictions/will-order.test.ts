import { WILL_ORDER_HOLD_DAYS, willOrderHolds } from './will-order';

const at = '2026-03-01T02:00:00.000Z';
const later = (days: number) => new Date(Date.parse(at) + days * 86_400_000);

describe('willOrderHolds', () => {
  it('holds a "will order" for the customer’s usual interval from the call, then no more', () => {
    const call = { outcome: 'will_order', at } as const;
    expect(willOrderHolds(call, 14, later(13.9))).toBe(true);
    expect(willOrderHolds(call, 14, later(14))).toBe(false);
  });

  it('holds it at least a week for a customer who orders often, at most a month for one who orders seldom', () => {
    const call = { outcome: 'will_order', at } as const;
    expect(WILL_ORDER_HOLD_DAYS).toEqual({ min: 7, max: 30 });
    expect([willOrderHolds(call, 3, later(6.9)), willOrderHolds(call, 3, later(7))]).toEqual([true, false]);
    expect([willOrderHolds(call, 60, later(29.9)), willOrderHolds(call, 60, later(30))]).toEqual([true, false]);
  });

  it('is only about a call that said they will order', () => {
    for (const outcome of ['reached', 'no_answer', 'competitor', 'closed_business', 'other'] as const) expect(willOrderHolds({ outcome, at }, 14, later(1))).toBe(false);
  });
});
