import type { Container } from '../../adapters/container';
import { firestoreOrderHistoryStore } from '../../adapters/firestore/order-history-store';
import { firestoreReceivableStore } from '../../adapters/firestore/receivable-store';
import type { Customer } from '../../domain/customers';
import { forEachConcurrently } from './concurrently';

const CONCURRENCY = 8;

/**
 * Works out the receivables ledger again for the customers on account (monthly or transfer terms) and
 * any customer already on it, or for the ones named. Each line is written on its own: a run that stops
 * halfway leaves every line either as it was or fresh, and the next run redoes the rest.
 */
export async function refreshReceivables(c: Container, only?: readonly string[]): Promise<{ customers: number; owing: number }> {
  const store = firestoreReceivableStore(c.db);
  const history = firestoreOrderHistoryStore(c.db);
  let customers: Customer[];
  if (only) {
    customers = (await Promise.all(only.map((id) => history.customer(id)))).filter((x): x is Customer => x !== null);
  } else {
    const [all, listed] = await Promise.all([history.customers({ activeOnly: false }), store.customerIds()]);
    const keep = new Set(listed);
    customers = all.filter((x) => x.paymentTerms !== 'cash' || keep.has(x.id));
  }
  const now = c.clock.now();
  let owing = 0;
  // A few customers at a time: each line is a handful of small aggregate queries.
  await forEachConcurrently(customers, CONCURRENCY, async (customer) => {
    const line = await store.compute(customer, now);
    await store.save(line);
    if (line.balance > 0) owing++;
  });
  return { customers: customers.length, owing };
}
