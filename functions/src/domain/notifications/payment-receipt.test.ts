import { paymentReceiptFor, paymentReceiptId, renderPaymentReceipt } from './payment-receipt';

const payment = { amount: 3200, method: 'transfer', receivedOn: '2026-11-28', status: 'received' } as const;

describe('the receipt a customer gets when the office records their payment', () => {
  it('thanks them for the day, amount and method, and says what is still owed', () => {
    const receipt = paymentReceiptFor(payment, 1200);
    expect(receipt).not.toBeNull();
    expect(renderPaymentReceipt(receipt!)).toBe('幸福氣已收到您 11/28 的付款 NT$3,200（轉帳），謝謝！目前尚有 NT$1,200 未付。');
    expect(renderPaymentReceipt(receipt!, 'en')).toBe('Lucky Gas has received your payment of NT$3,200 on 11/28 (bank transfer). Thank you! NT$1,200 is still outstanding.');
  });

  it('leaves the balance out when nothing is owed, or the customer is in credit', () => {
    const settled = paymentReceiptFor({ ...payment, amount: 12800, method: 'cheque', receivedOn: '2026-12-05' }, 0)!;
    expect(renderPaymentReceipt(settled)).toBe('幸福氣已收到您 12/5 的付款 NT$12,800（支票），謝謝！');
    const credit = paymentReceiptFor({ ...payment, method: 'cash' }, -500)!;
    expect(renderPaymentReceipt(credit, 'en')).toBe('Lucky Gas has received your payment of NT$3,200 on 11/28 (cash). Thank you!');
  });

  it('acknowledges nothing for a voided payment', () => {
    expect(paymentReceiptFor({ ...payment, status: 'voided' }, 1200)).toBeNull();
  });

  it('keys one receipt per payment', () => {
    expect(paymentReceiptId('pay-abc')).toBe('payment-received-pay-abc');
    expect(paymentReceiptId('pay-abc')).not.toBe(paymentReceiptId('pay-abd'));
  });
});
