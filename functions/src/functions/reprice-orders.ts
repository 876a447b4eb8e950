import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreOrderStore, repriceableOrders } from '../adapters/firestore/order-store';
import { firestorePriceStore } from '../adapters/firestore/price-store';
import { eventConsumer, processedBefore, processOnce } from '../adapters/pubsub/event-consumer';
import { orderUpdatedEvent, repriceOrder } from '../domain/orders';
import { customerPriceList, daysPricedBy, entryInForce, priceEntryId, pricePostedData } from '../domain/pricing';
import { forEachConcurrently } from './use-cases/concurrently';

export const REPRICE_ORDERS = 'repriceOrders';

/** Order transactions at once: a few days of bookings without crowding Firestore. */
const CONCURRENCY = 8;

/**
 * Gives a posted price (`price.posted` on `price-events`) to the open orders it now prices: pending or confirmed, with a
 * line of its size, requested from its day up to the next entry of the size. Each goes through the order aggregate in its
 * own transaction (version + 1, `order.updated` naming `items` by the admin who posted, so the board and the order's
 * events follow), priced from the size's entries and the customer's 合約價 as they stand in that transaction (a discount
 * follows the list, a fixed contract price does not move): an order scheduled meanwhile keeps its
 * price, one edited meanwhile is priced as it now is, and an entry posted meanwhile is never undone. The order is counted
 * in `priceRepricing` of the entry that priced it in the same transaction, and an order already at the price is left
 * alone, so a redelivery, or two deliveries at once, change and count nothing twice. An event of a posting the entry has
 * since been posted again over is left to the later one's event: the later price wins. The posting is marked done with
 * the processed marker; a failure part-way throws, Pub/Sub redelivers, and the orders left are re-priced then.
 */
export const handlePricePosted = eventConsumer(REPRICE_ORDERS, async (event) => {
  const posted = pricePostedData(event);
  if (!posted) return;
  const c = await container();
  if (await processedBefore(c.db, REPRICE_ORDERS, event)) return;
  const prices = firestorePriceStore(c.db);
  const now = c.clock.now();
  const [list, repricing] = await Promise.all([prices.list(), prices.repricing(posted.entryId)]);
  let repriced = 0;
  if (repricing?.eventId === event.id) {
    const customers = firestoreCustomerStore(c.db);
    const open = await repriceableOrders(c.db, daysPricedBy(list, posted));
    const terms = await customers.contractPricesOf(open.map((o) => o.customerId));
    const stale = open.filter((o) => repriceOrder(o, customerPriceList(list, terms.get(o.customerId)), posted.size, now) !== o);
    const orders = firestoreOrderStore(c.db, c.publisher);
    await forEachConcurrently(stale, CONCURRENCY, async ({ id }) => {
      let changed = false;
      await orders.mutate(
        id,
        async (current, tx) => {
          const [ofSize, contract] = await Promise.all([prices.ofSize(tx, posted.size), customers.contractPricesIn(tx, current.customerId)]);
          const next = repriceOrder(current, customerPriceList(ofSize, contract), posted.size, now);
          // A transaction may run more than once: only the attempt that commits counts.
          changed = next !== current;
          if (!changed) return { next: current, events: [] };
          prices.countRepriced(tx, priceEntryId(posted.size, entryInForce(ofSize, posted.size, current.requestedDate).effectiveFrom));
          return { next, events: [orderUpdatedEvent(next, ['items'])] };
        },
        { actor: event.actor, now },
      );
      if (changed) repriced++;
    });
  }
  await processOnce(c.db, REPRICE_ORDERS, event, (tx) => prices.markRepriced(tx, posted.entryId, event.id, now), () => c.clock.now());
  console.log(JSON.stringify({ severity: 'INFO', consumer: REPRICE_ORDERS, eventId: event.id, entryId: posted.entryId, unitPrice: posted.unitPrice, stale: repricing?.eventId !== event.id, repriced }));
});

cloudEvent(REPRICE_ORDERS, handlePricePosted);
