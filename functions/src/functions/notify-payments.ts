import type { Transaction } from '@google-cloud/firestore';
import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { selectSender } from '../adapters/notify/select-sender';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import type { Payment } from '../domain/billing';
import type { Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import { paymentReceiptFor, paymentReceiptId, renderPaymentReceipt } from '../domain/notifications';
import { dispatchToCustomer } from './use-cases/notification-dispatch';

export const NOTIFY_PAYMENTS = 'notifyPayments';

/**
 * The customer's receipt (收款通知) for a payment the office recorded (`payment.received` on `notifications`), in
 * their language through their channel, with what they still owe worked out as `/balance` does. Once per payment:
 * the dispatch id comes from the payment's and is recorded before the send (`dispatchOnce`), so a redelivered event
 * sends nothing twice, and that record is made only while the payment still counts, so one voided before its receipt
 * went out is never acknowledged. A provider outage throws, and Pub/Sub redelivers until the pending receipt is sent;
 * a provider's refusal is final and logged (通知紀錄 shows it as failed).
 */
export const handlePaymentEvent = eventConsumer(NOTIFY_PAYMENTS, async (event: EventEnvelope) => {
  const { paymentId } = event.data;
  if (event.type !== 'payment.received' || typeof paymentId !== 'string') return;
  const c = await container();
  const paymentDoc = c.db.collection('payments').doc(paymentId);
  const payment = (await paymentDoc.get()).data() as Payment | undefined;
  if (!payment || payment.status !== 'received') return;
  const customerSnap = await c.db.collection('customers').doc(payment.customerId).get();
  if (!customerSnap.exists) return;
  const customer = customerSnap.data() as Customer;
  const { balance } = await firestoreReceivableStore(c.db).compute(customer, c.clock.now());
  const receipt = paymentReceiptFor(payment, balance);
  if (!receipt) return;
  const id = paymentReceiptId(payment.id);
  const about = { kind: 'payment-received', paymentId: payment.id, amount: payment.amount };
  const stillReceived = async (tx: Transaction) => (await tx.get(paymentDoc)).get('status') === 'received';
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  const outcome = await dispatchToCustomer(c, select, id, customer, about, (locale) => renderPaymentReceipt(receipt, locale), stillReceived);
  if (typeof outcome === 'object') console.error(JSON.stringify({ severity: 'WARNING', consumer: NOTIFY_PAYMENTS, message: 'payment receipt refused by the provider', dispatchId: id, code: outcome.failed }));
});

cloudEvent(NOTIFY_PAYMENTS, handlePaymentEvent);
