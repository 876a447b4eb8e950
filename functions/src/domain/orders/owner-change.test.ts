import { aCustomer } from '../test-support/customer-mother';
import { anOrder } from '../test-support/order-mother';
import { orderForNewOwner } from './owner-change';

const seller = aCustomer().withId('cust-moon').with({ name: '新月小吃店', phones: ['02-2999-1111'], paymentTerms: 'monthly' }).build();
const buyer = aCustomer().withId('cust-new').with({ name: '滿月麵食館', phones: ['0933-222-111'], type: 'household', paymentTerms: 'cash' }).build();
const list = [{ size: 20 as const, unitPrice: 900, effectiveFrom: '2026-01-01' }];
const at = new Date('2026-12-15T02:00:00Z');

describe('orderForNewOwner (過戶)', () => {
  const order = { ...anOrder().withId('ord-1').forCustomer(seller).build(), items: [{ size: 20 as const, quantity: 2, unitPrice: 700, subtotal: 1400 }], total: 1400, paymentMethod: 'monthly' as const, requestedDate: '2026-12-20' };

  it('names the buyer, their phone, type and terms, and prices each line as the buyer pays (the list, the seller’s 合約價 staying behind)', () => {
    expect(orderForNewOwner(order, buyer, list, at)).toMatchObject({
      customerId: 'cust-new',
      customerName: '滿月麵食館',
      phone: '0933-222-111',
      customerType: 'household',
      paymentMethod: 'cash',
      items: [{ size: 20, quantity: 2, unitPrice: 900, subtotal: 1800 }],
      total: 1800,
      address: order.address,
      updatedAt: at.toISOString(),
    });
  });

  it('prices from the buyer’s own 合約價 once they have one', () => {
    const agreed = { ...buyer, contractPrices: [{ size: 20 as const, kind: 'fixed' as const, amount: 850, effectiveFrom: '2026-12-01' }] };
    expect(orderForNewOwner(order, agreed, list, at).total).toBe(1700);
  });
});
