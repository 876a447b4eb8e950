import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreDepositStore } from '../adapters/firestore/deposit-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import { depositHeldSchema, depositInputSchema, depositSchema, depositsHeld, recordDeposit, standardDeposits } from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import { assertCanReadCustomer } from '../domain/customers/permissions';
import { z } from '../domain/schema';
import { idFromRequest, idParams, route } from '../http/endpoint';

const staff = ['admin', 'office'] as const;
const STAFF_AND_CUSTOMER = ['admin', 'office', 'customer'] as const;


const depositsAnswerSchema = z
  .object({
    items: z.array(depositSchema),
    /** What the customer record holds now, per size (sizes holding nothing left out). */
    held: z.array(depositHeldSchema),
    /** The standard deposit for one cylinder of each size, what a new deposit defaults to per cylinder. */
    standard: z.array(depositHeldSchema),
  })
  .openapi('CustomerDeposits');

/**
 * Deposits (押金) collected and refunded, served by the customers function under `/api/customers/:id/deposits`: the
 * office records them, a customer reads their own (another's is "not found"), drivers nothing. Deposits are money held
 * for the customer, not charges: they stay out of balances, receivables and reminders.
 */
export const customerDepositRoutes = [
  route({
    method: 'POST',
    path: '/:id/deposits',
    roles: staff,
    docs: {
      summary: "Collect or refund a deposit for a customer's cylinders; the same Idempotency-Key answers the first record again",
      description:
        "The record and the customer's `cylindersOnSite` deposit change in one transaction. The amount defaults to count × the standard deposit. A refund of more than the size holds is refused with 422 (DEPOSIT.REFUND_EXCEEDS_HELD), one of what the cylinders still on site keep (up to the standard deposit each) with 422 (DEPOSIT.CYLINDERS_ON_SITE, naming what may be refunded now), a day after today (Taipei) with 422 (DEPOSIT.FUTURE_DATE), an unknown customer with 404. A branch's deposit (分店／總公司付款) is its own and refunded at the branch: a head office's refund of more than it holds of a size its branches hold is 422 (DEPOSIT.AT_BRANCH, naming them).",
      response: z.object({ deposit: depositSchema, held: z.array(depositHeldSchema) }),
      successStatus: 201,
    },
    params: idParams,
    body: depositInputSchema,
    async handle({ params, body, principal, requestId }) {
      const c = await container();
      const now = c.clock.now();
      const names = await firestoreUserStore(c.db).displayNames([principal.uid]);
      const deposit = recordDeposit(body, { id: idFromRequest('dep', requestId), customerId: params.id, today: taipeiDate(now), by: names.get(principal.uid) ?? principal.uid, now });
      const stored = await firestoreDepositStore(c.db).record(deposit, now);
      return { status: 201, body: { deposit: stored.deposit, held: depositsHeld(stored.customer.cylindersOnSite) } };
    },
  }),
  route({
    method: 'GET',
    path: '/:id/deposits',
    roles: STAFF_AND_CUSTOMER,
    docs: {
      summary: "A customer's deposits collected and refunded, newest first, the deposit held per size now and the standard deposit per cylinder",
      description: 'An unknown customer is 404, as is another customer’s for a customer.',
      response: depositsAnswerSchema,
    },
    params: idParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    async handle({ params, query, principal }) {
      assertCanReadCustomer(principal, params.id);
      const c = await container();
      const [customer, items] = await Promise.all([firestoreCustomerStore(c.db).get(params.id), firestoreDepositStore(c.db).ofCustomer(params.id, query.limit)]);
      return { body: { items, held: depositsHeld(customer.cylindersOnSite), standard: standardDeposits() } };
    },
  }),
];
