import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { taipeiDate } from '../domain/clock';
import { leftOpen, leftOpenSchema } from '../domain/customers';
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
      description: 'Each deactivated customer\'s balance is worked out now (three aggregate sums): those who left are a few dozen, not the whole book.',
      response: z.object({ items: z.array(leftOpenSchema) }),
    },
    async handle() {
      const c = await container();
      const today = taipeiDate(c.clock.now());
      const receivables = firestoreReceivableStore(c.db);
      const gone = await firestoreCustomerStore(c.db).all('inactive');
      const rows = await Promise.all(gone.map(async (customer) => leftOpen(customer, await receivables.balanceNow(customer.id, today))));
      const items = rows.filter((row) => row !== null).sort((a, b) => (b.deactivatedAt ?? '').localeCompare(a.deactivatedAt ?? '') || a.customerCode.localeCompare(b.customerCode));
      return { body: { items } };
    },
  }),
];
