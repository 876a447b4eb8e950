import { addDays } from '../calendar';
import { aCustomer } from '../test-support/customer-mother';
import { ordersPassingToBuyer, recurringRuleAfterTransfer, transferCustomer, transferCustomerInputSchema } from './transfer';

const today = '2026-12-15';
const now = new Date('2026-12-15T02:00:00Z');
const seller = aCustomer()
  .withId('cust-moon')
  .withCode('C00010')
  .with({ cylindersOnSite: [{ size: 20, count: 3, depositPaid: 3600 }, { size: 50, count: 0, depositPaid: 2500 }], autoDelivery: true })
  .build();
const input = (over: Record<string, unknown> = {}) =>
  transferCustomerInputSchema.parse({ handoverOn: today, name: '滿月麵食館', phones: ['0933-222-111'], deposit: 'move', ...over });
const ctx = { buyerId: 'cust-new', buyerCode: 'C00128', today, now };

describe('transferCustomer (過戶)', () => {
  it('moves the cylinders and every deposit held to the buyer, one record pair per size, and leaves the seller inactive with nothing on site', () => {
    const t = transferCustomer(seller, input(), ctx);
    expect(t.buyer.cylindersOnSite).toEqual([{ size: 20, count: 3, depositPaid: 3600 }]);
    expect(t.seller).toMatchObject({ status: 'inactive', cylindersOnSite: [], transferredTo: { customerId: 'cust-new', customerCode: 'C00128', on: today }, version: (seller.version ?? 0) + 1 });
    expect(t.depositsMoved).toEqual([
      { size: 20, count: 3, amount: 3600 },
      { size: 50, count: 1, amount: 2500 },
    ]);
  });

  it('with the deposit refunded, leaves it on the seller without cylinders and gives the buyer the cylinders with none held', () => {
    const t = transferCustomer(seller, input({ deposit: 'refund' }), ctx);
    expect(t.buyer.cylindersOnSite).toEqual([{ size: 20, count: 3, depositPaid: 0 }]);
    expect(t.seller.cylindersOnSite).toEqual([
      { size: 20, count: 0, depositPaid: 3600 },
      { size: 50, count: 0, depositPaid: 2500 },
    ]);
    expect(t.depositsMoved).toEqual([]);
  });

  it('does not pass on 自動配送, agreed with the seller, unless the new owner keeps the seller’s arrangements (moveRecurring)', () => {
    expect(transferCustomer(seller, input(), ctx).buyer.autoDelivery).toBe(false);
    expect(transferCustomer(seller, input({ moveRecurring: true }), ctx).buyer.autoDelivery).toBe(true);
    expect(transferCustomer({ ...seller, autoDelivery: false }, input({ moveRecurring: true }), ctx).buyer.autoDelivery).toBe(false);
  });

  it('ends a 定期配送 rule of the seller, or makes the same rule the buyer’s when it moves', () => {
    const rule = { id: 'rr-1', customerId: 'cust-moon', active: true, notes: '每週一' };
    expect(recurringRuleAfterTransfer(rule, 'cust-new', false)).toEqual({ ...rule, active: false });
    expect(recurringRuleAfterTransfer(rule, 'cust-new', true)).toEqual({ ...rule, customerId: 'cust-new' });
  });

  it('takes a handover day from a week ago to today, and refuses one after today or earlier than that', () => {
    expect(() => transferCustomer(seller, input({ handoverOn: addDays(today, -7) }), ctx)).not.toThrow();
    expect(() => transferCustomer(seller, input({ handoverOn: addDays(today, 1) }), ctx)).toThrow(expect.objectContaining({ code: 'CUSTOMER.TRANSFER_FUTURE' }));
    expect(() => transferCustomer(seller, input({ handoverOn: addDays(today, -8) }), ctx)).toThrow(expect.objectContaining({ code: 'CUSTOMER.TRANSFER_TOO_EARLY', details: expect.objectContaining({ earliest: '2026/12/08' }) }));
  });

  it('refuses an inactive seller', () => {
    expect(() => transferCustomer({ ...seller, status: 'inactive' }, input(), ctx)).toThrow(expect.objectContaining({ code: 'CUSTOMER.ALREADY_INACTIVE' }));
  });
});

describe('ordersPassingToBuyer', () => {
  const open = (id: string, status: 'pending' | 'confirmed' | 'scheduled', requestedDate: string) => ({ id, status, requestedDate });
  it('passes the orders in planning from the handover day on', () => {
    const orders = [open('a', 'pending', today), open('b', 'confirmed', '2026-12-20')];
    expect(ordersPassingToBuyer('cust-moon', today, orders, [])).toEqual(orders);
  });
  it('refuses an order on a truck first, then one open before the handover day, then a delivery on or after it', () => {
    const before = open('early', 'confirmed', '2026-12-14');
    expect(() => ordersPassingToBuyer('cust-moon', today, [open('t', 'scheduled', '2026-12-16'), before], [])).toThrow(expect.objectContaining({ code: 'CUSTOMER.TRANSFER_ORDERS_ON_A_TRUCK' }));
    expect(() => ordersPassingToBuyer('cust-moon', today, [before], [])).toThrow(expect.objectContaining({ code: 'CUSTOMER.TRANSFER_OPEN_BEFORE', details: expect.objectContaining({ handoverOn: '2026/12/15' }) }));
    expect(() => ordersPassingToBuyer('cust-moon', today, [], [{ id: 'd', status: 'delivered', requestedDate: today }])).toThrow(expect.objectContaining({ code: 'CUSTOMER.TRANSFER_DELIVERED_AFTER' }));
  });
});
