import { container } from '../adapters/container';
import { firestorePredictionStore } from '../adapters/firestore/prediction-store';
import { customerSchema, transferCustomerInputSchema, type Customer } from '../domain/customers';
import { z } from '../domain/schema';
import { idFromRequest, idParams, route } from '../http/endpoint';
import { transferToNewOwner } from './use-cases/transfer-customer';

const customerView = customerSchema.omit({ searchTokens: true });
const view = ({ searchTokens: _tokens, ...rest }: Customer) => rest;

/**
 * 過戶: the shop of a customer sold to a new owner, as one operation (`transferToNewOwner`). Served by the customers
 * function under `/api/customers/:id/transfer`.
 */
export const customerTransferRoutes = [
  route({
    method: 'POST',
    path: '/:id/transfer',
    roles: ['admin', 'office'],
    docs: {
      summary: '過戶: the customer’s shop passes to a new owner from the handover day: a new customer at the same place takes the cylinders on site (and the deposit, when moved) and the open orders from that day; the seller is deactivated, linked to the buyer',
      description:
        'In one transaction: the buyer (the next code; address, pin, hours, notes and last safety inspection copied; not the contract prices or LINE), ' +
        'the seller’s 定期配送 rules and 自動配送 moved to the buyer with `moveRecurring`, else the rules ended and the buyer without 自動配送, ' +
        'the seller inactive with `transferredTo` (the buyer `transferredFrom`), cylinders on site and registered cylinders moved, the deposit moved by a refund/collect record pair on the handover day (`deposit: move`) ' +
        'or kept on the seller to refund (`refund`), and the seller’s pending/confirmed orders from the handover day the buyer’s, priced as the buyer pays. ' +
        'The seller’s deliveries before it stay theirs and are invoiced to their 統一編號 by the month’s run. Refused: a handover after today (422 CUSTOMER.TRANSFER_FUTURE) or more than 7 days ago (422 CUSTOMER.TRANSFER_TOO_EARLY), ' +
        'in closed books (422 DEPOSIT.BOOKS_CLOSED), an order of the seller on a truck (409 CUSTOMER.TRANSFER_ORDERS_ON_A_TRUCK), open before the handover day (409 CUSTOMER.TRANSFER_OPEN_BEFORE) or delivered on or after it (409 CUSTOMER.TRANSFER_DELIVERED_AFTER), ' +
        'a head office whose active branches name it (409 CUSTOMER.TRANSFER_HAS_BRANCHES, naming them), a seller with a service call not closed (409 CUSTOMER.TRANSFER_OPEN_SERVICE_CALLS), ' +
        'an inactive seller (409 CUSTOMER.ALREADY_INACTIVE). A branch’s seller keeps its head office, the buyer pays for itself. Send an Idempotency-Key: a retry answers the first result.',
      response: z.object({
        seller: customerView,
        buyer: customerView,
        movedOrderIds: z.array(z.string()),
        cylinderSerials: z.array(z.string()),
        recurringRules: z.object({ moved: z.array(z.string()), ended: z.array(z.string()) }),
      }),
      successStatus: 201,
    },
    params: idParams,
    body: transferCustomerInputSchema,
    async handle({ params, body, principal, locale, requestId }) {
      const c = await container();
      const done = await transferToNewOwner(c, params.id, idFromRequest('cust', requestId), body, principal, locale);
      // Derived data: should this fail after the commit, the nightly run prunes it.
      await firestorePredictionStore(c.db).remove(params.id);
      return {
        status: 201,
        body: { seller: view(done.seller), buyer: view(done.buyer), movedOrderIds: done.movedOrderIds, cylinderSerials: done.cylinderSerials, recurringRules: done.recurringRules },
        touched: [done.buyer.id, ...done.movedOrderIds],
      };
    },
  }),
];
