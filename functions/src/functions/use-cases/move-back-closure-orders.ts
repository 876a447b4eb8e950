import type { Container } from '../../adapters/container';
import { firestoreClosureStore, loadClosures, loadEarlyClosings, movesPath } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { loadPriceList } from '../../adapters/firestore/order-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { taipeiDate } from '../../domain/clock';
import { moveBackRefusal, type Closure, type ClosureMove, type ClosureMoves } from '../../domain/closures';
import { DomainError } from '../../domain/errors';
import { assertCanEdit, closureLiftedEvent, patchOrder, type Order } from '../../domain/orders';
import { actorOf, type Principal } from '../../http/auth/principal';
import type { Locale } from '../../http/locale';
import { messageFor } from '../../http/messages';
import { forEachConcurrently } from './concurrently';

/** As many move-back transactions in flight as a closure's move keeps. */
const MOVES_AT_ONCE = 8;

/** What `moveBackRefusal` needs beside the order, read once per request. */
async function moveBackContext(c: Container, moves: readonly ClosureMove[]) {
  const today = taipeiDate(c.clock.now());
  const [closures, closedDays] = await Promise.all([loadClosures(c.db, today), firestoreCustomerStore(c.db).closedDaysOf([...new Set(moves.map((m) => m.customerId))])]);
  return { today, closures, closedDays };
}

/**
 * The orders a closure's move sent to another day, each with whether it is back, may come back now (the closure no
 * longer holds on its day where it is delivered, and nobody changed it since), or stays and why, in the caller's language.
 * @throws `CLOSURE.NOT_FOUND`
 */
export async function closureMoves(c: Container, closureId: string, locale: Locale): Promise<ClosureMoves['moves']> {
  const store = firestoreClosureStore(c.db);
  await store.get(closureId);
  const moves = await store.moves(closureId);
  if (moves.length === 0) return [];
  const [ctx, snaps] = await Promise.all([moveBackContext(c, moves), c.db.getAll(...moves.map((m) => c.db.collection('orders').doc(m.orderId)))]);
  return moves.map((move, i) => {
    const { version: _version, back, at: _at, ...shown } = move;
    if (back) return { ...shown, state: 'back' as const };
    const snap = snaps[i];
    const order = snap?.exists ? (snap.data() as Order & { version?: number }) : null;
    const code = moveBackRefusal(move, order, { ...ctx, closedDays: ctx.closedDays.get(move.customerId) ?? [] });
    return code ? { ...shown, state: 'stays' as const, code, message: messageFor(code, locale, code) } : { ...shown, state: 'mayComeBack' as const };
  });
}

/**
 * 恢復配送: brings each order the closure's move sent elsewhere back to its day, when it may come back (`closureMoves`),
 * each in its own transaction with its `closureLiftedEvent` (its customer told once, in their language, that the day
 * is theirs again) and the move's record marked `back`, so a retry, or two tabs at once, bring nothing back twice. An
 * order changed meanwhile stays, listed with why. Answers the list as it is afterwards and how many came back.
 * @throws `CLOSURE.NOT_FOUND`
 */
export async function moveBackClosureOrders(c: Container, input: { closureId: string; principal: Principal; locale: Locale }): Promise<ClosureMoves> {
  const store = firestoreClosureStore(c.db);
  const closure: Closure = await store.get(input.closureId);
  const moves = (await store.moves(closure.id)).filter((m) => !m.back);
  const now = c.clock.now();
  const [ctx, priceList, earlyClosings] = await Promise.all([moveBackContext(c, moves), loadPriceList(c.db), loadEarlyClosings(c.db, taipeiDate(now))]);
  const customers = firestoreCustomerStore(c.db);
  const actor = actorOf(input.principal);
  let movedBack = 0;
  const refused = new Map<string, DomainError>();

  await forEachConcurrently(moves, MOVES_AT_ONCE, async (seen) => {
    try {
      const back = await inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
        const [move, order] = await Promise.all([uow.read<ClosureMove>(movesPath(closure.id), seen.orderId), uow.read<Order>('orders', seen.orderId)]);
        if (!move || move.back) return false;
        if (moveBackRefusal(move, order, { ...ctx, closedDays: ctx.closedDays.get(move.customerId) ?? [] }) || !order) return false;
        assertCanEdit(input.principal, order);
        const customer = await customers.getIn(uow.tx, order.customerId);
        const next = patchOrder(
          order,
          { requestedDate: move.from },
          { customer, contractTerms: await customers.pricingTermsOf(customer, uow.tx), by: actor, priceList, closures: ctx.closures, earlyClosings, at: now, today: ctx.today, movedBack: closure },
        );
        uow.put<Order>('orders', order, next, [closureLiftedEvent(next, closure)]);
        uow.set(movesPath(closure.id), move.orderId, { ...move, back: { at: now.toISOString() } });
        return true;
      });
      if (back) movedBack++;
    } catch (e) {
      // Refused by the order's own rules (a day closing early before its hours): it stays, listed with the order's reason.
      if (!(e instanceof DomainError)) throw e;
      refused.set(seen.orderId, e);
    }
  });
  const after = await closureMoves(c, closure.id, input.locale);
  return {
    moves: after.map((m) => {
      const e = m.state === 'mayComeBack' ? refused.get(m.orderId) : undefined;
      return e ? { ...m, state: 'stays' as const, code: e.code, message: messageFor(e.code, input.locale, e.message, e.details) } : m;
    }),
    movedBack,
  };
}
