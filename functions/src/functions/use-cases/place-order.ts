import type { Container } from '../../adapters/container';
import { loadClosures, loadEarlyClosings } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestoreOrderStore, loadPriceList } from '../../adapters/firestore/order-store';
import type { Versioned } from '../../adapters/firestore/aggregate-store';
import { taipeiDate } from '../../domain/clock';
import type { Actor } from '../../domain/events';
import { DomainError } from '../../domain/errors';
import { assertBranchOf, createOrder, orderCreatedEvent, type CreateOrderInput, type Order, type OrderSource } from '../../domain/orders';
import { closingOn, closuresFor, type ClosureList } from '../../domain/closures';
import type { Depot } from '../../domain/fleet';
import type { PriceList } from '../../domain/pricing';
import { sameDayCutoffFor } from '../../domain/routes';

export interface PlaceOrder {
  readonly id: string;
  readonly customerId: string;
  /** A head office's portal account booking for a branch (`resolveOrderCustomer`): the branch must name it as payer. */
  readonly headOfficeId?: string;
  readonly input: CreateOrderInput;
  readonly by: Actor;
  readonly source: OrderSource;
  readonly recurringRuleId?: string;
  /** The rule's occurrences it delivers. */
  readonly recurringDates?: readonly string[];
  /** Jobs that place many orders load the price list once. */
  readonly priceList?: PriceList;
  /** Likewise the closures (those from today on suffice). */
  readonly closures?: ClosureList;
}

/**
 * The depots whose same-day cut-off (`sameDayCutoffFor`) may apply to an order for `requestedDate`: only one for today
 * needs them, so the jobs placing orders for later days read none.
 */
export async function depotsForCutoff(c: Container, requestedDate: string | undefined, today: string): Promise<Depot[]> {
  return requestedDate === today ? firestoreFleetStore(c.db).depots() : [];
}

/** When deliveries end today in `district` on a day closing early (提早收工), which brings the same-day cut-off forward. */
export const todaysClosing = (earlyClosings: ClosureList, district: string, today: string): string | undefined =>
  closingOn(closuresFor(earlyClosings, district), today)?.closesAt;

/** A customer that is not there reads as none, for `assertBranchOf` to refuse as it refuses another's; other failures stand. */
const asMissing = (e: unknown): null => {
  if (e instanceof DomainError && e.kind === 'not_found') return null;
  throw e;
};

/**
 * Creates one order with its `order.created` event: the office and the portal, the recurring-order
 * job and the forecast's suggested orders all place orders this way. Idempotent by `id`.
 */
export async function placeOrder(c: Container, p: PlaceOrder): Promise<{ order: Versioned<Order>; created: boolean }> {
  const orders = firestoreOrderStore(c.db, c.publisher);
  const now = c.clock.now();
  const today = taipeiDate(now);
  const customers = firestoreCustomerStore(c.db);
  const [priceList, closures, depots, earlyClosings] = await Promise.all([
    p.priceList ?? loadPriceList(c.db),
    p.closures ?? loadClosures(c.db, today),
    depotsForCutoff(c, p.input.requestedDate, today),
    // The jobs' own orders keep their hours: the closing's list of orders to move names those past it.
    p.by.role === 'system' ? undefined : loadEarlyClosings(c.db, today),
  ]);
  const { doc, created } = await orders.create(
    p.id,
    async (tx) => {
      // Read in the order's transaction, serialised with a re-pin's (`editCustomer` reads the customer and their open
      // orders in one): the order is made either before it, and moved with the others, or after it, at the new place.
      const customer = p.headOfficeId === undefined ? await customers.getIn(tx, p.customerId) : assertBranchOf(await customers.getIn(tx, p.customerId).catch(asMissing), p.headOfficeId);
      const order = createOrder(p.input, {
        id: p.id,
        customer,
        priceList,
        contractTerms: await customers.pricingTermsOf(customer, tx),
        closures,
        ...(earlyClosings ? { earlyClosings } : {}),
        by: p.by,
        at: now,
        today,
        sameDayCutoff: sameDayCutoffFor(customer.location, depots, todaysClosing(earlyClosings ?? [], customer.address.district, today)),
        source: p.source,
        ...(p.recurringRuleId ? { recurringRuleId: p.recurringRuleId } : {}),
        ...(p.recurringDates ? { recurringDates: p.recurringDates } : {}),
      });
      return {
        next: order,
        events: [orderCreatedEvent(order)],
      };
    },
    { actor: p.by, now },
  );
  return { order: doc, created };
}
