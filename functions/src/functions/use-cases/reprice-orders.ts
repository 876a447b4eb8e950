import type { Container } from '../../adapters/container';
import { firestoreOrderStore, repriceableOrders } from '../../adapters/firestore/order-store';
import { firestorePriceStore } from '../../adapters/firestore/price-store';
import type { Actor } from '../../domain/events';
import { orderUpdatedEvent, repriceOrder } from '../../domain/orders';
import { daysPricedBy, type PriceEntry } from '../../domain/pricing';
import { forEachConcurrently } from './concurrently';

/** Order transactions at once: a few days of bookings finish within the request without crowding Firestore. */
const CONCURRENCY = 8;

/**
 * Re-prices the open orders a stored price entry now prices: pending or confirmed, with a line of its size, requested
 * from its day up to the next entry of the size. Each goes through the order aggregate in its own transaction (version + 1,
 * `order.updated` naming `items`, so the board and the order's events follow), pricing from the size's entries as they
 * stand in that transaction, so an entry posted meanwhile is never undone by this run. An order already at the price is
 * left alone: running it again, a retried request, changes nothing twice. Answers how many orders changed.
 */
export async function repriceOpenOrders(c: Container, entry: Pick<PriceEntry, 'size' | 'effectiveFrom'>, actor: Actor): Promise<number> {
  const now = c.clock.now();
  const prices = firestorePriceStore(c.db);
  const list = await prices.list();
  const stale = (await repriceableOrders(c.db, daysPricedBy(list, entry))).filter((o) => repriceOrder(o, list, entry.size, now) !== o);
  const orders = firestoreOrderStore(c.db, c.publisher);
  let repriced = 0;
  await forEachConcurrently(stale, CONCURRENCY, async ({ id }) => {
    let changed = false;
    await orders.mutate(
      id,
      async (current, tx) => {
        const next = repriceOrder(current, await prices.ofSize(tx, entry.size), entry.size, now);
        // A transaction may run more than once: only the attempt that commits counts.
        changed = next !== current;
        return changed ? { next, events: [orderUpdatedEvent(next, ['items'])] } : { next: current, events: [] };
      },
      { actor, now },
    );
    if (changed) repriced++;
  });
  return repriced;
}
