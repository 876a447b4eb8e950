import type { Customer } from '../customers';
import type { Order } from './order';
import type { OrderStatus } from './status';

/**
 * Where an order is delivered, copied from its customer: drivers and customers read orders but not customers, and route
 * planning plans each order at its own copy (`stopPlanFor`).
 */
export type DeliveryPlace = Pick<Order, 'district' | 'address' | 'location' | 'locationPrecision'>;

/** The fields of `DeliveryPlace`, as an `order.updated` event names them. */
export const PLACE_FIELDS = ['district', 'address', 'location', 'locationPrecision'] as const satisfies readonly (keyof DeliveryPlace)[];
export type PlaceField = (typeof PLACE_FIELDS)[number];

export function deliveryPlaceOf(customer: Pick<Customer, 'address' | 'location' | 'locationPrecision'>): DeliveryPlace {
  return {
    district: customer.address.district,
    address: customer.address.full,
    // A location typed in before geocoding existed has no precision: a person's pin.
    ...(customer.location ? { location: customer.location, locationPrecision: customer.locationPrecision ?? 'manual' } : {}),
  };
}

const sameValue = (a: DeliveryPlace[PlaceField], b: DeliveryPlace[PlaceField]): boolean =>
  typeof a === 'object' && typeof b === 'object' ? a.lat === b.lat && a.lng === b.lng : a === b;

/** The fields in which two places differ, in `PLACE_FIELDS` order; none when they are the same place. */
export const placeChanges = (from: DeliveryPlace, to: DeliveryPlace): PlaceField[] => PLACE_FIELDS.filter((f) => !sameValue(from[f], to[f]));

/**
 * The orders that follow their customer to a new place: not yet on a route. Once scheduled the route's stop holds its own
 * coordinates, timed and sequenced for them, and the driver navigates by them, so a scheduled order keeps the place it was
 * planned at (the office takes it off the route to plan it again); a delivered, failed or cancelled order records where it
 * went.
 */
export const RELOCATABLE_STATUSES = ['pending', 'confirmed'] as const satisfies readonly OrderStatus[];

/** Whether an order moving between these statuses comes back to planning: a failed one rescheduled, one taken off its route. */
export const returnsToPlanning = (from: OrderStatus, to: OrderStatus): boolean =>
  !(RELOCATABLE_STATUSES as readonly OrderStatus[]).includes(from) && (RELOCATABLE_STATUSES as readonly OrderStatus[]).includes(to);

/**
 * The order at its customer's place as it now is, with the fields that changed (for `order.updated`). The same order and
 * no fields when it is already there or past following its customer. A customer left without a location (moved to an
 * address nobody could find) leaves the order without one too, which planning then reports instead of driving to the
 * old building.
 */
export function relocateOrder(
  order: Order,
  customer: Pick<Customer, 'address' | 'location' | 'locationPrecision'>,
  at: Date,
): { readonly order: Order; readonly fields: readonly PlaceField[] } {
  if (!(RELOCATABLE_STATUSES as readonly OrderStatus[]).includes(order.status)) return { order, fields: [] };
  const place = deliveryPlaceOf(customer);
  const fields = placeChanges(order, place);
  if (fields.length === 0) return { order, fields };
  const { location: _location, locationPrecision: _precision, ...rest } = order;
  return { order: { ...rest, ...place, updatedAt: at.toISOString() }, fields };
}
