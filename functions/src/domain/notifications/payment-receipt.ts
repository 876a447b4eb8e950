/**
 * 收款通知: when the office records a customer's payment, the customer hears that it arrived and,
 * while something is still owed, how much. Pure: what is said and under which dispatch id; the
 * payments endpoint loads, stores and sends.
 */
import type { Payment, PaymentChannel } from '../billing';
import { formatNtd, type NoticeLocale } from './templates';

export interface PaymentReceipt {
  readonly amount: number;
  readonly method: PaymentChannel;
  /** The Taipei calendar day the money arrived (`YYYY-MM-DD`). */
  readonly receivedOn: string;
  /** What the customer owes once this payment counts; told only when above zero. */
  readonly balance: number;
  /**
   * The part of this payment beyond what was owed (溢收), kept as credit against the next bill: told, so a customer who
   * paid NT$10,000 on NT$9,000 knows the NT$1,000 was not lost (audit 20 F7). Zero when the payment did not overpay.
   */
  readonly credit: number;
}

const METHODS: Readonly<Record<PaymentChannel, Record<NoticeLocale, string>>> = {
  transfer: { 'zh-TW': '轉帳', en: 'bank transfer' },
  cash: { 'zh-TW': '現金', en: 'cash' },
  cheque: { 'zh-TW': '支票', en: 'cheque' },
};

/** `payment-received-<paymentId>`: one receipt per payment, however often its request is retried or replayed. */
export const paymentReceiptId = (paymentId: string): string => `payment-received-${paymentId}`;

/** The receipt a payment earns, or null: a voided payment was never received, so nothing is acknowledged. */
export function paymentReceiptFor(payment: Pick<Payment, 'amount' | 'method' | 'receivedOn' | 'status'>, balance: number): PaymentReceipt | null {
  if (payment.status !== 'received') return null;
  // A credit the customer already held is not this payment's: only as much of it as the payment itself brought.
  const credit = Math.min(payment.amount, Math.max(0, -balance));
  return { amount: payment.amount, method: payment.method, receivedOn: payment.receivedOn, balance, credit };
}

/** `11/28`: the day alone, as a receipt slip writes it (the customer knows which week they paid in). */
function monthDay(date: string): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  if (!month || !day) throw new RangeError(`not a calendar date: ${date}`);
  return `${month}/${day}`;
}

/** The receipt a customer reads, in their language. */
export function renderPaymentReceipt(r: PaymentReceipt, locale: NoticeLocale = 'zh-TW'): string {
  const day = monthDay(r.receivedOn);
  if (locale === 'en') {
    const owed = r.balance > 0 ? ` ${formatNtd(r.balance)} is still outstanding.` : '';
    const credit = r.credit > 0 ? ` ${formatNtd(r.credit)} of it is more than was owed and will be credited to your next bill.` : '';
    return `Lucky Gas has received your payment of ${formatNtd(r.amount)} on ${day} (${METHODS[r.method].en}). Thank you!${owed}${credit}`;
  }
  const owed = r.balance > 0 ? `目前尚有 ${formatNtd(r.balance)} 未付。` : '';
  const credit = r.credit > 0 ? `其中 ${formatNtd(r.credit)} 為溢收，將抵扣下次帳款。` : '';
  return `幸福氣已收到您 ${day} 的付款 ${formatNtd(r.amount)}（${METHODS[r.method]['zh-TW']}），謝謝！${owed}${credit}`;
}
