import { paymentReceiptFor, paymentReceiptId, renderPaymentReceipt } from './payment-receipt';

const payment = { amount: 3200, method: 'transfer', receivedOn: '2026-11-28', status: 'received' } as const;

describe('the receipt a customer gets when the office records their payment', () => {
  it('thanks them for the day, amount and method, and says what is still owed', () => {
    const receipt = paymentReceiptFor(payment, 1200);
    expect(receipt).not.toBeNull();
    expect(renderPaymentReceipt(receipt!)).toBe('幸福氣已收到您 11/28 的付款 NT$3,200（轉帳），謝謝！目前尚有 NT$1,200 未付。');
    expect(renderPaymentReceipt(receipt!, 'en')).toBe('Lucky Gas has received your payment of NT$3,200 on 11/28 (bank transfer). Thank you! NT$1,200 is still outstanding.');
  });

  it('leaves the balance and any credit out when the payment settles exactly what was owed', () => {
    const settled = paymentReceiptFor({ ...payment, amount: 12800, method: 'cheque', receivedOn: '2026-12-05' }, 0)!;
    expect(renderPaymentReceipt(settled)).toBe('幸福氣已收到您 12/5 的付款 NT$12,800（支票），謝謝！');
    expect(renderPaymentReceipt(settled, 'en')).toBe('Lucky Gas has received your payment of NT$12,800 on 12/5 (cheque). Thank you!');
  });

  it('names the part of a payment beyond what was owed as 溢收 credited to the next bill (audit 20 F7)', () => {
    const over = paymentReceiptFor({ ...payment, amount: 10000, receivedOn: '2026-12-01' }, -1000)!;
    expect(renderPaymentReceipt(over)).toBe('幸福氣已收到您 12/1 的付款 NT$10,000（轉帳），謝謝！其中 NT$1,000 為溢收，將抵扣下次帳款。');
    expect(renderPaymentReceipt(over, 'en')).toBe(
      'Lucky Gas has received your payment of NT$10,000 on 12/1 (bank transfer). Thank you! NT$1,000 of it is more than was owed and will be credited to your next bill.',
    );
  });

  it('counts as this payment’s 溢收 no more than the payment itself, whatever credit the customer already held', () => {
    const intoCredit = paymentReceiptFor({ ...payment, amount: 800 }, -1500)!;
    expect(intoCredit.credit).toBe(800);
    expect(renderPaymentReceipt(intoCredit)).toContain('其中 NT$800 為溢收');
  });

  it('acknowledges nothing for a voided payment', () => {
    expect(paymentReceiptFor({ ...payment, status: 'voided' }, 1200)).toBeNull();
  });

  it('keys one receipt per payment', () => {
    expect(paymentReceiptId('pay-abc')).toBe('payment-received-pay-abc');
    expect(paymentReceiptId('pay-abc')).not.toBe(paymentReceiptId('pay-abd'));
  });
});
