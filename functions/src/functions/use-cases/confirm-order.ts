import type { Transaction } from '@google-cloud/firestore';
import type { PendingEvent } from '../../adapters/firestore/aggregate-store';
import type { CustomerStore } from '../../adapters/firestore/customer-store';
import type { UnitOfWork } from '../../adapters/firestore/unit-of-work';
import { assertCanOrder } from '../../domain/customers';
import { heldByClosure, type ClosureList } from '../../domain/closures';
import { assertCanTransition, assertConfirmableOn, assertSupplyOpen, followCustomer, isCollectionOnly, orderStatusEvent, orderUpdatedEvent, repriceAllLines, returnsToPlanning, transition, type Order } from '../../domain/orders';
import { customerPriceList, type PriceList } from '../../domain/pricing';
import { actorOf, type Principal } from '../../http/auth/principal';
import { offPublishedRoute } from './cancel-order';

/**
 * An order coming back to planning (a failed one rescheduled, one taken off its route) goes to its customer's place and
 * contact as they now are (`followCustomer`), read in the order's transaction: the pin may have been fixed while the order
 * could not follow it, often because the driver could not find the old one, and a failed order kept the phone it was
 * failed with. It takes the price of its day as it now is, as the customer pays it (`repriceAllLines`, from `prices`, read only for such an order):
 * a price posted while it sat on a route left it alone. The `order.updated` naming the fields comes after the status
 * change's event.
 */
export async function backAtCustomersPlace(
  customers: CustomerStore,
  tx: Transaction,
  from: Order,
  moved: Order,
  at: Date,
  prices: () => Promise<PriceList>,
): Promise<{ next: Order; events: PendingEvent[] }> {
  const events: PendingEvent[] = [orderStatusEvent(moved, from.status)];
  if (!returnsToPlanning(from.status, moved.status)) return { next: moved, events };
  const customer = await customers.getIn(tx, from.customerId);
  // A failed order rescheduled is a delivery booked anew: a customer deactivated or whose supply was stopped since gets
  // none, as a new order would. Who rescheduled it is the move's timeline entry.
  if (from.status === 'failed') {
    assertCanOrder(customer);
    assertSupplyOpen(customer, moved, moved.timeline[moved.timeline.length - 1]!.by);
  }
  const { order: placed, fields: placeFields } = followCustomer(moved, customer, at);
  const next = repriceAllLines(placed, customerPriceList(await prices(), await customers.pricingTermsOf(customer, tx)), at);
  const fields = next === placed ? placeFields : [...placeFields, 'items'];
  return { next, events: fields.length > 0 ? [...events, orderUpdatedEvent(next, fields)] : events };
}

/**
 * Confirms an order read in `uow` for the caller: a pending one, or a scheduled one taken back to planning, its stop coming
 * off its published route (`offPublishedRoute`) and the order going to its customer's place as it now is
 * (`backAtCustomersPlace`), in the same transaction. What the order's 確認 and a closure's move of an order on a route
 * (全部移到休息前／後) both go through. The order is not written: the caller puts it, with the events answered.
 */
export async function confirmOrderIn(
  uow: UnitOfWork,
  customers: CustomerStore,
  principal: Principal,
  current: Order,
  now: Date,
  prices: () => Promise<PriceList>,
): Promise<{ next: Order; events: PendingEvent[] }> {
  assertCanTransition(principal, current, 'confirmed');
  const moved = transition(current, 'confirmed', { by: actorOf(principal), at: now });
  const back = await backAtCustomersPlace(customers, uow.tx, current, moved, now, prices);
  await offPublishedRoute(uow, current, now, 'route.stop_removed');
  return back;
}

/**
 * An order the office moves to another day (a closure's 全部移到休息前／後, a 延後 of chosen orders) back in planning first:
 * one on a published route nobody has started comes off it, as 確認 would do; a failed one (its stop marked 未送達) goes
 * back to pending, as 重新安排 does; a pending or confirmed one stays as it is. The order is not written.
 */
export async function backToPlanning(
  uow: UnitOfWork,
  customers: CustomerStore,
  principal: Principal,
  current: Order,
  now: Date,
  priceList: PriceList,
): Promise<{ next: Order; events: PendingEvent[] }> {
  if (current.status === 'scheduled') return confirmOrderIn(uow, customers, principal, current, now, async () => priceList);
  if (current.status !== 'failed') return { next: current, events: [] };
  assertCanTransition(principal, current, 'pending');
  return backAtCustomersPlace(customers, uow.tx, current, transition(current, 'pending', { by: actorOf(principal), at: now }), now, async () => priceList);
}

/**
 * Refuses to confirm a pending order for a customer whose supply a service call stopped (`assertSupplyOpen`), or on a day
 * a closure holds where it is delivered, unless it is 緊急配送 (`assertConfirmableOn`): the order's 確認 and 全部確認
 * alike. Its customer (whose closed weekdays set the day deliveries resume that the closure's refusal names) is read in
 * `tx`, so a stop written meanwhile is seen; a collection-only order off a closure needs no read.
 */
export async function assertConfirmableIn(tx: Transaction, customers: CustomerStore, principal: Principal, order: Order, closures: ClosureList): Promise<void> {
  if (order.status !== 'pending') return;
  const held = heldByClosure(closures, order);
  if (!held && isCollectionOnly(order)) return;
  const customer = await customers.getIn(tx, order.customerId);
  assertSupplyOpen(customer, order, principal);
  if (held) assertConfirmableOn(order, { closures, by: principal, customer });
}
