import type { Order } from '../orders';
import { aCustomer } from '../test-support/customer-mother';
import { anOrder } from '../test-support/order-mother';
import { billedAt, bookedOn, lateBookedShift, withLateBooking } from './late-booking';

const customer = aCustomer().withId('cust-m').with({ paymentTerms: 'monthly' }).build();

/** 18:00 on 31 October in Taipei, NT$850 of which NT$100 paid at the door. */
function deliveredOct31(id = 'ord-oct'): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity: 1 }] }).inStatus('delivered').build();
  return { ...order, delivery: { at: '2026-10-31T10:00:00.000Z', delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 100 } };
}

describe('補登 (booking late)', () => {
  it('books a day in the closed books on the first open day, and any other day on itself', () => {
    expect(bookedOn('2026-10-31', '2026-10-31')).toBe('2026-11-01');
    expect(bookedOn('2026-09-12', '2026-10-31')).toBe('2026-11-01');
    expect(bookedOn('2026-11-01', '2026-10-31')).toBe('2026-11-01');
    expect(bookedOn('2026-10-31', undefined)).toBe('2026-10-31');
  });

  it('marks a delivery synced after its day was closed with the booked day, keeping when it was delivered; one on an open day is left as it is', () => {
    const order = deliveredOct31();
    const late = withLateBooking(order, '2026-10-31', '2026-10-31');
    expect(late.delivery).toEqual({ ...order.delivery, bookedOn: '2026-11-01' });
    expect(withLateBooking(order, '2026-10-31', '2026-09-30')).toBe(order);
    expect(withLateBooking(order, '2026-10-31', undefined)).toBe(order);
  });

  it('bills a late-booked delivery at the first instant of its booked Taipei day, any other at its delivery', () => {
    const order = deliveredOct31();
    expect(billedAt(order.delivery!)).toBe('2026-10-31T10:00:00.000Z');
    expect(billedAt({ ...order.delivery!, bookedOn: '2026-11-01' })).toBe('2026-10-31T16:00:00.000Z');
  });

  it('moves a late-booked charge (and the cash at its door) out of the sums over delivery time that hold it and into those of its booked day', () => {
    const late = withLateBooking(deliveredOct31(), '2026-10-31', '2026-10-31');
    const onTime = deliveredOct31('ord-on-time');
    const [octFrom, novFrom, decFrom] = ['2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'];
    // October, and everything before November: delivered there, billed in November.
    expect(lateBookedShift([late, onTime], novFrom, octFrom)).toEqual({ charges: -850, cashCollected: -100 });
    expect(lateBookedShift([late, onTime], novFrom)).toEqual({ charges: -850, cashCollected: -100 });
    // November, and everything before December: billed there, delivered before.
    expect(lateBookedShift([late], decFrom, novFrom)).toEqual({ charges: 850, cashCollected: 100 });
    expect(lateBookedShift([late], decFrom)).toEqual({ charges: 0, cashCollected: 0 });
  });
});
