import type { Transaction } from '@google-cloud/firestore';
import { container, type Container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestorePaymentStore } from '../adapters/firestore/payment-store';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { selectSender } from '../adapters/notify/select-sender';
import { overdueOf, paymentSchema, recordPayment, recordPaymentInputSchema, voidPayment, voidPaymentInputSchema, type Payment } from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { assertCanReadCustomer } from '../domain/customers/permissions';
import { DomainError } from '../domain/errors';
import { paymentReceiptFor, paymentReceiptId, renderPaymentReceipt } from '../domain/notifications';
import { calendarDateSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { dispatchToCustomer } from './use-cases/notification-dispatch';
import { refreshReceivables } from './use-cases/receivables';
import { idFromRequest, route } from '../http/endpoint';

const idParams = z.object({ id: z.string().min(1).max(128) });
const staff = ['admin', 'office'] as const;
const STAFF_AND_CUSTOMER = ['admin', 'office', 'customer'] as const;

const balanceSchema = z
  .object({
    /** What the customer owes now: everything delivered, less cash at the door and payments received; negative is a credit. */
    balance: z.number().int(),
    /** The part past its due day (the 15th of the month after delivery). */
    overdue: z.number().int(),
    /** The oldest month with charges still unpaid. */
    oldestUnpaidMonth: z.string().optional(),
    lastPaymentOn: calendarDateSchema.optional(),
  })
  .openapi('CustomerBalance');

/**
 * The customer's receivables line, worked out again after a payment changed. The payment is stored by
 * then, so a failure here must not turn the answer into an error: the line is derived data, and the
 * nightly `receivables` job works it out again.
 */
async function refreshLedgerLine(c: Container, customerId: string): Promise<void> {
  try {
    await refreshReceivables(c, [customerId]);
  } catch (err) {
    console.error(JSON.stringify({ severity: 'WARNING', message: 'receivables line not refreshed', customerId, error: String(err) }));
  }
}

/**
 * The customer's receipt (收款通知) for a stored payment, in their language through their channel, with what they still
 * owe worked out as `/balance` does. Once per payment: the dispatch id (`paymentReceiptId`, also the provider's
 * idempotency key) comes from the payment's, so a retried request sends nothing twice, and the transaction that
 * records it first checks the payment is still received, so one voided meanwhile is never acknowledged. Like the
 * reminders' sends, a provider outage leaves the dispatch pending (通知紀錄 shows it) and is logged, but here it must
 * not fail the answer: the payment is stored and the clerk must not record it again.
 */
async function sendReceipt(c: Container, customer: Customer, payment: Payment): Promise<void> {
  const id = paymentReceiptId(payment.id);
  try {
    const { balance } = await firestoreReceivableStore(c.db).compute(customer, c.clock.now());
    const receipt = paymentReceiptFor(payment, balance);
    if (!receipt) return;
    const paymentDoc = c.db.collection('payments').doc(payment.id);
    const select = selectSender(c.config, { db: c.db, clock: c.clock });
    const about = { kind: 'payment-received', paymentId: payment.id, amount: payment.amount };
    const stillReceived = async (tx: Transaction) => (await tx.get(paymentDoc)).get('status') === 'received';
    const outcome = await dispatchToCustomer(c, select, id, customer, about, (locale) => renderPaymentReceipt(receipt, locale), stillReceived);
    if (typeof outcome === 'object') console.error(JSON.stringify({ severity: 'WARNING', message: 'payment receipt refused by the provider', customerId: customer.id, dispatchId: id, code: outcome.failed }));
  } catch (err) {
    const code = err instanceof DomainError ? err.code : 'INTERNAL';
    console.error(JSON.stringify({ severity: 'WARNING', message: 'payment receipt not sent', customerId: customer.id, dispatchId: id, code, error: String(err) }));
  }
}

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
        'A day after today (Taipei) is refused with 422 (PAYMENT.FUTURE_DATE), an unknown customer with 404. Once stored, the customer is sent a receipt (LINE / SMS / inbox, in their language; `notificationDispatch/payment-received-<paymentId>`, kind `payment-received`), once per payment; a failed send leaves it pending and never fails the payment.',
      response: paymentSchema,
      successStatus: 201,
    },
    params: idParams,
    body: recordPaymentInputSchema,
    async handle({ params, body, principal, requestId }) {
      const c = await container();
      const customer = await firestoreCustomerStore(c.db).get(params.id);
      const now = c.clock.now();
      const payment = recordPayment(body, { id: idFromRequest('pay', requestId), customerId: params.id, today: taipeiDate(now), by: actorOf(principal), now });
      const stored = await firestorePaymentStore(c.db).create(payment);
      await refreshLedgerLine(c, params.id);
      await sendReceipt(c, customer, stored);
      return { status: 201, body: stored };
    },
  }),
  route({
    method: 'POST',
    path: '/:id/payments/:paymentId/void',
    roles: staff,
    docs: {
      summary: 'Void a payment recorded by mistake, with the reason; it is kept and counts nowhere. Voiding again answers the payment as first voided',
      response: paymentSchema,
    },
    params: z.object({ id: z.string().min(1).max(128), paymentId: z.string().min(1).max(128) }),
    body: voidPaymentInputSchema,
    async handle({ params, body, principal }) {
      const c = await container();
      const voided = await firestorePaymentStore(c.db).mutate(params.id, params.paymentId, (current) => voidPayment(current, body, { by: actorOf(principal), now: c.clock.now() }));
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
    docs: { summary: 'What a customer owes now (the running month’s closing balance), how much of it is past due and since which month, and the day of their last payment', response: balanceSchema },
    params: idParams,
    async handle({ params, principal }) {
      assertCanReadCustomer(principal, params.id);
      const c = await container();
      const customer = await firestoreCustomerStore(c.db).get(params.id);
      const { balance, aging, oldestUnpaidMonth, lastPaymentOn } = await firestoreReceivableStore(c.db).compute(customer, c.clock.now());
      const overdue = overdueOf({ balance, aging });
      return { body: { balance, overdue, ...(overdue > 0 && oldestUnpaidMonth ? { oldestUnpaidMonth } : {}), ...(lastPaymentOn ? { lastPaymentOn } : {}) } };
    },
  }),
];
