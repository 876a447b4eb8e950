import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreRefundStore } from '../adapters/firestore/refund-store';
import { firestoreStatementStore } from '../adapters/firestore/statement-store';
import { firestoreAllowanceStore } from '../adapters/invoicing/allowance-store';
import { balanceOf, nextMonth, recordRefund, recordRefundInputSchema, refundSchema, voidRefund, voidRefundInputSchema } from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import { allowanceSchema } from '../domain/invoicing/allowance';
import { assertCanReadCustomer } from '../domain/customers/permissions';
import { docIdSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { idFromRequest, idParams, route } from '../http/endpoint';
import { refreshLedgerLine } from './use-cases/receivables';

const staff = ['admin', 'office'] as const;
const STAFF_AND_CUSTOMER = ['admin', 'office', 'customer'] as const;
/** A customer with more live allowances than this is not one a refund dialog could list usefully anyway. */
const LIVE_ALLOWANCES_LISTED = 200;

/**
 * Refunds (退款), served by the customers function under `/api/customers/:id/…` beside payments and with their access:
 * the office records and voids, a customer reads their own (another's is "not found"), drivers nothing.
 */
export const customerRefundRoutes = [
  route({
    method: 'POST',
    path: '/:id/refunds',
    roles: staff,
    docs: {
      summary: 'Record money paid back to a customer whose account is in credit (after an allowance on a sale already paid); the same Idempotency-Key answers the first refund again',
      description:
        'At most the credit owed back (the balance below zero, read in the transaction that stores the refund, under the customer\'s credit guard that a payment void also takes, so neither another refund nor a void at the same time changes it), else 422 (REFUND.EXCEEDS_CREDIT with `credit`); a day after today (Taipei) 422 (REFUND.FUTURE_DATE); an `allowanceId` that is not a live allowance of the customer 422 (REFUND.ALLOWANCE_INVALID); an unknown customer 404. The refund raises the balance, the statement of the month it was paid lists it and the receivables line is worked out again.',
      response: refundSchema,
      successStatus: 201,
    },
    params: idParams,
    body: recordRefundInputSchema,
    async handle({ params, body, principal, requestId }) {
      const c = await container();
      const now = c.clock.now();
      const today = taipeiDate(now);
      const [, allowance] = await Promise.all([
        firestoreCustomerStore(c.db).get(params.id),
        body.allowanceId ? firestoreAllowanceStore(c.db).find(body.allowanceId) : Promise.resolve(undefined),
      ]);
      const linked = allowance === undefined ? undefined : allowance && { customerId: allowance.customer.id, status: allowance.status };
      const id = idFromRequest('ref', requestId);
      const refund = await firestoreRefundStore(c.db).create(
        params.id,
        id,
        // Everything up to the end of this month: nothing later can have happened yet.
        (tx) => firestoreStatementStore(c.db).accountBefore(params.id, nextMonth(today.slice(0, 7)), { tx }),
        (sums) => recordRefund(body, { id, customerId: params.id, today, balance: balanceOf(sums), allowance: linked, by: actorOf(principal), now }),
      );
      await refreshLedgerLine(c, params.id);
      return { status: 201, body: refund };
    },
  }),
  route({
    method: 'POST',
    path: '/:id/refunds/:refundId/void',
    roles: staff,
    docs: {
      summary: 'Void a refund recorded by mistake, with the reason; it is kept and counts nowhere. Voiding again answers the refund as first voided',
      response: refundSchema,
    },
    params: z.object({ id: docIdSchema, refundId: docIdSchema }),
    body: voidRefundInputSchema,
    async handle({ params, body, principal }) {
      const c = await container();
      const voided = await firestoreRefundStore(c.db).void(params.id, params.refundId, (current) => voidRefund(current, body, { by: actorOf(principal), now: c.clock.now() }));
      await refreshLedgerLine(c, params.id);
      return { body: voided };
    },
  }),
  route({
    method: 'GET',
    path: '/:id/allowances',
    roles: STAFF_AND_CUSTOMER,
    docs: {
      summary: "A customer's live allowances (折讓), newest first, at most 200: what a refund may say it pays back",
      response: z.object({ items: z.array(allowanceSchema) }),
    },
    params: idParams,
    async handle({ params, principal }) {
      assertCanReadCustomer(principal, params.id);
      const c = await container();
      await firestoreCustomerStore(c.db).get(params.id);
      return { body: { items: await firestoreAllowanceStore(c.db).liveOf(params.id, LIVE_ALLOWANCES_LISTED) } };
    },
  }),
  route({
    method: 'GET',
    path: '/:id/refunds',
    roles: STAFF_AND_CUSTOMER,
    docs: { summary: "A customer's refunds, voided ones too, by the day paid", response: z.object({ items: z.array(refundSchema) }) },
    params: idParams,
    async handle({ params, principal }) {
      assertCanReadCustomer(principal, params.id);
      const c = await container();
      await firestoreCustomerStore(c.db).get(params.id);
      return { body: { items: await firestoreRefundStore(c.db).ofCustomer(params.id) } };
    },
  }),
];
