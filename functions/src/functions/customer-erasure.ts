import { container } from '../adapters/container';
import { customerSchema, eraseCustomerInputSchema } from '../domain/customers';
import { idParams, route } from '../http/endpoint';
import { eraseCustomerData } from './use-cases/erase-customer';

/**
 * 刪除個資 (個資法 §11): an admin erases the personal data of a customer who has left and asked for it, keeping what the
 * tax law needs (`domain/customers/erasure.ts`). Served by the customers function under `/api/customers/:id/erase`.
 */
export const customerErasureRoutes = [
  route({
    method: 'POST',
    path: '/:id/erase',
    roles: ['admin'],
    docs: {
      summary: "Erase a deactivated customer's personal data (個資法 §11), keeping the invoices, sales and payments the tax law needs; cannot be undone",
      description:
        'The record keeps its code, city and district, its 統一編號 and 抬頭 (the name it then goes by, else its code); the name, phones, contact person, LINE id, notes, the address beyond the district and the carrier go, and its portal accounts are disabled. The same goes for the copies on orders, route stops, invoices, allowances, MOF uploads, safety inspections, service calls, alerts, the audit log’s request bodies and the answers kept for retried requests (which then answer `{"erased":true}`); the messages sent (inbox, LINE, SMS), churn calls, complaints, recurring rules and the published events about them or their orders are deleted. `confirmCode` must be the customer’s code (400 `CUSTOMER.ERASE_CODE_MISMATCH`). Refused, 409, for an active customer (`CUSTOMER.ERASE_ACTIVE`), or while anything is open (`CUSTOMER.ERASE_LEFT_OPEN`: cylinders on site, a deposit held, a balance either way, an open order; in `details`). Calling again finishes an erasure cut short; once finished it is 409 `CUSTOMER.ALREADY_ERASED`.',
      response: customerSchema.omit({ searchTokens: true }),
    },
    params: idParams,
    body: eraseCustomerInputSchema,
    async handle({ params, body, principal }) {
      const { searchTokens: _tokens, ...customer } = await eraseCustomerData(await container(), params.id, body, principal);
      return { body: customer };
    },
  }),
];
