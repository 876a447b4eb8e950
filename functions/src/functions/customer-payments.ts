import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestorePaymentStore } from '../adapters/firestore/payment-store';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { firestoreStatementStore } from '../adapters/firestore/statement-store';
import { nextMonth, overdueOf, owedMonthSchema, paymentReceivedEvent, paymentSchema, recordPayment, recordPaymentInputSchema, voidPayment, voidPaymentInputSchema } from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import { assertCanReadCustomer } from '../domain/customers/permissions';
import { assertPaysForItself, payerRefSchema, refOf } from '../domain/customers';
import { calendarDateSchema, docIdSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { refreshLedgerLine } from './use-cases/receivables';
import { idFromRequest, idParams, route } from '../http/endpoint';

const staff = ['admin', 'office'] as const;
const STAFF_AND_CUSTOMER = ['admin', 'office', 'customer'] as const;

const balanceSchema = z
  .object({
    /** What the customer owes now: everything delivered, less cash at the door, payments received and allowances, plus refunds paid back; negative is a credit. */
    balance: z.number().int(),
    /** The part past its due day (the 15th of the month after delivery). */
    overdue: z.number().int(),
    /** The oldest month with charges still unpaid. */
    oldestUnpaidMonth: z.string().optional(),
    lastPaymentOn: calendarDateSchema.optional(),
    /**
     * The balance by the months it is made of, oldest first, payments having settled the oldest charges first: what is
     * owed of each month's charges. Empty for a credit or nothing owed.
     */
    owedMonths: z.array(owedMonthSchema),
    /** What is owed from before the twelve months read (rare: a debt over a year old), apart. */
    owedEarlier: z.number().int().optional(),
    /** A branch's (分店／總公司付款): the head office whose balance carries its deliveries; the branch's own is then 0. */
    payer: payerRefSchema.optional(),
  })
  .openapi('CustomerBalance');

/**
 * Payments (收款) and balances, served by the customers function under `/api/customers/:id/…`: the office records
 * and voids, a customer reads their own (another's is "not found"), drivers nothing.
 */
export const customerPaymentRoutes = [
  route({
    method: 'POST',
    path: '/:id/payments',
    roles: staff,
    docs: {
      summary: "Record a customer's payment (bank transfer, cash at the office, cheque); the same Idempotency-Key answers the first payment again",
      description:
        "A day after today (Taipei) is refused with 422 (PAYMENT.FUTURE_DATE), an unknown customer with 404, a branch whose head office pays (分店／總公司付款) with 422 PAYMENT.AT_PAYER naming it. " +
        'The payment is stored with a `payment.received` event, from which the notifyPayments consumer sends the customer a receipt (LINE / SMS / inbox, in their language; `notificationDispatch/payment-received-<paymentId>`, kind `payment-received`) once per payment; a provider outage never fails the payment.',
      response: paymentSchema,
      successStatus: 201,
    },
    params: idParams,
    body: recordPaymentInputSchema,
    async handle({ params, body, principal, requestId }) {
      const c = await container();
      const customers = firestoreCustomerStore(c.db);
      const customer = await customers.get(params.id);
      assertPaysForItself(customer, customer.payerId ? await customers.get(customer.payerId) : null);
      const now = c.clock.now();
      const payment = recordPayment(body, { id: idFromRequest('pay', requestId), customerId: params.id, today: taipeiDate(now), by: actorOf(principal), now });
      // The receipt goes out from notifyPayments on the event written with the payment.
      const stored = await firestorePaymentStore(c.db).create(payment, { events: [paymentReceivedEvent(payment)], publisher: c.publisher, now });
      await refreshLedgerLine(c, params.id);
      return { status: 201, body: stored };
    },
  }),
  route({
    method: 'POST',
    path: '/:id/payments/:paymentId/void',
    roles: staff,
    docs: {
      summary: 'Void a payment recorded by mistake, with the reason; it is kept and counts nowhere. Voiding again answers the payment as first voided',
      description:
        'Refused with 409 (PAYMENT.CREDIT_REFUNDED with `refunded`, `paidOn`, `refundId`) while a refund recorded after the payment paid back the credit it made: the account as it stood at the last such refund (later deliveries left out) would owe without it. Runs under the customer\'s credit guard, so a refund recorded at the same instant comes wholly before or after it.',
      response: paymentSchema,
    },
    params: z.object({ id: docIdSchema, paymentId: docIdSchema }),
    body: voidPaymentInputSchema,
    async handle({ params, body, principal }) {
      const c = await container();
      const today = taipeiDate(c.clock.now());
      const voided = await firestorePaymentStore(c.db).void(
        params.id,
        params.paymentId,
        (current) => voidPayment(current, body, { by: actorOf(principal), now: c.clock.now() }),
        (tx, deliveredBefore) => firestoreStatementStore(c.db).accountBefore(params.id, nextMonth(today.slice(0, 7)), { tx, deliveredBefore }),
      );
      await refreshLedgerLine(c, params.id);
      return { body: voided };
    },
  }),
  route({
    method: 'GET',
    path: '/:id/payments',
    roles: STAFF_AND_CUSTOMER,
    docs: {
      summary: "A customer's payments, voided ones too, received between `from` and `to` (both inclusive, either optional), by the day received",
      response: z.object({ items: z.array(paymentSchema) }),
    },
    params: idParams,
    query: z.object({ from: calendarDateSchema.optional(), to: calendarDateSchema.optional() }),
    async handle({ params, query, principal }) {
      assertCanReadCustomer(principal, params.id);
      const c = await container();
      await firestoreCustomerStore(c.db).get(params.id);
      return { body: { items: await firestorePaymentStore(c.db).ofCustomer(params.id, query.from, query.to) } };
    },
  }),
  route({
    method: 'GET',
    path: '/:id/balance',
    roles: STAFF_AND_CUSTOMER,
    docs: {
      summary: 'What a customer owes now (the running month’s closing balance) and of which months’ charges, how much of it is past due and since which month, and the day of their last payment',
      description: "A head office's balance is its chain's (its branches' deliveries included); a branch's is 0 with the head office that carries it (`payer`).",
      response: balanceSchema,
    },
    params: idParams,
    async handle({ params, principal }) {
      assertCanReadCustomer(principal, params.id);
      const c = await container();
      const customers = firestoreCustomerStore(c.db);
      const customer = await customers.get(params.id);
      // A branch owes nothing itself: its deliveries are in its head office's balance, which a branch is not shown.
      if (customer.payerId) return { body: { balance: 0, overdue: 0, owedMonths: [], payer: refOf(await customers.get(customer.payerId)) } };
      const { line, months, earlier } = await firestoreReceivableStore(c.db).computeWithMonths(customer, c.clock.now());
      const { balance, aging, oldestUnpaidMonth, lastPaymentOn } = line;
      const overdue = overdueOf({ balance, aging });
      return {
        body: {
          balance,
          overdue,
          ...(overdue > 0 && oldestUnpaidMonth ? { oldestUnpaidMonth } : {}),
          ...(lastPaymentOn ? { lastPaymentOn } : {}),
          owedMonths: [...months].reverse(),
          ...(earlier > 0 ? { owedEarlier: earlier } : {}),
        },
      };
    },
  }),
];
