import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { leftOpen, leftOpenBalance, leftOpenSchema, type Customer } from '../domain/customers';
import { z } from '../domain/schema';
import { route } from '../http/endpoint';

/**
 * 停用客戶待結清: deactivated customers who still hold the company's cylinders, a deposit or a balance. Deactivating
 * takes a customer off every list that showed these, so without this the cylinders and the money were forgotten.
 * Served by the customers function under `/api/customers/left-open`.
 */
export const customerLeftOpenRoutes = [
  route({
    method: 'GET',
    path: '/left-open',
    roles: ['admin', 'office'],
    docs: {
      summary: 'Deactivated customers with anything still open: cylinders on site, a deposit held, a balance owed or a credit, most recently deactivated first',
      description:
        "A customer's balance is their receivables line's when it was worked out after the deactivation (the nightly run, or at once by a payment, refund or allowance of theirs), a branch's 0 (its head office carries it); only the others are worked out now.",
      response: z.object({ items: z.array(leftOpenSchema) }),
    },
    async handle() {
      const c = await container();
      const now = c.clock.now();
      const receivables = firestoreReceivableStore(c.db);
      const gone = await firestoreCustomerStore(c.db).all('inactive');
      const lines = await receivables.linesOf(gone.map((customer) => customer.id));
      const balanceOf = async (customer: Customer) => leftOpenBalance(customer, lines.get(customer.id)) ?? (await receivables.compute(customer, now)).balance;
      const rows = await Promise.all(gone.map(async (customer) => leftOpen(customer, await balanceOf(customer))));
      const items = rows.filter((row) => row !== null).sort((a, b) => (b.deactivatedAt ?? '').localeCompare(a.deactivatedAt ?? '') || a.customerCode.localeCompare(b.customerCode));
      return { body: { items } };
    },
  }),
];
