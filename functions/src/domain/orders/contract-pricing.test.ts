import type { ContractPrice } from '../pricing';
import { aCustomer, anOrder, aPriceList, OFFICE } from '../test-support';
import { patchOrder, updateOrderInputSchema } from './order';

// aPriceList: NT$850 a 20 kg cylinder, NT$2,050 a 50 kg one.
const discount: ContractPrice = { size: 20, kind: 'discount', amount: 50, effectiveFrom: '2026-01-01' };
const contracted = { ...aCustomer().build(), contractPrices: [discount] };
const at = new Date('2026-11-28T02:00:00Z');
const patchCtx = { customer: contracted, priceList: aPriceList(), closures: [], by: OFFICE, at, today: '2026-11-28' };

describe('an order of a customer with 合約價', () => {
  it('is priced at the contract price when created', () => {
    const order = anOrder().forCustomer(contracted).with({ items: [{ size: 20, quantity: 2 }] }).build();
    expect(order.items).toEqual([{ size: 20, quantity: 2, unitPrice: 800, subtotal: 1600 }]);
    expect(order.total).toBe(1600);
  });

  it('keeps the contract price when its cylinders or day change', () => {
    const order = anOrder().forCustomer(contracted).build();
    const patched = patchOrder(order, updateOrderInputSchema.parse({ items: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }] }), patchCtx);
    expect(patched.items.map((l) => l.unitPrice)).toEqual([800, 2050]);
    expect(patchOrder(order, { requestedDate: '2026-12-02' }, patchCtx).items[0]?.unitPrice).toBe(800);
  });
});
