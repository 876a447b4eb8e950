import { ageBalance } from '../billing';
import {
  manualPaymentReminder,
  manualPaymentReminderId,
  paymentReminderFor,
  paymentReminderId,
  renderPaymentReminder,
  type PaymentReminder,
} from './payment-reminder';

/** A ledger line as the receivables store works it out: the balance spread over months, newest first. */
function line(balance: number, months: { month: string; owed: number }[], asOf: string, lastPaymentOn?: string) {
  return { balance, ...ageBalance(balance, months, asOf), asOf, ...(lastPaymentOn ? { lastPaymentOn } : {}) };
}

describe('which customers the daily run reminds about overdue payments', () => {
  it('leaves alone a customer whose balance is not yet due', () => {
    // November's charges fall due on 12/15; on 11/28 nothing is late.
    expect(paymentReminderFor(line(4200, [{ month: '2026-11', owed: 4200 }], '2026-11-28'))).toBe('NOT_OVERDUE');
  });

  it('waits five days after the due day before the first reminder', () => {
    const owed = [
      { month: '2026-11', owed: 3000 },
      { month: '2026-10', owed: 5000 },
    ];
    expect(paymentReminderFor(line(8000, owed, '2026-11-19'))).toBe('GRACE');
    const first = paymentReminderFor(line(8000, owed, '2026-11-20'));
    expect(first).toMatchObject({ stage: 'first', overdue: 5000, balance: 8000, oldestUnpaidMonth: '2026-10', dueDate: '2026-11-15', asOf: '2026-11-20' });
  });

  it('does not chase a shortfall below NT$100', () => {
    expect(paymentReminderFor(line(60, [{ month: '2026-09', owed: 4000 }], '2026-11-28'))).toBe('BELOW_MINIMUM');
  });

  it('stays quiet for a week after the customer paid something', () => {
    const owed = [{ month: '2026-09', owed: 4000 }];
    expect(paymentReminderFor(line(4000, owed, '2026-11-28', '2026-11-22'))).toBe('RECENT_PAYMENT');
    expect(paymentReminderFor(line(4000, owed, '2026-11-28', '2026-11-21'))).toMatchObject({ stage: 'second' });
  });

  it('escalates to the second reminder after 30 days late and the final one after 60', () => {
    const stage = (asOf: string) => (paymentReminderFor(line(5000, [{ month: '2026-08', owed: 5000 }], asOf)) as PaymentReminder).stage;
    // August falls due on 9/15.
    expect(stage('2026-10-15')).toBe('first');
    expect(stage('2026-10-16')).toBe('second');
    expect(stage('2026-11-14')).toBe('second');
    expect(stage('2026-11-15')).toBe('final');
  });

  it('treats a balance older than the months the ledger reads as final, without an oldest month', () => {
    const older = paymentReminderFor({ balance: 9000, aging: { notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 9000 }, asOf: '2026-11-28' });
    expect(older).toMatchObject({ stage: 'final', overdue: 9000 });
    expect(older).not.toHaveProperty('oldestUnpaidMonth');
    expect(paymentReminderId('c1', older as PaymentReminder)).toBe('payment-c1-older-final');
  });

  it('keys each stage of each unpaid month once, and hand-sent ones once a day', () => {
    expect(paymentReminderId('cust-1', { stage: 'first', oldestUnpaidMonth: '2026-10' })).toBe('payment-cust-1-2026-10-first');
    expect(paymentReminderId('cust-1', { stage: 'second', oldestUnpaidMonth: '2026-10' })).not.toBe(paymentReminderId('cust-1', { stage: 'first', oldestUnpaidMonth: '2026-10' }));
    expect(manualPaymentReminderId('cust-1', '2026-11-28')).toBe('payment-cust-1-manual-2026-11-28');
  });
});

describe('a reminder the office sends by hand', () => {
  it('goes out in the grace days and after a recent payment, at the stage reached', () => {
    const owed = [{ month: '2026-10', owed: 5000 }];
    expect(manualPaymentReminder(line(5000, owed, '2026-11-17', '2026-11-16'))).toMatchObject({ stage: 'first', overdue: 5000 });
  });

  it('is refused when nothing is past due', () => {
    expect(manualPaymentReminder(line(5000, [{ month: '2026-11', owed: 5000 }], '2026-11-28'))).toBe('NOT_OVERDUE');
    expect(manualPaymentReminder(line(-300, [], '2026-11-28'))).toBe('NOT_OVERDUE');
  });
});

describe('the reminder a customer reads', () => {
  const reminder: PaymentReminder = { stage: 'first', overdue: 12340, balance: 18400, oldestUnpaidMonth: '2026-10', dueDate: '2026-11-15', asOf: '2026-11-20' };

  it('names the overdue amount, the month and its due day, and the balance, in Traditional Chinese', () => {
    expect(renderPaymentReminder(reminder)).toBe(
      '幸福氣繳款提醒：截至 11/20（五），您有 NT$12,340 已逾期未付（最早為 2026 年 10 月帳款，繳款期限 11/15（日）），目前應付總額 NT$18,400。如已付款，請忽略此通知；如有疑問請來電洽詢。',
    );
  });

  it('reads the same in English', () => {
    expect(renderPaymentReminder(reminder, 'en')).toBe(
      'Lucky Gas payment reminder: as of Fri 11/20, NT$12,340 is overdue (from your October 2026 statement, due Sun 11/15); your balance is NT$18,400. If you have already paid, please ignore this message.',
    );
  });

  it('asks the final time to settle or call, without the "ignore if paid" line', () => {
    const text = renderPaymentReminder({ ...reminder, stage: 'final' });
    expect(text.startsWith('幸福氣最後繳款通知')).toBe(true);
    expect(text).toContain('請儘速繳清');
    expect(text).not.toContain('請忽略');
    expect(renderPaymentReminder({ ...reminder, stage: 'second' }, 'en')).toMatch(/^Lucky Gas: second payment reminder/);
  });
});
