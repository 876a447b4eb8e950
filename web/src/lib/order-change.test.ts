import type { Order } from './types';
import { countsOf, orderPatch, usualSizes } from './order-change';

const order = {
  id: 'ord-1',
  requestedDate: '2026-12-01',
  timeWindow: { start: '13:00', end: '17:00' },
  items: [{ size: 20, quantity: 2, unitPrice: 860, subtotal: 1720 }],
  emptiesToCollect: [{ size: 20, quantity: 1 }],
} as Order;
const asItWas = { date: '2026-12-01', start: '13:00', end: '17:00', items: countsOf(order.items), empties: countsOf(order.emptiesToCollect) };

describe('the change of an order a dialog sends', () => {
  it('is nothing while nothing changed', () => {
    expect(orderPatch(order, asItWas)).toBeNull();
    expect(orderPatch(order, { date: '2026-12-01', start: '13:00', end: '17:00' })).toBeNull();
  });

  it('carries only what changed: 2 → 3 cylinders of 20 kg is the lines alone, without prices', () => {
    expect(orderPatch(order, { ...asItWas, items: { ...asItWas.items, 20: 3 } })).toEqual({ items: [{ size: 20, quantity: 3 }] });
    expect(orderPatch(order, { ...asItWas, empties: { ...asItWas.empties, 20: 0 } })).toEqual({ emptiesToCollect: [] });
    expect(orderPatch(order, { ...asItWas, items: { ...asItWas.items, 4: 1 }, date: '2026-12-02' })).toEqual({
      requestedDate: '2026-12-02',
      items: [{ size: 4, quantity: 1 }, { size: 20, quantity: 2 }],
    });
  });

  it('drops the window when both hours are cleared, and waits while only one is chosen', () => {
    expect(orderPatch(order, { ...asItWas, start: '', end: '' })).toEqual({ timeWindow: null });
    expect(orderPatch(order, { ...asItWas, start: '', end: '17:00' })).toBeNull();
    expect(orderPatch({ ...order, timeWindow: undefined } as Order, { ...asItWas, start: '08:00', end: '10:00' })).toEqual({ timeWindow: { start: '08:00', end: '10:00' } });
  });

  it('cannot leave an order with nothing to bring', () => {
    expect(orderPatch(order, { ...asItWas, items: { ...asItWas.items, 20: 0 } })).toBeNull();
  });
});

describe('the sizes a customer takes', () => {
  it('are those on site or ever ordered, smallest first, none counted twice', () => {
    expect(usualSizes([{ size: 20, count: 1 }, { size: 50, count: 0 }], [{ items: [{ size: 20, quantity: 2, unitPrice: 860, subtotal: 1720 }] }, { items: [{ size: 4, quantity: 1, unitPrice: 300, subtotal: 300 }] }])).toEqual([4, 20]);
  });

  it('are none for a customer with no cylinders and no orders yet', () => {
    expect(usualSizes([], [])).toEqual([]);
  });
});
