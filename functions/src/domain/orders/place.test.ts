import { updateCustomer } from '../customers';
import { aCustomer, anOrder } from '../test-support';
import { contactChanges, contactOf, deliveryPlaceOf, followCustomer, placeChanges, returnsToPlanning, statusesFollowing } from './place';
import { ORDER_STATUSES } from './status';

const at = new Date('2026-11-30T03:00:00Z');
// Geocoded to the district's centre only: a caller's location would be a pin.
const roughly = { ...aCustomer().withId('cust-0001').with({ location: { lat: 24.9994, lng: 121.4986 } }).build(), locationPrecision: 'district' as const };
const pinned = updateCustomer(roughly, { location: { lat: 24.99312, lng: 121.50127 } }, at);

describe('an order following its customer to a new place', () => {
  it('takes a pending or confirmed order to the pin, naming the fields that changed', () => {
    for (const status of ['pending', 'confirmed'] as const) {
      const order = anOrder().forCustomer(roughly).inStatus(status).build();
      const { order: moved, fields } = followCustomer(order, pinned, at);
      expect(fields).toEqual(['location', 'locationPrecision']);
      expect(moved).toEqual({ ...order, location: { lat: 24.99312, lng: 121.50127 }, locationPrecision: 'manual', updatedAt: at.toISOString() });
    }
  });

  it('leaves an order on a route, or done with, where it was planned or went', () => {
    for (const status of ORDER_STATUSES.filter((s) => s !== 'pending' && s !== 'confirmed')) {
      const order = anOrder().forCustomer(roughly).inStatus(status).build();
      expect(followCustomer(order, pinned, at)).toEqual({ order, fields: [] });
    }
  });

  it('is the same order when it is there already, so doing it again changes nothing', () => {
    const order = anOrder().forCustomer(roughly).build();
    const once = followCustomer(order, pinned, at).order;
    expect(followCustomer(once, pinned, new Date('2026-11-30T04:00:00Z'))).toEqual({ order: once, fields: [] });
  });

  it('takes a new address along, and drops a location the new address could not be found at', () => {
    const order = anOrder().forCustomer(roughly).build();
    const moved = updateCustomer(roughly, { address: { city: '臺北市', district: '大安區', road: '信義路', section: 3, number: '8' } }, at);
    const { order: next, fields } = followCustomer(order, moved, at);
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

describe("an order following its customer's name and phone", () => {
  const customer = aCustomer().withId('cust-0001').build();
  const corrected = updateCustomer(customer, { name: '陳記便當', phones: ['0922-111-222', '0912-345-678'] }, at);

  it('copies the name and the first phone, the one the driver calls', () => {
    expect(contactOf(customer)).toEqual({ customerName: '陳記自助餐', phone: '0912-345-678' });
    expect(contactOf({ name: '舊客戶', phones: [] })).toEqual({ customerName: '舊客戶' });
    expect(contactChanges(contactOf(customer), contactOf(corrected))).toEqual(['customerName', 'phone']);
    // Another phone added behind the first: the driver still calls the same number.
    expect(contactChanges(contactOf(customer), contactOf(updateCustomer(customer, { phones: ['0912-345-678', '02-2941-5566'] }, at)))).toEqual([]);
  });

  it('reaches every order still to be delivered, on a route or not, and leaves its place to planning', () => {
    for (const status of ['pending', 'confirmed', 'scheduled', 'out_for_delivery'] as const) {
      const order = anOrder().forCustomer(customer).inStatus(status).build();
      const { order: next, fields } = followCustomer(order, corrected, at);
      expect(fields).toEqual(['customerName', 'phone']);
      expect(next).toEqual({ ...order, customerName: '陳記便當', phone: '0922-111-222', updatedAt: at.toISOString() });
    }
  });

  it('moves an order not yet on a route and gives it the new phone in one change, naming both', () => {
    const both = updateCustomer(pinned, { phones: ['0922-111-222'] }, at);
    const { order: next, fields } = followCustomer(anOrder().forCustomer(roughly).build(), both, at);
    expect(fields).toEqual(['location', 'locationPrecision', 'phone']);
    expect(next).toMatchObject({ location: { lat: 24.99312, lng: 121.50127 }, locationPrecision: 'manual', phone: '0922-111-222' });
  });

  it('gives a scheduled order the new phone but keeps the place its route was planned at', () => {
    const order = anOrder().forCustomer(roughly).inStatus('scheduled').build();
    const { order: next, fields } = followCustomer(order, updateCustomer(pinned, { phones: ['0922-111-222'] }, at), at);
    expect(fields).toEqual(['phone']);
    expect(next).toMatchObject({ location: roughly.location, locationPrecision: 'district', phone: '0922-111-222' });
  });

  it('leaves delivered, failed and cancelled orders with whom they were for, and does nothing twice', () => {
    for (const status of ['delivered', 'failed', 'cancelled'] as const) {
      const order = anOrder().forCustomer(customer).inStatus(status).build();
      expect(followCustomer(order, corrected, at)).toEqual({ order, fields: [] });
    }
    const once = followCustomer(anOrder().forCustomer(customer).build(), corrected, at).order;
    expect(followCustomer(once, corrected, new Date('2026-11-30T04:00:00Z'))).toEqual({ order: once, fields: [] });
  });

  it('drops the phone of an order whose customer has none left to call (a record from before phones were required)', () => {
    const { order: next, fields } = followCustomer(anOrder().forCustomer(customer).build(), { ...customer, phones: [] }, at);
    expect(fields).toEqual(['phone']);
    expect(next).not.toHaveProperty('phone');
  });
});

describe('the orders an edit of a customer reaches', () => {
  const customer = aCustomer().withId('cust-0001').build();
  it('are those not yet on a route for a new place, every one still to be delivered for a new contact, none otherwise', () => {
    expect(statusesFollowing(roughly, pinned)).toEqual(['pending', 'confirmed']);
    expect(statusesFollowing(customer, updateCustomer(customer, { phones: ['0922-111-222'] }, at))).toEqual(['pending', 'confirmed', 'scheduled', 'out_for_delivery']);
    expect(statusesFollowing(customer, updateCustomer(customer, { name: '陳記便當' }, at))).toEqual(['pending', 'confirmed', 'scheduled', 'out_for_delivery']);
    expect(statusesFollowing(roughly, updateCustomer(pinned, { name: '陳記便當' }, at))).toEqual(['pending', 'confirmed', 'scheduled', 'out_for_delivery']);
    expect(statusesFollowing(customer, updateCustomer(customer, { notes: '週一公休', contactName: '林小姐' }, at))).toEqual([]);
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
