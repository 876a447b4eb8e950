import { OPEN_STATUSES, type OrderStatus } from '../orders/status';
import { refusal } from '../test-support/refusal';
import { CANCELLED_WITH_CUSTOMER, leftOpenBalance, MAX_ORDERS_CANCELLED, ON_A_TRUCK, ORDERS_NAMED, ordersCancelledByDeactivation, type OpenOrderRef } from './deactivation';

const open = (id: string, requestedDate: string, status: OrderStatus): OpenOrderRef => ({ id, requestedDate, status });

describe('ordersCancelledByDeactivation', () => {
  it('deactivates a customer without open orders, cancelling nothing', () => {
    expect(ordersCancelledByDeactivation('cust-1', [], false)).toEqual([]);
    expect(ordersCancelledByDeactivation('cust-1', [], true)).toEqual([]);
  });

  it('refuses while pending or confirmed orders are open, naming them by day; cancels them all when asked', () => {
    const orders = [open('sug-1', '2026-12-05', 'pending'), open('rec-1', '2026-12-02', 'confirmed'), open('ord-1', '2026-12-02', 'pending')];
    const refused = refusal(() => ordersCancelledByDeactivation('cust-1', orders, false));
    expect([refused.code, refused.kind, refused.details]).toEqual([
      'CUSTOMER.HAS_OPEN_ORDERS',
      'conflict',
      {
        id: 'cust-1',
        count: 3,
        orders: [open('ord-1', '2026-12-02', 'pending'), open('rec-1', '2026-12-02', 'confirmed'), open('sug-1', '2026-12-05', 'pending')],
      },
    ]);
    expect(ordersCancelledByDeactivation('cust-1', orders, true)).toEqual(orders);
  });

  it('refuses while an order is on a truck (scheduled on a published route, or out for delivery), even when asked to cancel, naming only those', () => {
    for (const status of ON_A_TRUCK) {
      const orders = [open('ord-p', '2026-12-01', 'pending'), open('ord-t', '2026-12-03', status)];
      for (const cancelOpenOrders of [false, true]) {
        const refused = refusal(() => ordersCancelledByDeactivation('cust-1', orders, cancelOpenOrders));
        expect([refused.code, refused.details]).toEqual(['CUSTOMER.ORDERS_ON_A_TRUCK', { id: 'cust-1', count: 1, orders: [open('ord-t', '2026-12-03', status)] }]);
      }
    }
  });

  it('covers every open status: cancelled with the customer, or on a truck', () => {
    expect([...CANCELLED_WITH_CUSTOMER, ...ON_A_TRUCK].sort()).toEqual([...OPEN_STATUSES].sort());
  });

  it('names the first few orders by day and counts them all', () => {
    const orders = Array.from({ length: 8 }, (_, i) => open(`ord-${i}`, `2026-12-${String(20 - i).padStart(2, '0')}`, 'confirmed'));
    const refused = refusal(() => ordersCancelledByDeactivation('cust-1', orders, false));
    expect(refused.details?.['count']).toBe(8);
    expect((refused.details?.['orders'] as OpenOrderRef[]).map((o) => o.id)).toEqual(['ord-7', 'ord-6', 'ord-5', 'ord-4', 'ord-3'].slice(0, ORDERS_NAMED));
  });

  it('refuses more orders than one transaction cancels, rather than cancelling some', () => {
    const orders = Array.from({ length: MAX_ORDERS_CANCELLED + 1 }, (_, i) => open(`ord-${i}`, '2026-12-01', 'pending'));
    const refused = refusal(() => ordersCancelledByDeactivation('cust-1', orders, true));
    expect([refused.code, refused.details]).toEqual(['CUSTOMER.TOO_MANY_TO_CANCEL', { id: 'cust-1', max: MAX_ORDERS_CANCELLED }]);
  });
});

describe('leftOpenBalance', () => {
  const deactivatedAt = '2026-11-26T02:00:00.000Z';
  it('believes a receivables line worked out after the deactivation, and none from before it or missing', () => {
    expect(leftOpenBalance({ deactivatedAt }, { balance: 777, computedAt: '2026-11-27T19:30:00.000Z' })).toBe(777);
    expect(leftOpenBalance({ deactivatedAt }, { balance: 999, computedAt: '2026-11-25T19:30:00.000Z' })).toBeNull();
    expect(leftOpenBalance({ deactivatedAt }, undefined)).toBeNull();
  });
  it('gives a branch nothing owed: its head office’s account carries its deliveries', () => {
    expect(leftOpenBalance({ deactivatedAt, payerId: 'cust-hq' }, undefined)).toBe(0);
  });
});
