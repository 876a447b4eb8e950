import { orderPrefillOf, orderPrefillQuery } from './order-prefill';

describe('the new-order link of a customer and their cylinders', () => {
  it('reads back what it wrote', () => {
    const prefill = { customerId: 'cust-0001', items: [{ size: 20, quantity: 3 }, { size: 50, quantity: 1 }] };
    const query = orderPrefillQuery(prefill);
    expect(query).toEqual({ customer: 'cust-0001', items: '20x3,50x1' });
    expect(orderPrefillOf(query as Record<string, string>)).toEqual(prefill);
  });

  it('leaves out sizes that are not ours, zero or more than the counters take, and a size named twice', () => {
    expect(orderPrefillOf({ items: '20x2,15x1,50x0,16x100,4x99,20x5,junk' })).toEqual({ items: [{ size: 20, quantity: 2 }, { size: 4, quantity: 99 }] });
  });

  it('writes no items for a prediction that expects none, and reads an empty link as nothing', () => {
    expect(orderPrefillQuery({ customerId: 'c1', items: [{ size: 20, quantity: 0 }] })).toEqual({ customer: 'c1' });
    expect(orderPrefillOf({})).toEqual({ items: [] });
  });

  it('takes the first of a repeated parameter', () => {
    expect(orderPrefillOf({ customer: ['c1', 'c2'], items: ['10x1', '20x1'] })).toEqual({ customerId: 'c1', items: [{ size: 10, quantity: 1 }] });
  });
});
