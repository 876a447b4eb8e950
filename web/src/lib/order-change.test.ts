import type { Order } from './types';
import { changedSince, countsOf, orderPatch, rebaseDraft, usualSizes } from './order-change';

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

  it('leaves the office an order with empties only to take back (回收空瓶), never one with nothing to do', () => {
    const office = { collectionOnly: true };
    expect(orderPatch(order, { ...asItWas, items: { ...asItWas.items, 20: 0 } }, office)).toEqual({ items: [] });
    expect(orderPatch(order, { ...asItWas, items: { ...asItWas.items, 20: 0 }, empties: { ...asItWas.empties, 20: 0 } }, office)).toBeNull();
  });
});

describe('an order someone else changed while the dialog was open', () => {
  const now = { ...order, status: 'confirmed', items: [{ size: 20, quantity: 5, unitPrice: 860, subtotal: 4300 }], version: 3 } as Order;

  it('names what changed of what the dialog shows, and the status', () => {
    expect(changedSince(order, now)).toEqual(['status', 'items']);
    expect(changedSince(order, { ...order, notes: '按電鈴', timeWindow: { start: '08:00', end: '10:00' } })).toEqual(['timeWindow']);
    expect(changedSince(order, { ...order, version: 4 })).toEqual([]);
  });

  it('keeps the caller’s own change over the new version and takes the rest from it', () => {
    const movedDay = { ...asItWas, date: '2026-12-03' };
    expect(rebaseDraft(order, now, movedDay)).toEqual({ ...movedDay, items: countsOf(now.items) });
    const mine = { ...asItWas, items: { ...asItWas.items, 20: 3 } };
    expect(rebaseDraft(order, now, mine)).toEqual(mine);
    expect(orderPatch(now, rebaseDraft(order, now, movedDay))).toEqual({ requestedDate: '2026-12-03' });
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
