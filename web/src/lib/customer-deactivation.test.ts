import { ApiError } from './api-client';
import { deactivationRefusal } from './customer-deactivation';

describe('deactivationRefusal', () => {
  const orders = [{ id: 'ord-1', requestedDate: '2026-12-02', status: 'confirmed' }];

  it('reads open orders the deactivation may cancel, and orders on a truck it may not, with their count', () => {
    expect(deactivationRefusal(new ApiError(409, 'CUSTOMER.HAS_OPEN_ORDERS', 'm', [], { id: 'c', count: 7, orders }))).toEqual({ onATruck: false, count: 7, orders });
    expect(deactivationRefusal(new ApiError(409, 'CUSTOMER.ORDERS_ON_A_TRUCK', 'm', [], { id: 'c', count: 1, orders }))).toEqual({ onATruck: true, count: 1, orders });
  });

  it('leaves any other failure to be said as it is', () => {
    expect(deactivationRefusal(new ApiError(409, 'CUSTOMER.ALREADY_INACTIVE', 'm', [], { id: 'c' }))).toBeNull();
    expect(deactivationRefusal(new ApiError(409, 'CUSTOMER.TOO_MANY_TO_CANCEL', 'm', [], { id: 'c', max: 200 }))).toBeNull();
    expect(deactivationRefusal(new Error('offline'))).toBeNull();
  });
});
