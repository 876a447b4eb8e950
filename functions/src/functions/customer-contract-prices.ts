import { container, type Container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { loadPriceList } from '../adapters/firestore/order-store';
import { taipeiDate } from '../domain/clock';
import { payerRefSchema, refOf, type Customer } from '../domain/customers';
import { assertCanReadCustomer } from '../domain/customers/permissions';
import { contractPriceSchema, customerPricesOn, customerSizePriceSchema, LARGE_PRICE_CHANGE, pricingTerms, setContractPricesInputSchema } from '../domain/pricing';
import { calendarDateSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { idParams, route } from '../http/endpoint';
import { setContractPrices } from './use-cases/set-contract-prices';

const contractPricesAnswerSchema = z
  .object({
    date: calendarDateSchema,
    terms: z.array(contractPriceSchema).openapi({ description: "The customer's own terms" }),
    prices: z.array(customerSizePriceSchema).openapi({ description: "What they pay each size on `date`, a branch by its head office's terms where it has none (`fromHeadOffice`)" }),
    headOffice: payerRefSchema
      .extend({ terms: z.array(contractPriceSchema) })
      .optional()
      .openapi({ description: "For a branch (分店): its head office and the head office's terms, which it pays on the days and sizes its own leave open (沿用總店合約價)" }),
  })
  .openapi('CustomerContractPrices');
type ContractPricesAnswer = z.infer<typeof contractPricesAnswerSchema>;

/** A customer's terms and prices on `date`, a branch's with the head office's it follows. */
async function answerFor(c: Container, customer: Customer, date: string): Promise<ContractPricesAnswer> {
  const [list, head] = await Promise.all([loadPriceList(c.db), customer.payerId ? firestoreCustomerStore(c.db).get(customer.payerId) : undefined]);
  const prices = customerPricesOn(list, pricingTerms(customer, head), date);
  return { date, terms: customer.contractPrices ?? [], prices, ...(head ? { headOffice: { ...refOf(head), terms: head.contractPrices ?? [] } } : {}) };
}

/**
 * 合約價, served by the customers function under `/api/customers/:id/contract-prices`. Setting prices is the admin's, as
 * the list's is (價格管理); the office reads them to quote and answer the phone, a customer their own (another's is "not
 * found"), drivers nothing (the order carries its price).
 */
export const customerContractPriceRoutes = [
  route({
    method: 'GET',
    path: '/:id/contract-prices',
    roles: ['admin', 'office', 'customer'],
    docs: {
      summary: "A customer's 合約價 terms and the price they pay each size on a date (default today, Taipei), beside the list price",
      description: 'An unknown customer is 404, as is another customer’s for a customer.',
      response: contractPricesAnswerSchema,
    },
    params: idParams,
    query: z.object({ date: calendarDateSchema.optional() }),
    async handle({ params, query, principal }) {
      assertCanReadCustomer(principal, params.id);
      const c = await container();
      const customer = await firestoreCustomerStore(c.db).get(params.id);
      return { body: await answerFor(c, customer, query.date ?? taipeiDate(c.clock.now())) };
    },
  }),
  route({
    method: 'PUT',
    path: '/:id/contract-prices',
    roles: ['admin'],
    docs: {
      summary: "Set a customer's whole set of 合約價 terms (an empty list ends them), re-pricing their open orders",
      description:
        'Per size, a discount off the list price of the day (which follows every list change) or a fixed unit price (which no list change moves), from `effectiveFrom` to `effectiveTo` (open-ended without). ' +
        'The customer and their pending and confirmed orders, priced anew as the terms make them, are written in one transaction (each order with its `order.updated`); orders on a route keep their price. ' +
        "A head office's branches pay its terms for the days and sizes their own leave open (沿用總店合約價), so their pending and confirmed orders are priced anew with its own (the chain's together at most 200, else 409 CUSTOMER.TOO_MANY_OPEN_ORDERS). " +
        'A term ending before it starts or two terms of a size on one day are 400 (PRICE.CONTRACT_PERIOD, PRICE.CONTRACT_OVERLAP); a discount leaving nothing to pay on a list price of its period 422 (PRICE.CONTRACT_NOT_POSITIVE); ' +
        `a new term pricing a size more than ${LARGE_PRICE_CHANGE * 100}% below the list 422 (PRICE.CONTRACT_LARGE_DISCOUNT, with listPrice and unitPrice) unless confirmLargeDiscount. Sending the terms stored writes nothing.`,
      response: contractPricesAnswerSchema.extend({ repricedOrders: z.number().int().min(0) }),
    },
    params: idParams,
    body: setContractPricesInputSchema,
    async handle({ params, body, principal }) {
      const c = await container();
      const set = await setContractPrices(c, params.id, body, actorOf(principal));
      const answer = await answerFor(c, set.customer, taipeiDate(c.clock.now()));
      return { body: { ...answer, repricedOrders: set.repricedOrderIds.length }, touched: [...set.repricedOrderIds] };
    },
  }),
];
