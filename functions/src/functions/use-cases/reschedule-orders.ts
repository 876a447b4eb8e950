import type { Container } from '../../adapters/container';
import { loadClosures, loadEarlyClosings } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { loadPriceList } from '../../adapters/firestore/order-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { taipeiDate } from '../../domain/clock';
import { DomainError, notFound } from '../../domain/errors';
import { assertCanEdit, orderUpdatedEvent, patchOrder, type Order, type RescheduleManyInput, type RescheduleResult } from '../../domain/orders';
import { actorOf, type Principal } from '../../http/auth/principal';
import type { Locale } from '../../http/locale';
import { messageFor } from '../../http/messages';
import { mapConcurrently } from './concurrently';
import { backToPlanning } from './confirm-order';

/** How many moves run at once: as many transactions as 全部確認 keeps in flight. */
const MOVES_AT_ONCE = 8;

/**
 * 延後 of the orders the office picked: each to `requestedDate` in a transaction of its own with its `order.updated`
 * carrying the reason, so its customer is told once, and what moved stays moved whatever becomes of the others (one
 * transaction for all would let one order out for delivery hold up the rest, and the office would have to untick it and
 * ask again). An order on a published route nobody has started comes off it first, as a closure's move does; one out for
 * delivery, delivered or cancelled is refused as a 修改 of its date would be, as is one already for a later day (延後
 * never brings an order forward). A failed one (a truck broken down, its stops marked 未送達) goes back to pending on
 * the later day, as 重新安排 and a closure's move take it, its customer told why; one whose hours end after a day closing
 * early (提早收工) is refused onto it, `ORDER.AFTER_CLOSING`, as a 修改 would be. An order already on the day is answered
 * `already_moved` and not written, so a retry (or a colleague quicker) tells nobody twice; but one still failed on it was
 * never moved and is refused (`ORDER.RESCHEDULE_FAILED_SAME_DAY`).
 */
export async function rescheduleOrders(c: Container, input: RescheduleManyInput & { principal: Principal; locale: Locale }): Promise<RescheduleResult[]> {
  const customers = firestoreCustomerStore(c.db);
  const actor = actorOf(input.principal);
  const today = taipeiDate(c.clock.now());
  const [priceList, closures, earlyClosings] = await Promise.all([loadPriceList(c.db), loadClosures(c.db, today), loadEarlyClosings(c.db, today)]);
  return mapConcurrently(input.orderIds, MOVES_AT_ONCE, async (id): Promise<RescheduleResult> => {
    let outcome: RescheduleResult['outcome'] = 'already_moved';
    try {
      const now = c.clock.now();
      await inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
        const current = await uow.read<Order>('orders', id);
        if (!current) throw notFound('ORDER.NOT_FOUND', `Order ${id} not found`, { id });
        assertCanEdit(input.principal, current);
        if (current.requestedDate === input.requestedDate) {
          // Failed on that very day it was never moved: `already_moved` would tell the office it was done. Delivering it
          // again that day is 重新安排's (failed → pending, no customer told), not a move to a later day.
          if (current.status === 'failed') {
            throw new DomainError('ORDER.RESCHEDULE_FAILED_SAME_DAY', 'conflict', `Order ${id} failed on ${current.requestedDate}, the day asked`, {
              id,
              requestedDate: current.requestedDate,
            });
          }
          return current;
        }
        if (current.requestedDate > input.requestedDate) {
          throw new DomainError('ORDER.RESCHEDULE_NOT_LATER', 'conflict', `Order ${id} is for ${current.requestedDate}, after ${input.requestedDate}`, {
            id,
            requestedDate: current.requestedDate,
          });
        }
        const released = await backToPlanning(uow, customers, input.principal, current, now, priceList);
        const customer = await customers.getIn(uow.tx, current.customerId);
        const next = patchOrder(released.next, { requestedDate: input.requestedDate, reason: input.reason }, { customer, contractTerms: await customers.pricingTermsOf(customer, uow.tx), by: actor, priceList, closures, earlyClosings, at: now, today });
        outcome = 'moved';
        return uow.put<Order>('orders', current, next, [...released.events, orderUpdatedEvent(next, ['requestedDate'], undefined, input.reason)]);
      });
      return { id, outcome };
    } catch (error) {
      if (!(error instanceof DomainError)) {
        // Not the order's fault (Firestore gave up on a contended transaction): said so, and the others go on.
        console.error(JSON.stringify({ severity: 'ERROR', fn: 'orders', message: `reschedule of ${id} failed`, error: String(error) }));
        return { id, outcome: 'refused', code: 'ORDER.RESCHEDULE_NOT_DONE', message: messageFor('ORDER.RESCHEDULE_NOT_DONE', input.locale, 'Not moved') };
      }
      return { id, outcome: 'refused', code: error.code, message: messageFor(error.code, input.locale, error.message, error.details) };
    }
  });
}
