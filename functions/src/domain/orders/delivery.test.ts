import { aPriceList, anOrder } from '../test-support';
import { deliverOrder, leftDespiteSupplyStop, QUEUED_UPLOAD_MS, withUnknownCollectedSerials } from './delivery';
import type { DeliveryRecord } from './order';

const DRIVER = { uid: 'u-driver1', role: 'driver' } as const;
const at = new Date('2026-12-01T03:00:00Z');
// Ordered: two 20 kg cylinders (the order mother prices them from its price list).
const order = anOrder().with({ items: [{ size: 20, quantity: 2 }] }).inStatus('out_for_delivery').build();
const record = (delivered: DeliveryRecord['delivered'], cashCollected = 0): DeliveryRecord => ({ at: at.toISOString(), delivered, emptiesCollected: [], cashCollected });

describe('deliverOrder', () => {
  it('keeps the order as priced when the delivery is what was ordered', () => {
    const done = deliverOrder(order, record([{ size: 20, quantity: 2 }]), { by: DRIVER, at, priceList: aPriceList() });
    expect(done).toMatchObject({ status: 'delivered', items: order.items, total: order.total, delivery: record([{ size: 20, quantity: 2 }]) });
    expect(done.orderedItems).toBeUndefined();
    expect(done.timeline.at(-1)).toMatchObject({ from: 'out_for_delivery', to: 'delivered', by: DRIVER });
  });

  it('bills one cylinder fewer at the price the order was taken at, keeping the lines as ordered', () => {
    const unit = order.items[0]!.unitPrice;
    // A price rise since the order was taken does not reach it.
    const raised = [...aPriceList(), { size: 20 as const, unitPrice: unit + 100, effectiveFrom: '2026-11-01' }];
    const done = deliverOrder(order, record([{ size: 20, quantity: 1 }]), { by: DRIVER, at, priceList: raised });
    expect(done.items).toEqual([{ size: 20, quantity: 1, unitPrice: unit, subtotal: unit }]);
    expect(done.total).toBe(unit);
    expect(done.orderedItems).toEqual(order.items);
  });

  it('prices a size the order did not have from the price list on the order\u2019s day', () => {
    const done = deliverOrder(order, record([{ size: 20, quantity: 2 }, { size: 4, quantity: 1 }]), { by: DRIVER, at, priceList: aPriceList() });
    const small = done.items.find((i) => i.size === 4);
    expect(small?.unitPrice).toBeGreaterThan(0);
    expect(done.total).toBe(order.total + (small?.unitPrice ?? 0));
  });

  it('refuses a delivered size without a price, leaving nothing half-delivered', () => {
    const no4 = aPriceList().filter((p) => p.size !== 4);
    expect(() => deliverOrder(order, record([{ size: 4, quantity: 1 }]), { by: DRIVER, at, priceList: no4 })).toThrow(expect.objectContaining({ code: 'PRICE.NOT_FOUND' }));
  });
});

describe('deliverOrder of a collection-only order (回收空瓶)', () => {
  const collection = anOrder().with({ items: [], total: 0, emptiesToCollect: [{ size: 16, quantity: 3 }] }).inStatus('out_for_delivery').build();

  it('records the empties taken back with nothing left, billing nothing', () => {
    const taken: DeliveryRecord = { ...record([]), emptiesCollected: [{ size: 16, quantity: 3 }] };
    const done = deliverOrder(collection, taken, { by: DRIVER, at, priceList: aPriceList() });
    expect(done).toMatchObject({ status: 'delivered', items: [], total: 0, delivery: taken });
    expect(done.orderedItems).toBeUndefined();
  });

  it('refuses a stop with nothing left or taken back (that stop failed), and an ordinary order delivered with nothing left', () => {
    const nothing = { by: DRIVER, at, priceList: aPriceList() };
    expect(() => deliverOrder(collection, record([]), nothing)).toThrow(expect.objectContaining({ code: 'ORDER.NOTHING_DELIVERED' }));
    expect(() => deliverOrder(order, { ...record([]), emptiesCollected: [{ size: 20, quantity: 2 }] }, nothing)).toThrow(
      expect.objectContaining({ code: 'ORDER.NOTHING_DELIVERED' }),
    );
  });
});

describe('a delivery to a customer whose supply a service call stopped (停止供氣)', () => {
  const stopped = { id: 'cust-1', supplyStop: { serviceCallId: 'svc-1', since: '2026-11-30', items: ['hose' as const] } };
  const sentAt = (msAfter: number) => ({ by: DRIVER, at, now: new Date(at.getTime() + msAfter) });

  it('is refused in the driver’s words when sent as recorded, while the cylinders can still be taken back', () => {
    expect(() => leftDespiteSupplyStop(stopped, record([{ size: 20, quantity: 1 }]), sentAt(5_000))).toThrow(
      expect.objectContaining({ code: 'ORDER.SUPPLY_STOPPED', details: expect.objectContaining({ audience: 'driver', since: '2026-11-30', items: ['hose'] }) }),
    );
  });

  it('is taken, to alert the office, once it waited in the phone’s queue: the cylinders are already there', () => {
    expect(leftDespiteSupplyStop(stopped, record([{ size: 20, quantity: 1 }]), sentAt(QUEUED_UPLOAD_MS))).toBe(true);
  });

  it('asks nothing of the empties taken back only, nor of a customer still supplied', () => {
    expect(leftDespiteSupplyStop(stopped, record([]), sentAt(0))).toBe(false);
    expect(leftDespiteSupplyStop({ id: 'cust-2' }, record([{ size: 20, quantity: 1 }]), sentAt(0))).toBe(false);
  });

  it('may record only the empties taken back on an order that was to bring cylinders, billing nothing', () => {
    const taken: DeliveryRecord = { ...record([]), emptiesCollected: [{ size: 20, quantity: 2 }] };
    const done = deliverOrder(order, taken, { by: DRIVER, at, priceList: aPriceList(), supplyStopped: true });
    expect(done).toMatchObject({ status: 'delivered', items: [], total: 0, orderedItems: order.items, delivery: taken });
    expect(() => deliverOrder(order, record([]), { by: DRIVER, at, priceList: aPriceList(), supplyStopped: true })).toThrow(expect.objectContaining({ code: 'ORDER.NOTHING_DELIVERED' }));
  });
});

describe('withUnknownCollectedSerials', () => {
  const delivered = deliverOrder(order, record([{ size: 20, quantity: 2 }]), { by: DRIVER, at, priceList: aPriceList() });

  it('keeps the unknown collected serials on the delivery record, the rest of the order as it was', () => {
    const kept = withUnknownCollectedSerials(delivered, ['STRANGER-1', 'STRANGER-2']);
    expect(kept.delivery).toEqual({ ...delivered.delivery, unknownCollectedSerials: ['STRANGER-1', 'STRANGER-2'] });
    expect({ ...kept, delivery: delivered.delivery }).toEqual(delivered);
  });

  it('leaves the order alone when none came back unknown, and an order without a delivery (a failed stop)', () => {
    expect(withUnknownCollectedSerials(delivered, [])).toBe(delivered);
    expect(withUnknownCollectedSerials(order, ['STRANGER-1'])).toBe(order);
  });
});
