import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { assertCanReadCustomer } from '../domain/customers/permissions';
import { CUSTOMER_STATUSES, cylindersOnSiteSchema, payerRefSchema, refOf, setPayerInputSchema, type Customer } from '../domain/customers';
import { instantSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { idParams, route } from '../http/endpoint';
import { refreshLedgerLine } from './use-cases/receivables';
import { setPayer } from './use-cases/set-payer';

export const chainSchema = z
  .object({
    /** The head office (總公司) that pays for this customer's deliveries on account; null when it pays for itself. */
    payer: payerRefSchema.nullable(),
    /** When the link was made. */
    payerSince: instantSchema.optional(),
    /**
     * The branches (分店) this customer pays for, in code order, each with the cylinders standing there and the deposit
     * held for them: the head office's 我的鋼瓶與押金 lists them, a closed branch's until they are collected.
     */
    branches: z.array(payerRefSchema.extend({ status: z.enum(CUSTOMER_STATUSES), cylindersOnSite: cylindersOnSiteSchema })),
  })
  .openapi('CustomerChain');

/** The customer's head office and branches, as `…/chain` answers them and the customer's own `GET` with `include=chain`. */
export async function chainOf(customer: Customer): Promise<z.infer<typeof chainSchema>> {
  const c = await container();
  const customers = firestoreCustomerStore(c.db);
  const [payer, branches] = await Promise.all([customer.payerId ? customers.get(customer.payerId) : null, customers.branchesOf(customer.id)]);
  return {
    payer: payer ? refOf(payer) : null,
    ...(customer.payerSince ? { payerSince: customer.payerSince } : {}),
    branches: branches.map((b) => ({ ...refOf(b), status: b.status, cylindersOnSite: b.cylindersOnSite })),
  };
}

/**
 * 分店／總公司付款, served by the customers function under `/api/customers/:id/payer` and `…/chain`. Linking is office
 * work; a customer reads their own chain (a head office its branches, a branch its head office), another's is "not found".
 */
export const customerPayerRoutes = [
  route({
    method: 'GET',
    path: '/:id/chain',
    roles: ['admin', 'office', 'customer'],
    docs: { summary: "A customer's head office (付款客戶) and the branches (分店) it pays for", response: chainSchema },
    params: idParams,
    async handle({ params, principal }) {
      assertCanReadCustomer(principal, params.id);
      const c = await container();
      return { body: await chainOf(await firestoreCustomerStore(c.db).get(params.id)) };
    },
  }),
  route({
    method: 'PUT',
    path: '/:id/payer',
    roles: ['admin', 'office'],
    docs: {
      summary: "Set (or clear, with null) the head office that pays for a customer's deliveries on account (總公司付款)",
      description:
        "The payer is another active customer on monthly terms that is not itself a branch; the customer may not pay for branches of its own (422 CUSTOMER.PAYER_SELF, PAYER_NOT_FOUND, PAYER_INACTIVE, PAYER_NOT_MONTHLY, PAYER_IS_BRANCH, PAYER_HAS_BRANCHES). " +
        "The link changes only while the customer's own account is clear: 409 CUSTOMER.PAYER_BALANCE_OPEN (with `balance`) while anything is owed either way, 409 CUSTOMER.PAYER_UNINVOICED (with `count`, `from`, `to`) while deliveries on account of this month or the last wait for their 月結發票. " +
        'From then on its 月結發票 name the payer as buyer, its charges are on the payer’s statement and balance, and payments are recorded at the payer. Sending the link it has writes nothing.',
      response: chainSchema,
    },
    params: idParams,
    body: setPayerInputSchema,
    async handle({ params, body, principal }) {
      const c = await container();
      const branch = await setPayer(c, params.id, body, actorOf(principal));
      // The branch's line leaves the ledger (its head office's carries it), or comes back once unlinked.
      await refreshLedgerLine(c, params.id);
      return { body: await chainOf(branch) };
    },
  }),
];
