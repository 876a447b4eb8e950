import type { Container } from '../../adapters/container';
import { firestoreClosureStore, loadClosures, movesPath } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { loadPriceList } from '../../adapters/firestore/order-store';
import { firestoreRouteStore } from '../../adapters/firestore/route-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { taipeiDate } from '../../domain/clock';
import { closuresFor, dayOffClosure, heldByClosure, movedToDays, withSameDayOrders, type AffectedOrder, type ClosureMove, type MoveDirection, type MoveOrdersResult } from '../../domain/closures';
import { DomainError } from '../../domain/errors';
import { assertCanEdit, orderUpdatedEvent, patchOrder, type Order } from '../../domain/orders';
import { actorOf, type Principal } from '../../http/auth/principal';
import type { Locale } from '../../http/locale';
import { messageFor } from '../../http/messages';
import { forEachConcurrently } from './concurrently';
import { backToPlanning } from './confirm-order';

/** How many routes' (or lone orders') moves run at once: as many transactions as 全部確認 keeps in flight. */
const MOVES_AT_ONCE = 8;

/**
 * How long one request starts moves: the function has 60 s, and the moves still in flight, the read of the days they went
 * to and the answer need the rest. What is left is answered as `remaining`, and the pages ask again for it.
 */
export const MOVE_BUDGET_MS = 40_000;

/** Whether `budgetMs` has passed since now. */
export const timeBudget = (budgetMs: number): (() => boolean) => {
  const started = Date.now();
  return () => Date.now() - started >= budgetMs;
};

/**
 * Moves the open and failed orders on a closure's days off it, each to its customer's last open day before the
 * closure or first after it. Every order moves in its own transaction with its `order.updated` event
 * (so a confirmed order's customer is told the new day) and its record under the closure (`ClosureMove`, what 恢復配送
 * brings back once the closure is narrowed); one that cannot move (out for delivery, no
 * day left before) is reported with the reason and the rest still move. A retry finds only the orders
 * still on the closure, so running it again moves nothing twice. Each moved order names its customer's other open orders
 * on its new day (`withSameDayOrders`), for the office to combine into one stop: merging them here would change what a
 * customer confirmed without anyone asking them. Each day they moved to says how many open orders it now carries (`days`).
 * Once `outOfTime` (by default `MOVE_BUDGET_MS` from the call) no further move starts: those left are counted in
 * `remaining`, for the caller to run it again.
 */
export async function moveClosureOrders(
  c: Container,
  input: { closureId: string; direction: MoveDirection; principal: Principal; locale: Locale; outOfTime?: () => boolean },
): Promise<MoveOrdersResult> {
  const outOfTime = input.outOfTime ?? timeBudget(MOVE_BUDGET_MS);
  const now = c.clock.now();
  const today = taipeiDate(now);
  const closureStore = firestoreClosureStore(c.db);
  const closure = await closureStore.get(input.closureId);
  const customers = firestoreCustomerStore(c.db);
  const [priceList, closures, affected] = await Promise.all([loadPriceList(c.db), loadClosures(c.db, today), closureStore.affectedOrders(closure)]);
  const closedDays = await customers.closedDaysOf(affected.map((o) => o.customerId));
  const actor = actorOf(input.principal);
  const result: Pick<MoveOrdersResult, 'notMoved'> & { moved: Omit<MoveOrdersResult['moved'][number], 'sameDayOrders'>[] } = { moved: [], notMoved: [] };
  const refuse = (order: AffectedOrder, e: DomainError) =>
    result.notMoved.push({ ...order, code: e.code, message: messageFor(e.code, input.locale, e.message, e.details) });

  /** One order's move in a transaction of its own: the day it went to, or why it stayed. */
  const moveOne = async (order: AffectedOrder): Promise<{ to: string } | { refused: DomainError } | null> => {
    const to = dayOffClosure(closure, closuresFor(closures, order.district), input.direction, closedDays.get(order.customerId) ?? [], today);
    if (!to) return { refused: new DomainError('CLOSURE.NO_DAY_TO_MOVE_TO', 'precondition', `No open day ${input.direction} ${closure.name}`) };
    try {
      const updated = await inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
        const current = await uow.read<Order>('orders', order.id);
        // Moved meanwhile (another tab, a retry), or made a 緊急配送 meanwhile: nothing left to do for this one.
        if (!current || !heldByClosure([closure], current)) return current;
        assertCanEdit(input.principal, current);
        // The truck is out: only its driver's 送達／無法送達 (or the office's 標記未送達 for them) ends the stop.
        if (current.status === 'out_for_delivery') {
          throw new DomainError('CLOSURE.ORDER_OUT_FOR_DELIVERY', 'conflict', `Order ${current.id} is out for delivery`);
        }
        const released = await backToPlanning(uow, customers, input.principal, current, now, priceList);
        const customer = await customers.getIn(uow.tx, current.customerId);
        const next = patchOrder(released.next, { requestedDate: to }, { customer, contractTerms: await customers.pricingTermsOf(customer, uow.tx), by: actor, priceList, closures, at: now, today, movedOff: closure });
        const written = uow.put<Order>('orders', current, next, [...released.events, orderUpdatedEvent(next, ['requestedDate'], closure)]);
        const move: ClosureMove = { orderId: current.id, customerId: current.customerId, customerName: current.customerName, district: current.district, from: current.requestedDate, to, at: now.toISOString(), version: written.version };
        uow.set(movesPath(closure.id), current.id, move);
        return written;
      });
      return updated?.requestedDate === to ? { to } : null;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return { refused: e };
    }
  };

  // Several at a time, so a typhoon day's hundreds of orders move within the request's minute (the function's timeout); the
  // stops of one route one after another, as each rewrites the route's document and they would only fight over it.
  const routeOf = new Map((await firestoreRouteStore(c.db, c.publisher).between(closure.from, closure.to)).flatMap((r) => r.stops.map((st) => [st.orderId, r.id] as const)));
  const byRoute = new Map<string, number[]>();
  affected.forEach((o, i) => {
    const key = routeOf.get(o.id) ?? o.id;
    byRoute.set(key, [...(byRoute.get(key) ?? []), i]);
  });
  const outcomes: Awaited<ReturnType<typeof moveOne>>[] = new Array(affected.length).fill(null);
  let started = 0;
  await forEachConcurrently([...byRoute.values()], MOVES_AT_ONCE, async (indexes) => {
    for (const i of indexes) {
      if (outOfTime()) return;
      started++;
      outcomes[i] = await moveOne(affected[i] as AffectedOrder);
    }
  });
  affected.forEach((order, i) => {
    const outcome = outcomes[i];
    if (outcome && 'to' in outcome) result.moved.push({ id: order.id, customerName: order.customerName, from: order.requestedDate, to: outcome.to });
    else if (outcome) refuse(order, outcome.refused);
  });
  const customerOf = new Map(affected.map((o) => [o.id, o.customerId]));
  const open = await closureStore.openOrdersOn([...new Set(result.moved.map((m) => m.to))]);
  return {
    moved: withSameDayOrders(result.moved, customerOf, open),
    notMoved: result.notMoved,
    days: movedToDays(result.moved, open),
    remaining: affected.length - started,
  };
}
