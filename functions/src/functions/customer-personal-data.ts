import { container } from '../adapters/container';
import { firestorePersonalDataStore } from '../adapters/firestore/personal-data-store';
import { taipeiDate } from '../domain/clock';
import { personalDataCopy, personalDataCopySchema } from '../domain/customers';
import { idParams, route } from '../http/endpoint';
import { assertMayReadCustomer } from '../http/auth/principal';

/**
 * 個資法 §3 / §10 (查詢、閱覽、製給複製本): everything the company keeps that names one customer, as one JSON file, for the
 * office to hand over when a customer asks and for the customer themself. Served by the customers function under
 * `/api/customers/:id/personal-data`; recorded in the audit log like the exports, since it is a file of personal data.
 */
export const customerPersonalDataRoutes = [
  route({
    method: 'GET',
    path: '/:id/personal-data',
    roles: ['admin', 'office', 'customer'],
    audit: 'read',
    docs: {
      summary: "A copy of everything kept that names a customer (個資法 §3: the record, portal accounts, orders, payments, refunds, deposits, invoices, allowances, safety inspections, complaints, churn calls, inbox messages, messages sent by LINE or SMS, service calls, prediction), as a JSON file; a customer may ask only about themself",
      description:
        'An unknown customer, or another customer than the caller, is 404. Records are as stored (times as ISO strings); the search index and the portal accounts’ password hashes and session stamps are left out. `sentMessages` are the messages recorded as sent by LINE, SMS or the inbox, with the address and text. Every call is in the audit log (who took a copy, when).',
      response: personalDataCopySchema,
    },
    params: idParams,
    async handle({ params, principal }) {
      assertMayReadCustomer(principal, params.id);
      const c = await container();
      const now = c.clock.now();
      const found = await firestorePersonalDataStore(c.db).of(params.id);
      const file = `personal-data-${found.customer.code}-${taipeiDate(now)}.json`;
      return { body: personalDataCopy(found, now), headers: { 'Content-Disposition': `attachment; filename="${file}"` } };
    },
  }),
];
