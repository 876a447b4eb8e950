import type { Container } from '../../adapters/container';
import { firestoreOrderHistoryStore } from '../../adapters/firestore/order-history-store';
import { firestoreReceivableStore } from '../../adapters/firestore/receivable-store';
import type { Customer } from '../../domain/customers';
import { forEachConcurrently } from './concurrently';

const CONCURRENCY = 8;

/**
 * The customer's receivables line, worked out again after a payment or an allowance changed what they owe. That change
 * is stored by then, so a failure here must not turn the answer into an error: the line is derived data, and the
 * nightly `receivables` job works it out again.
 */
export async function refreshLedgerLine(c: Container, customerId: string): Promise<void> {
  try {
    await refreshReceivables(c, [customerId]);
  } catch (err) {
    console.error(JSON.stringify({ severity: 'WARNING', message: 'receivables line not refreshed', customerId, error: String(err) }));
  }
}

/**
 * Works out the receivables ledger again for every customer, or for the ones named. A customer on account (monthly or
 * transfer terms) always has a line; a cash customer gets one only while they owe (an order a driver delivered
 * without being paid in full, or one that was on account before the terms changed) or already had one, so the ledger
 * is not thousands of zero lines and still misses no debt. Each line is written on its own: a run that stops halfway
 * leaves every line either as it was or fresh, and the next run redoes the rest.
 */
export async function refreshReceivables(c: Container, only?: readonly string[]): Promise<{ customers: number; owing: number }> {
  const store = firestoreReceivableStore(c.db);
  const history = firestoreOrderHistoryStore(c.db);
  let customers: Customer[];
  let listed: ReadonlySet<string>;
  if (only) {
    customers = (await Promise.all(only.map((id) => history.customer(id)))).filter((x): x is Customer => x !== null);
    listed = new Set(only);
  } else {
    const [all, ids] = await Promise.all([history.customers({ activeOnly: false }), store.customerIds()]);
    customers = all;
    listed = new Set(ids);
  }
  const now = c.clock.now();
  let owing = 0;
  let lines = 0;
  // A few customers at a time: each line is a handful of small aggregate queries.
  await forEachConcurrently(customers, CONCURRENCY, async (customer) => {
    // A branch's deliveries are on its head office's line (分店／總公司付款), which is reminded (催款) in its stead.
    if (customer.payerId) {
      if (listed.has(customer.id)) await store.remove(customer.id);
      return;
    }
    const line = await store.compute(customer, now);
    if (line.balance <= 0 && customer.paymentTerms === 'cash' && !listed.has(customer.id)) return;
    await store.save(line);
    lines++;
    if (line.balance > 0) owing++;
  });
  return { customers: lines, owing };
}
