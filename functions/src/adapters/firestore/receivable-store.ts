import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { ageBalance, balanceOf, nextMonth, overdueOf, owedMonthsOf, previousMonth, type OwedMonth, type Receivable } from '../../domain/billing';
import { taipeiDate } from '../../domain/clock';
import type { Customer } from '../../domain/customers';
import { firestoreCustomerStore } from './customer-store';
import { firestorePaymentStore } from './payment-store';
import { firestoreStatementStore } from './statement-store';

/** Past this many months, what is still owed counts as over 90 days without reading further back. */
const MAX_MONTHS = 12;

/** The ledger's order: most overdue first, then by balance, then by code. */
export const mostOverdueFirst = (a: Receivable, b: Receivable): number => overdueOf(b) - overdueOf(a) || b.balance - a.balance || a.customerCode.localeCompare(b.customerCode);

/**
 * `receivables/{customerId}`: each account customer's balance and aging, worked out by the nightly job
 * and again whenever a payment of theirs is recorded or voided or an allowance (折讓) of theirs issued or
 * cancelled; server-only, read through the API.
 */
export function firestoreReceivableStore(db: Firestore) {
  const col = db.collection('receivables');
  const statements = firestoreStatementStore(db);
  const payments = firestorePaymentStore(db);
  const customers = firestoreCustomerStore(db);
  /** What a customer owes now (the running month's closing balance): three aggregate sums, allowances counting as payments do. */
  const balanceNow = async (customerId: string, today: string): Promise<number> => balanceOf(await statements.accountBefore(customerId, nextMonth(today.slice(0, 7))));
  async function withMonths(customer: Customer, now: Date): Promise<{ line: Receivable } & ReturnType<typeof owedMonthsOf>> {
    const today = taipeiDate(now);
    const ids = [customer.id, ...(await customers.branchesOf(customer.id)).map((b) => b.id)];
    const sumOver = async (each: (id: string) => Promise<number>) => (await Promise.all(ids.map(each))).reduce((sum, n) => sum + n, 0);
    const [balance, lastPaymentOn] = await Promise.all([sumOver((id) => balanceNow(id, today)), payments.lastReceivedOn(customer.id, today)]);
    const months: OwedMonth[] = [];
    for (let month = today.slice(0, 7), covered = 0; covered < balance && months.length < MAX_MONTHS; month = previousMonth(month)) {
      const owed = await sumOver((id) => statements.owedIn(id, month));
      months.push({ month, owed });
      covered += owed;
    }
    const { aging, oldestUnpaidMonth } = ageBalance(balance, months, today);
    const line: Receivable = {
      customerId: customer.id,
      customerCode: customer.code,
      customerName: customer.name,
      ...(customer.phones[0] ? { phone: customer.phones[0] } : {}),
      paymentTerms: customer.paymentTerms,
      balance,
      aging,
      ...(oldestUnpaidMonth ? { oldestUnpaidMonth } : {}),
      ...(lastPaymentOn ? { lastPaymentOn } : {}),
      asOf: today,
      computedAt: now.toISOString(),
    };
    return { line, ...owedMonthsOf(balance, months) };
  }
  return {
    balanceNow,

    /**
     * One customer's line as it stands at `now`, which may be a month's last instant: the balance (`balanceNow`, the
     * account to the end of `now`'s Taipei month), then the months' charges newest first,
     * one aggregate each, only until they cover the balance (a customer who pays on time needs one or two). A head
     * office's (分店／總公司付款) is its chain's: its balance and each month's charges with its branches' added.
     */
    async compute(customer: Customer, now: Date): Promise<Receivable> {
      return (await withMonths(customer, now)).line;
    },

    /** `compute`'s line with the balance spread over the months still owed (`owedMonthsOf`), newest first. */
    computeWithMonths: withMonths,

    /** The customers with a line already: one who moved to cash on delivery is still followed up. */
    async customerIds(): Promise<string[]> {
      return (await col.select().get()).docs.map((d) => d.id);
    },

    /** The lines of these customers, by customer id (one batched read); a customer without one is left out. */
    async linesOf(customerIds: readonly string[]): Promise<Map<string, Receivable>> {
      if (customerIds.length === 0) return new Map();
      const snaps = await db.getAll(...customerIds.map((id) => col.doc(id)));
      return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, s.data() as Receivable] as const] : [])));
    },

    async save(receivable: Receivable): Promise<void> {
      await col.doc(receivable.customerId).set(receivable as unknown as DocumentData);
    },

    /** Takes a customer's line off the ledger: a branch's, whose head office's line carries it. */
    async remove(customerId: string): Promise<void> {
      await col.doc(customerId).delete();
    },

    /** Every customer's line, most overdue first, then by balance. A few hundred documents: sorted here. */
    async list(): Promise<Receivable[]> {
      return (await col.get()).docs.map((d) => d.data() as Receivable).sort(mostOverdueFirst);
    },
  };
}
