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

const isIn = (statuses: readonly OrderStatus[], status: OrderStatus): boolean => statuses.includes(status);

/** Whether an order moving between these statuses comes back to planning: a failed one rescheduled, one taken off its route. */
export const returnsToPlanning = (from: OrderStatus, to: OrderStatus): boolean =>
  !isIn(RELOCATABLE_STATUSES, from) && isIn(RELOCATABLE_STATUSES, to);

/**
 * Who the order is for and whom the driver calls, copied from the customer like the place: the board, the 派車單 and the
 * driver's card read the order's copy (routes hold only order ids), and drivers cannot read customers. The first phone is
 * the one to call.
 */
export type OrderContact = Pick<Order, 'customerName' | 'phone'>;

/** The fields of `OrderContact`, as an `order.updated` event names them. */
export const CONTACT_FIELDS = ['customerName', 'phone'] as const satisfies readonly (keyof OrderContact)[];
export type ContactField = (typeof CONTACT_FIELDS)[number];

export function contactOf(customer: Pick<Customer, 'name' | 'phones'>): OrderContact {
  return { customerName: customer.name, ...(customer.phones[0] ? { phone: customer.phones[0] } : {}) };
}

/** The fields in which two contacts differ, in `CONTACT_FIELDS` order; none when they are the same. */
export const contactChanges = (from: OrderContact, to: OrderContact): ContactField[] => CONTACT_FIELDS.filter((f) => from[f] !== to[f]);

/**
 * The orders whose contact follows their customer's: every one still to be delivered. Unlike the place, the contact is no
 * input to planning (no stop, sequence or time depends on it), and a scheduled or out-for-delivery order is exactly the
 * one whose driver calls ahead or from the door: the old number would ring a wrong person. A delivered, failed or
 * cancelled order records whom it was for then; a failed one rescheduled takes the contact as it then is.
 */
export const CONTACT_FOLLOWING_STATUSES = ['pending', 'confirmed', 'scheduled', 'out_for_delivery'] as const satisfies readonly OrderStatus[];

/** What an order copies from its customer, and what `followCustomer` reads. */
export type FollowedCustomer = Pick<Customer, 'name' | 'phones' | 'address' | 'location' | 'locationPrecision'>;
export type FollowedField = PlaceField | ContactField;

/**
 * The statuses of the orders an edit of a customer from `before` to `after` reaches: those that follow the place when it
 * moved, those that follow the contact when it changed; none when neither did (notes, windows, invoicing, …).
 */
export function statusesFollowing(before: FollowedCustomer, after: FollowedCustomer): OrderStatus[] {
  const place = placeChanges(deliveryPlaceOf(before), deliveryPlaceOf(after)).length > 0 ? RELOCATABLE_STATUSES : [];
  const contact = contactChanges(contactOf(before), contactOf(after)).length > 0 ? CONTACT_FOLLOWING_STATUSES : [];
  return [...new Set<OrderStatus>([...place, ...contact])];
}

/**
 * The order with its customer's place and contact as they now are, as far as its status follows each
 * (`RELOCATABLE_STATUSES`, `CONTACT_FOLLOWING_STATUSES`), with the fields that changed (for `order.updated`). The same
 * order and no fields when it already has them or is past following its customer. A customer left without a location
 * (moved to an address nobody could find) leaves the order without one too, which planning then reports instead of
 * driving to the old building.
 */
export function followCustomer(order: Order, customer: FollowedCustomer, at: Date): { readonly order: Order; readonly fields: readonly FollowedField[] } {
  const place = isIn(RELOCATABLE_STATUSES, order.status) ? deliveryPlaceOf(customer) : null;
  const contact = isIn(CONTACT_FOLLOWING_STATUSES, order.status) ? contactOf(customer) : null;
  const placeFields = place ? placeChanges(order, place) : [];
  const contactFields = contact ? contactChanges(order, contact) : [];
  const fields = [...placeFields, ...contactFields];
  if (fields.length === 0) return { order, fields };
  let next = order;
  if (place && placeFields.length > 0) {
    const { location: _location, locationPrecision: _precision, ...rest } = next;
    next = { ...rest, ...place };
  }
  if (contact && contactFields.length > 0) {
    const { phone: _phone, ...rest } = next;
    next = { ...rest, ...contact };
  }
  return { order: { ...next, updatedAt: at.toISOString() }, fields };
}
