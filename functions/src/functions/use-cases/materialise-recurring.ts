import type { Container } from '../../adapters/container';
import { loadClosures, loadEarlyClosings } from '../../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestoreOrderStore, loadPriceList, recurringOrdersMade } from '../../adapters/firestore/order-store';
import { firestoreRecurringRuleStore } from '../../adapters/firestore/recurring-rule-store';
import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import type { Actor } from '../../domain/events';
import { datesDelivered, materialise, orderUpdatedEvent, patchOrder, placement, type MaterialisedOrder, type RecurringRule } from '../../domain/orders';
import { sumBySize } from '../../domain/cylinders';
import { placeOrder } from './place-order';

export interface MaterialiseReport {
  /** Orders the window's occurrences make, grouped by delivery day. */
  readonly considered: number;
  readonly created: number;
  /** Orders of the rule on that day that took the cylinders of an occurrence moved onto it (a closure's eve). */
  readonly added: number;
  readonly skipped: { id: string; code: string }[];
  /**
   * The active rules of deactivated customers, once each whatever their occurrences due: none makes an order (every new
   * order for the customer is refused) until someone ends the rule (`DELETE /api/orders/recurring/:id`) or reactivates
   * the customer, when its occurrences resume.
   */
  readonly inactiveCustomerRules: { ruleId: string; customerId: string; customerName: string }[];
}

/**
 * Places the occurrences of the active recurring rules due from tomorrow to `days` ahead (`materialise`, `placement`).
 * What the rule made already is read before deciding and again in the transaction that adds to an order, so two runs
 * at once, or a rerun, place no occurrence twice; a created order is idempotent by its id.
 */
export async function materialiseRecurring(c: Container, days: number, by: Actor): Promise<MaterialiseReport> {
  const now = c.clock.now();
  const today = taipeiDate(now);
  const customers = firestoreCustomerStore(c.db);
  const [activeRules, priceList, closures, earlyClosings, inactive] = await Promise.all([
    firestoreRecurringRuleStore(c.db).listActive(),
    loadPriceList(c.db),
    loadClosures(c.db, today),
    loadEarlyClosings(c.db, today),
    customers.all('inactive'),
  ]);
  // Each due occurrence of such a rule would be refused alike, day after day: the rule is named once instead.
  const inactiveById = new Map(inactive.map((customer) => [customer.id, customer]));
  const rules = activeRules.filter((r) => !inactiveById.has(r.customerId));
  const inactiveCustomerRules = activeRules.flatMap((r) => {
    const customer = inactiveById.get(r.customerId);
    return customer ? [{ ruleId: r.id, customerId: customer.id, customerName: customer.name }] : [];
  });
  // A recurring order moved off a closure must avoid the customer's closed weekdays too; a closure of other districts moves none.
  const ruleCustomers = rules.map((r) => r.customerId);
  const [closedDays, districts] = await Promise.all([customers.closedDaysOf(ruleCustomers), customers.districtsOf(ruleCustomers)]);
  // A day closing early moves the occurrences whose hours start once it has closed, as a closure moves them all.
  const due = materialise(rules, addDays(today, 1), addDays(today, days), [], { closures: [...closures, ...earlyClosings], closedDays, districts });
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const orders = firestoreOrderStore(c.db, c.publisher);
  let created = 0;
  let added = 0;
  const skipped: { id: string; code: string }[] = [];

  /** Whether the occurrences were added by this call (a concurrent run may have added them first). */
  const addTo = async (rule: RecurringRule, m: MaterialisedOrder, orderId: string): Promise<boolean> => {
    let addedNow = false;
    await orders.mutate(
      orderId,
      async (current, tx) => {
        addedNow = false;
        const still = placement(rule, m, await recurringOrdersMade(c.db, rule.id, m.dates, tx));
        if (still?.kind !== 'add' || still.orderId !== current.id) return { next: current, events: [] };
        const customer = await customers.getIn(tx, current.customerId);
        const patch = {
          items: sumBySize([current.items, still.items]),
          ...(still.emptiesToCollect ? { emptiesToCollect: sumBySize([current.emptiesToCollect, still.emptiesToCollect]) } : {}),
        };
        const patched = patchOrder(current, patch, { customer, contractTerms: await customers.pricingTermsOf(customer, tx), by, priceList, closures, at: now, today });
        const next = { ...patched, recurringDates: [...datesDelivered(rule.id, current), ...still.dates] };
        addedNow = true;
        return { next, events: [orderUpdatedEvent(next, Object.keys(patch))] };
      },
      { actor: by, now },
    );
    return addedNow;
  };

  const create = async (order: MaterialisedOrder) => {
    const r = await placeOrder(c, {
      id: order.id,
      customerId: order.customerId,
      input: order.input,
      by,
      source: 'recurring',
      recurringRuleId: order.ruleId,
      recurringDates: order.dates,
      priceList,
      closures,
    });
    if (r.created) created++;
  };

  /** Places what is left of `m`; once more when the order it was to join changed meanwhile (onto a truck, another run added to it). */
  const place = async (rule: RecurringRule, m: MaterialisedOrder, again: boolean): Promise<void> => {
    const where = placement(rule, m, await recurringOrdersMade(c.db, rule.id, m.dates));
    if (where?.kind === 'create') await create(where.order);
    if (where?.kind !== 'add') return;
    if (await addTo(rule, m, where.orderId)) added++;
    else if (again) await place(rule, m, false);
  };

  for (const m of due) {
    try {
      await place(ruleById.get(m.ruleId)!, m, true);
    } catch (err) {
      // One customer closed that day, or deactivated since the rules were read, must not stop the others.
      if (!(err instanceof DomainError)) throw err;
      skipped.push({ id: m.id, code: err.code });
    }
  }
  return { considered: due.length, created, added, skipped, inactiveCustomerRules };
}
