import { nextMonth, recordPayment, type Payment } from '../../domain/billing';
import { addDays, taipeiInstant } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import type { Customer } from '../../domain/customers';
import type { Order } from '../../domain/orders';
import { OFFICE_ACTOR } from './history';
import type { Rng } from './prng';

/**
 * What each customer owes per Taipei month of delivery: delivered totals less the cash the driver took. A branch's
 * deliveries are owed by its head office (分店／總公司付款, `payerOf`), which pays for them.
 */
function owedByMonth(orders: readonly Order[], payerOf: ReadonlyMap<string, string>): Map<string, Map<string, number>> {
  const owed = new Map<string, Map<string, number>>();
  for (const o of orders) {
    if (o.status !== 'delivered' || !o.delivery) continue;
    const amount = o.total - o.delivery.cashCollected;
    if (amount <= 0) continue;
    const month = taipeiDate(new Date(o.delivery.at)).slice(0, 7);
    const debtor = payerOf.get(o.customerId) ?? o.customerId;
    const months = owed.get(debtor) ?? new Map<string, number>();
    owed.set(debtor, months.set(month, (months.get(month) ?? 0) + amount));
  }
  return owed;
}

/**
 * The office's record of what customers on a monthly account (月結) or paying by transfer paid: each
 * month's deliveries settled in one payment between the 3rd and 15th of the next month, mostly by
 * transfer. About one month in twelve is paid three to five weeks late and one in twenty short by a
 * round sum, made up with the next month's payment, so the demo's balances have something to chase
 * without debts that grow for ever. A payment due after yesterday is not there yet. Built through the domain's `recordPayment`, as the API stores them.
 */
export function demoPayments(rng: Rng, customers: readonly Customer[], orders: readonly Order[], historyEnd: string): Payment[] {
  const owed = owedByMonth(orders, new Map(customers.flatMap((c) => (c.payerId ? [[c.id, c.payerId] as const] : []))));
  return customers
    .filter((c) => c.paymentTerms !== 'cash' && !c.payerId)
    .flatMap((customer) => {
      const r = rng.fork(`payments-${customer.id}`);
      // A customer transfers from the same account month after month, so its 末五碼 finds them (a fork of its own, leaving
      // the payments' other draws as they were).
      const account = String(rng.fork(`account-${customer.id}`).int(0, 99_999)).padStart(5, '0');
      // What a short payment left owing is paid with the next month's.
      let carried = 0;
      return [...(owed.get(customer.id) ?? new Map<string, number>()).entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([month, amount]) => {
          const onTime = `${nextMonth(month)}-${String(r.int(3, 15)).padStart(2, '0')}`;
          const late = r.chance(1 / 12);
          const receivedOn = late ? addDays(onTime, r.int(21, 35)) : onTime;
          const due = amount + carried;
          const short = r.chance(0.05) ? Math.min(due, 100 * r.int(5, 20)) : 0;
          const cheque = r.chance(0.1);
          const chequeNumber = String(r.int(0, 99_999)).padStart(5, '0');
          if (receivedOn > historyEnd || due - short <= 0) return [];
          carried = short;
          return [
            recordPayment(
              { amount: due - short, method: cheque ? 'cheque' : 'transfer', receivedOn, reference: cheque ? chequeNumber : account, note: `${month} 貨款` },
              { id: `pay-${customer.id}-${month}`, customerId: customer.id, today: receivedOn, by: OFFICE_ACTOR, now: new Date(taipeiInstant(receivedOn, '10:00')) },
            ),
          ];
        });
    });
}
