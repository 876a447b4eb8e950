import type { PaymentMethod } from '../orders';
import { aCustomer, anOrder } from '../test-support';
import { assertBuyerChangeInvoiced, buyerChangeLookbackFrom, changesInvoiceBuyer, monthInvoiceIdsOf } from './buyer-change';
import type { InvoicedOrder } from './invoice';

const restaurant = aCustomer().withId('cust-m').with({ paymentTerms: 'monthly', invoice: { taxId: '40139466', companyTitle: '新月小吃店' } }).build();

const delivered = (id: string, at: string, paymentMethod: PaymentMethod = 'monthly'): InvoicedOrder => {
  const order = anOrder().withId(id).forCustomer(restaurant).with({ items: [{ size: 20, quantity: 2 }], paymentMethod }).inStatus('delivered').build();
  return { ...order, delivery: { at, delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected: 0 } };
};

const refusal = (orders: readonly InvoicedOrder[], issued: readonly string[] = []): unknown => {
  try {
    assertBuyerChangeInvoiced('cust-m', orders, new Set(issued));
    return null;
  } catch (e) {
    return e;
  }
};

describe('a new buyer on a monthly customer’s invoices (過戶, a corrected 統一編號)', () => {
  it('is another 統一編號 or 抬頭, not another carrier or the same buyer written again', () => {
    expect(changesInvoiceBuyer(restaurant, { invoice: { taxId: '24536806', companyTitle: '新月小吃店' } })).toBe(true);
    expect(changesInvoiceBuyer(restaurant, { invoice: { taxId: '40139466', companyTitle: '新月餐飲有限公司' } })).toBe(true);
    expect(changesInvoiceBuyer(restaurant, { invoice: {} })).toBe(true);
    expect(changesInvoiceBuyer(restaurant, { invoice: { ...restaurant.invoice, carrier: '/ABC1234' } })).toBe(false);
    expect(changesInvoiceBuyer({ invoice: {} }, { invoice: { carrier: '/ABC1234' } })).toBe(false);
  });

  it('looks back to the first day of last month, across a new year', () => {
    expect(buyerChangeLookbackFrom('2026-12-15')).toBe('2026-11-01');
    expect(buyerChangeLookbackFrom('2027-01-01')).toBe('2026-12-01');
  });

  it('is refused while deliveries on account wait for a month’s invoice, naming how many and their first and last day (Taipei)', () => {
    const seller = [delivered('ord-1', '2026-12-01T02:00:00Z'), delivered('ord-2', '2026-12-13T16:30:00Z'), delivered('ord-cash', '2026-12-05T02:00:00Z', 'cash')];
    expect(monthInvoiceIdsOf('cust-m', seller)).toEqual(['inv-cust-m-2026-12']);
    expect(refusal(seller)).toMatchObject({ code: 'CUSTOMER.BUYER_CHANGE_UNINVOICED', kind: 'conflict', details: { id: 'cust-m', count: 2, from: '2026-12-01', to: '2026-12-14' } });
  });

  it('goes through once their month is invoiced, or with no delivery on account to bill', () => {
    const november = [delivered('ord-1', '2026-11-20T02:00:00Z')];
    expect(refusal(november, ['inv-cust-m-2026-11'])).toBeNull();
    expect(refusal([delivered('ord-cash', '2026-12-05T02:00:00Z', 'cash')])).toBeNull();
    const open = anOrder().withId('ord-open').forCustomer(restaurant).with({ paymentMethod: 'monthly' }).inStatus('confirmed').build();
    expect(refusal([open])).toBeNull();
  });
});
