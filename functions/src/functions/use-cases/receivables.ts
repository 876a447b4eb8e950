import type { Container } from '../../adapters/container';
import { firestoreOrderHistoryStore } from '../../adapters/firestore/order-history-store';
import { firestoreReceivableStore, mostOverdueFirst } from '../../adapters/firestore/receivable-store';
import { monthBounds, type Receivable } from '../../domain/billing';
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
    [customers, listed] = await everyLedgerCustomer(c);
  }
  let owing = 0;
  let lines = 0;
  await forEachLine(c, customers, listed, c.clock.now(), async (line) => {
    await store.save(line);
    lines++;
    if (line.balance > 0) owing++;
  }, (branch) => (listed.has(branch.id) ? store.remove(branch.id) : Promise.resolve()));
  return { customers: lines, owing };
}

/**
 * The ledger as it stood at the end of a Taipei month (the running month: as it stands now), worked out afresh for the
 * customers the nightly run lists and stored nowhere: the 應收帳款 of a month's books, each balance its statement's 期末結餘,
 * the aging counted from the month's last day, the last payment the last one received by then. A month's figures still
 * move until its books are closed (a transfer of the 30th recorded on the 2nd), so they are never kept.
 */
export async function receivablesAt(c: Container, month: string): Promise<Receivable[]> {
  const now = c.clock.now();
  const monthEnd = new Date(Date.parse(monthBounds(month).until) - 1);
  const [customers, listed] = await everyLedgerCustomer(c);
  const lines: Receivable[] = [];
  await forEachLine(c, customers, listed, monthEnd < now ? monthEnd : now, async (line) => {
    lines.push(line);
  });
  return lines.sort(mostOverdueFirst);
}

async function everyLedgerCustomer(c: Container): Promise<[Customer[], ReadonlySet<string>]> {
  const [all, ids] = await Promise.all([firestoreOrderHistoryStore(c.db).customers({ activeOnly: false }), firestoreReceivableStore(c.db).customerIds()]);
  return [all, new Set(ids)];
}

/**
 * Each customer's line at `at`, a few customers at a time (each line is a handful of small aggregate queries): every
 * customer on account, a cash customer only while they owe or already listed. A branch's deliveries are on its head
 * office's line (分店／總公司付款), which is reminded (催款) in its stead: it gets none.
 */
async function forEachLine(
  c: Container,
  customers: readonly Customer[],
  listed: ReadonlySet<string>,
  at: Date,
  take: (line: Receivable) => Promise<void>,
  onBranch: (branch: Customer) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const store = firestoreReceivableStore(c.db);
  await forEachConcurrently(customers, CONCURRENCY, async (customer) => {
    if (customer.payerId) return onBranch(customer);
    const line = await store.compute(customer, at);
    if (line.balance <= 0 && customer.paymentTerms === 'cash' && !listed.has(customer.id)) return;
    await take(line);
  });
}
