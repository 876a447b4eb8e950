import { updateCustomer } from '../customers';
import { aCustomer, anOrder } from '../test-support';
import { deliveryPlaceOf, placeChanges, relocateOrder, returnsToPlanning } from './place';
import { ORDER_STATUSES } from './status';

const at = new Date('2026-11-30T03:00:00Z');
// Geocoded to the district's centre only: a caller's location would be a pin.
const roughly = { ...aCustomer().withId('cust-0001').with({ location: { lat: 24.9994, lng: 121.4986 } }).build(), locationPrecision: 'district' as const };
const pinned = updateCustomer(roughly, { location: { lat: 24.99312, lng: 121.50127 } }, at);

describe('an order following its customer to a new place', () => {
  it('takes a pending or confirmed order to the pin, naming the fields that changed', () => {
    for (const status of ['pending', 'confirmed'] as const) {
      const order = anOrder().forCustomer(roughly).inStatus(status).build();
      const { order: moved, fields } = relocateOrder(order, pinned, at);
      expect(fields).toEqual(['location', 'locationPrecision']);
      expect(moved).toEqual({ ...order, location: { lat: 24.99312, lng: 121.50127 }, locationPrecision: 'manual', updatedAt: at.toISOString() });
    }
  });

  it('leaves an order on a route, or done with, where it was planned or went', () => {
    for (const status of ORDER_STATUSES.filter((s) => s !== 'pending' && s !== 'confirmed')) {
      const order = anOrder().forCustomer(roughly).inStatus(status).build();
      expect(relocateOrder(order, pinned, at)).toEqual({ order, fields: [] });
    }
  });

  it('is the same order when it is there already, so doing it again changes nothing', () => {
    const order = anOrder().forCustomer(roughly).build();
    const once = relocateOrder(order, pinned, at).order;
    expect(relocateOrder(once, pinned, new Date('2026-11-30T04:00:00Z'))).toEqual({ order: once, fields: [] });
  });

  it('takes a new address along, and drops a location the new address could not be found at', () => {
    const order = anOrder().forCustomer(roughly).build();
    const moved = updateCustomer(roughly, { address: { city: '臺北市', district: '大安區', road: '信義路', section: 3, number: '8' } }, at);
    const { order: next, fields } = relocateOrder(order, moved, at);
    expect(fields).toEqual(['district', 'address', 'location', 'locationPrecision']);
    expect(next).toMatchObject({ district: '大安區', address: '臺北市大安區信義路三段8號' });
    expect(next).not.toHaveProperty('location');
    expect(next).not.toHaveProperty('locationPrecision');
  });

  it('counts a location typed in before geocoding as a pin, as a new order would', () => {
    const { locationPrecision: _p, ...typed } = pinned;
    expect(deliveryPlaceOf(typed).locationPrecision).toBe('manual');
    expect(placeChanges(deliveryPlaceOf(typed), deliveryPlaceOf(pinned))).toEqual([]);
  });
});

describe('an order coming back to planning', () => {
  it('is a failed one rescheduled or one taken off its route, not one confirmed or cancelled', () => {
    expect(returnsToPlanning('failed', 'pending')).toBe(true);
    expect(returnsToPlanning('scheduled', 'confirmed')).toBe(true);
    expect(returnsToPlanning('pending', 'confirmed')).toBe(false);
    expect(returnsToPlanning('scheduled', 'cancelled')).toBe(false);
  });
});
