import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { taipeiDate } from '../domain/clock';
import { CUSTOMER_STATUSES, customersCsv } from '../domain/customers';
import { z } from '../domain/schema';
import { route } from '../http/endpoint';

/**
 * 匯出客戶: the customer list as CSV for Excel, in the import's columns and spellings, so a file can go out
 * to a spreadsheet and come back in. Served by the customers function under `/api/customers/export`.
 */
export const customerExportRoutes = [
  route({
    method: 'GET',
    path: '/export',
    audit: 'read',
    roles: ['admin', 'office'],
    docs: {
      summary: 'The customer list as CSV (text/csv, UTF-8 with BOM, headers in the caller’s language), in the columns the import reads',
      response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends, one customer per row in code order' }),
      contentType: 'text/csv',
    },
    query: z.object({ status: z.enum([...CUSTOMER_STATUSES, 'all']).default('active') }),
    async handle({ query, locale }) {
      const c = await container();
      const customers = await firestoreCustomerStore(c.db).all(query.status === 'all' ? undefined : query.status);
      const file = `customers-${taipeiDate(c.clock.now())}.csv`;
      return {
        body: customersCsv(customers, locale),
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}"` },
      };
    },
  }),
];
