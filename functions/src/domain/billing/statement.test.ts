import { DomainError } from '../errors';
import { allowanceDraft, allowanceNumberOf, b2cAmounts, issuedAllowance, type Allowance } from '../invoicing';
import type { Order } from '../orders';
import { aCustomer } from '../test-support/customer-mother';
import { anIssuedInvoice } from '../test-support/invoice-mother';
import { anOrder } from '../test-support/order-mother';
import type { Deposit } from './deposit';
import type { Payment } from './payment';
import type { Refund } from './refund';
import { assertStatementMonth, balanceOf, buildStatement, monthBounds, previousMonth, statementMonthSchema, statementSchema, taipeiMonth, type StatementAccount } from './statement';

const customer = aCustomer()
  .withId('cust-m')
  .withCode('C00042')
  .with({ name: '林記麵館', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' } })
  .build();
const NOW = new Date('2027-01-10T04:00:00Z');
const NO_HISTORY: StatementAccount = { before: { charges: 0, cashCollected: 0, payments: 0, allowances: 0, refunds: 0 }, payments: [], allowances: [], refunds: [] };

function payment(id: string, receivedOn: string, amount: number, extra: Partial<Payment> = {}): Payment {
  return { id, customerId: 'cust-m', amount, method: 'transfer', receivedOn, note: '', status: 'received', by: { uid: 'u-office', role: 'office' }, at: `${receivedOn}T02:00:00Z`, ...extra };
}

function delivered(id: string, at: string, items: { size: number; quantity: number }[], cashCollected = 0, extra: Partial<Order> = {}): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items }).inStatus('delivered').build();
  return {
    ...order,
    ...extra,
    delivery: { at, delivered: items as Order['items'], emptiesCollected: [{ size: 20, quantity: 1 }], cashCollected },
  } as Order;
}

describe('statement month', () => {
  it('accepts YYYY-MM and refuses anything else with a catalogue code', () => {
    expect(statementMonthSchema.safeParse('2026-11').success).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026/11', '2026-11-01', '']) {
      const parsed = statementMonthSchema.safeParse(bad);
      expect(parsed.error?.issues[0]?.message).toBe('STATEMENT.MONTH_INVALID');
    }
  });

  it('bounds a month by Taipei midnight, so 16:00 UTC on the last day already belongs to the next month', () => {
    expect(monthBounds('2026-11')).toEqual({
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      from: '2026-10-31T16:00:00.000Z',
      until: '2026-11-30T16:00:00.000Z',
    });
    expect(monthBounds('2028-02').lastDay).toBe('2028-02-29');
    expect(taipeiMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
  });

  it('steps back across a year end', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2026-03')).toBe('2026-02');
  });

  it('refuses a month that has not begun in Taipei, and allows the running one', () => {
    const justAfterNewYearInTaipei = new Date('2026-12-31T16:00:00Z');
    expect(() => assertStatementMonth('2027-01', justAfterNewYearInTaipei)).not.toThrow();
    let error: unknown;
    try {
      assertStatementMonth('2027-02', justAfterNewYearInTaipei);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'STATEMENT.MONTH_IN_FUTURE', kind: 'precondition', details: { month: '2027-02' } });
  });
});

describe('buildStatement', () => {
  const orders: Order[] = [
    delivered('ord-late', '2026-12-20T02:00:00Z', [{ size: 20, quantity: 2 }], 0),
    delivered('ord-early', '2026-12-01T01:00:00Z', [{ size: 20, quantity: 1 }, { size: 16, quantity: 1 }], 1500),
    // 00:30 on 12/1 in Taipei: December, though November in UTC.
    delivered('ord-boundary-in', '2026-11-30T16:30:00Z', [{ size: 50, quantity: 1 }], 0),
    // 23:59 on 11/30 in Taipei: November.
    delivered('ord-boundary-out', '2026-11-30T15:59:00Z', [{ size: 20, quantity: 1 }], 0),
    // 00:00 on 1/1 in Taipei: January.
    delivered('ord-next-month', '2026-12-31T16:00:00Z', [{ size: 20, quantity: 1 }], 0),
    delivered('ord-other', '2026-12-05T02:00:00Z', [{ size: 20, quantity: 1 }], 0, { customerId: 'cust-other' }),
    { ...anOrder().withId('ord-failed').forCustomer(customer).inStatus('failed').build() },
    { ...anOrder().withId('ord-cancelled').forCustomer(customer).inStatus('cancelled').build() },
  ];
  const statement = buildStatement(customer, '2026-12', orders, NO_HISTORY, NOW);

  it('bills the orders delivered in the Taipei month, by delivery time, and nothing failed, cancelled or of others', () => {
    expect(statement.lines.map((l) => [l.orderId, l.date])).toEqual([
      ['ord-boundary-in', '2026-12-01'],
      ['ord-early', '2026-12-01'],
      ['ord-late', '2026-12-20'],
    ]);
    expect(statement.period).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('has no line for a collection-only order (回收空瓶), which charged nothing, but counts the empties it took back', () => {
    const order = anOrder().withId('ord-collect').forCustomer(customer).with({ items: [], emptiesToCollect: [{ size: 20, quantity: 2 }] }).inStatus('delivered').build();
    const collection: Order = { ...order, delivery: { at: '2026-12-10T02:00:00Z', delivered: [], emptiesCollected: [{ size: 4, quantity: 1 }, { size: 20, quantity: 2 }], cashCollected: 0 } };
    const withIt = buildStatement(customer, '2026-12', [...orders, collection], NO_HISTORY, NOW);
    expect({ ...withIt, totals: { ...withIt.totals, emptiesCollected: statement.totals.emptiesCollected } }).toEqual(statement);
    // The month's three 20 kg empties and the collection's.
    expect(withIt.totals.emptiesCollected).toEqual([{ size: 4, quantity: 1 }, { size: 20, quantity: 5 }]);
  });

  it('bills a delivery booked late (補登: its day closed when the phone synced) in the month of its booked day, naming the day it was delivered', () => {
    const late = delivered('ord-nov-late', '2026-11-30T10:00:00Z', [{ size: 20, quantity: 1 }], 300);
    const booked: Order = { ...late, delivery: { ...late.delivery!, bookedOn: '2026-12-01' } };
    const dec = buildStatement(customer, '2026-12', [...orders, booked], NO_HISTORY, NOW);
    expect(dec.lines.map((l) => [l.orderId, l.date, l.deliveredOn])).toEqual([
      ['ord-nov-late', '2026-12-01', '2026-11-30'],
      ['ord-boundary-in', '2026-12-01', undefined],
      ['ord-early', '2026-12-01', undefined],
      ['ord-late', '2026-12-20', undefined],
    ]);
    expect([dec.totals.charges - statement.totals.charges, dec.totals.cashCollected - statement.totals.cashCollected]).toEqual([booked.total, 300]);
    expect(buildStatement(customer, '2026-11', [...orders, booked], NO_HISTORY, NOW).lines.map((l) => l.orderId)).toEqual(['ord-boundary-out']);
  });

  it('keeps each line’s priced items, total, payment method and cash taken at the door', () => {
    const early = orders[1] as Order;
    expect(statement.lines[1]).toEqual({
      date: '2026-12-01',
      deliveredAt: '2026-12-01T01:00:00Z',
      orderId: 'ord-early',
      items: early.items,
      total: early.total,
      paymentMethod: 'monthly',
      cashCollected: 1500,
    });
    expect(early.items.every((i) => i.subtotal === i.unitPrice * i.quantity)).toBe(true);
  });

  it('totals charges, cash collected, the amount due and cylinders by size', () => {
    const charges = statement.lines.reduce((s, l) => s + l.total, 0);
    // Prices of the order mother: size × 40 + 50 per cylinder.
    expect(charges).toBe(2050 + (850 + 690) + 2 * 850);
    expect(statement.totals).toEqual({
      openingBalance: 0,
      charges,
      cashCollected: 1500,
      amountDue: charges - 1500,
      payments: 0,
      allowances: 0,
      refunds: 0,
      closingBalance: charges - 1500,
      cylinders: [
        { size: 16, quantity: 1 },
        { size: 20, quantity: 3 },
        { size: 50, quantity: 1 },
      ],
      emptiesCollected: [{ size: 20, quantity: 3 }],
    });
    expect(Number.isInteger(statement.totals.amountDue)).toBe(true);
  });

  it('heads the statement with the customer’s name, address, phones, payment terms and tax id', () => {
    expect(statement.customer).toEqual({
      id: 'cust-m',
      code: 'C00042',
      name: '林記麵館',
      contactName: customer.contactName,
      address: customer.address.full,
      phones: customer.phones,
      paymentTerms: 'monthly',
      taxId: '22099131',
      companyTitle: '林記麵館有限公司',
    });
  });

  it('marks a past month closed and the running month not yet closed', () => {
    expect(statement.closed).toBe(true);
    const running = buildStatement(customer, '2027-01', orders, NO_HISTORY, NOW);
    expect(running.closed).toBe(false);
    expect(running.lines.map((l) => l.orderId)).toEqual(['ord-next-month']);
  });

  it('answers a month without deliveries with zero totals', () => {
    const empty = buildStatement(customer, '2026-10', orders, NO_HISTORY, NOW);
    expect(empty.lines).toEqual([]);
    expect(empty.totals).toEqual({ openingBalance: 0, charges: 0, cashCollected: 0, amountDue: 0, payments: 0, allowances: 0, refunds: 0, closingBalance: 0, cylinders: [], emptiesCollected: [] });
    expect(empty.payments).toEqual([]);
  });

  it('is deterministic whatever order the orders come in', () => {
    expect(buildStatement(customer, '2026-12', [...orders].reverse(), NO_HISTORY, NOW)).toEqual(statement);
  });

  it('refuses a future month', () => {
    expect(() => buildStatement(customer, '2027-02', orders, NO_HISTORY, NOW)).toThrow(expect.objectContaining({ code: 'STATEMENT.MONTH_IN_FUTURE' }));
  });
});

describe('statement balances', () => {
  const orders: Order[] = [delivered('ord-dec', '2026-12-10T02:00:00Z', [{ size: 20, quantity: 2 }], 300)];
  const before = { charges: 5000, cashCollected: 400, payments: 3000, allowances: 0, refunds: 0 };
  const payments: Payment[] = [
    payment('pay-late', '2026-12-28', 1000, { method: 'cheque', reference: 'AB123456' }),
    payment('pay-early', '2026-12-01', 1600),
    // The last day of November and the first of January belong to other statements.
    payment('pay-nov', '2026-11-30', 999),
    payment('pay-jan', '2027-01-01', 888),
    payment('pay-void', '2026-12-15', 5000, { status: 'voided', voidedAt: '2026-12-16T01:00:00Z', voidReason: '重複' }),
    payment('pay-other', '2026-12-15', 777, { customerId: 'cust-other' }),
  ];
  const december = buildStatement(customer, '2026-12', orders, { before, payments, allowances: [], refunds: [] }, NOW);

  it('opens with what was owed before the month: charges less cash collected and payments', () => {
    expect(balanceOf(before)).toBe(1600);
    expect(december.totals.openingBalance).toBe(1600);
  });

  it('lists the month’s received payments by day, leaving out voided ones, other months’ and other customers’', () => {
    expect(december.payments).toEqual([
      { id: 'pay-early', amount: 1600, method: 'transfer', receivedOn: '2026-12-01', note: '' },
      { id: 'pay-late', amount: 1000, method: 'cheque', receivedOn: '2026-12-28', reference: 'AB123456', note: '' },
    ]);
    expect(december.totals.payments).toBe(2600);
  });

  it('closes with opening + charges − cash − payments, and the next month opens where this one closed', () => {
    const { charges, cashCollected } = december.totals;
    expect(december.totals.closingBalance).toBe(1600 + charges - 300 - 2600);
    expect(cashCollected).toBe(300);
    const january = buildStatement(
      customer,
      '2027-01',
      orders,
      { before: { charges: before.charges + charges, cashCollected: before.cashCollected + cashCollected, payments: before.payments + 2600, allowances: 0, refunds: 0 }, payments, allowances: [], refunds: [] },
      NOW,
    );
    expect(january.totals.openingBalance).toBe(december.totals.closingBalance);
    expect(january.totals.closingBalance).toBe(december.totals.closingBalance - 888);
  });

  it('lists the month’s refunds paid by day and adds them back to the closing balance; voided ones and other months’ count nowhere', () => {
    const refund = (id: string, paidOn: string, amount: number, over: Partial<Refund> = {}): Refund => ({
      id, customerId: customer.id, amount, method: 'transfer', paidOn, reason: '退回折讓款', status: 'paid', by: { uid: 'u-office', role: 'office' }, at: `${paidOn}T02:00:00.000Z`, ...over,
    });
    const refunds = [
      refund('ref-late', '2026-12-20', 300, { method: 'cash', allowanceId: 'alw-1' }),
      refund('ref-early', '2026-12-02', 200),
      refund('ref-nov', '2026-11-30', 999),
      refund('ref-void', '2026-12-10', 5000, { status: 'voided' }),
    ];
    const credit = { charges: 1000, cashCollected: 0, payments: 1500, allowances: 0, refunds: 100 };
    const paidBack = buildStatement(customer, '2026-12', [], { before: credit, payments: [], allowances: [], refunds }, NOW);
    expect(balanceOf(credit)).toBe(-400);
    expect(paidBack.refunds).toEqual([
      { id: 'ref-early', amount: 200, method: 'transfer', paidOn: '2026-12-02', reason: '退回折讓款' },
      { id: 'ref-late', amount: 300, method: 'cash', paidOn: '2026-12-20', reason: '退回折讓款', allowanceId: 'alw-1' },
    ]);
    expect(paidBack.totals).toMatchObject({ openingBalance: -400, refunds: 500, closingBalance: 100 });
  });

  it('shows a credit as a negative balance', () => {
    const overpaid = buildStatement(customer, '2026-12', [], { before: { charges: 1000, cashCollected: 0, payments: 1500, allowances: 0, refunds: 0 }, payments, allowances: [], refunds: [] }, NOW);
    expect(overpaid.totals.openingBalance).toBe(-500);
    expect(overpaid.totals.closingBalance).toBe(-500 - 2600);
  });
});

describe('statement deposits', () => {
  const holding = { ...customer, cylindersOnSite: [{ size: 20 as const, count: 3, depositPaid: 3600 }, { size: 50 as const, count: 1, depositPaid: 2500 }] };
  const deposit = (id: string, receivedOn: string, kind: Deposit['kind'], size: Deposit['size'], amount: number, extra: Partial<Deposit> = {}): Deposit => ({
    id,
    customerId: 'cust-m',
    kind,
    size,
    count: 1,
    amount,
    method: 'cash',
    receivedOn,
    by: '辦公室 小美',
    at: `${receivedOn}T02:00:00Z`,
    ...extra,
  });
  const deposits: Deposit[] = [
    deposit('dep-jan', '2027-01-03', 'collect', 20, 1200),
    deposit('dep-refund', '2026-12-20', 'refund', 16, 1000, { note: '收店退瓶' }),
    // Collected by the driver at a delivery's door: an ordinary record that names its order.
    deposit('dep-collect', '2026-12-02', 'collect', 20, 1200, { orderId: 'ord-dec', by: '陳大明' }),
    deposit('dep-other', '2026-12-05', 'collect', 20, 9999, { customerId: 'cust-other' }),
  ];
  const orders: Order[] = [delivered('ord-dec', '2026-12-10T02:00:00Z', [{ size: 20, quantity: 2 }], 0)];
  const december = buildStatement(holding, '2026-12', orders, { ...NO_HISTORY, deposits }, NOW);

  it('lists the month’s deposits collected and refunded by day, leaving out later months’ and other customers’', () => {
    expect(december.deposits.records).toEqual([
      { id: 'dep-collect', kind: 'collect', size: 20, count: 1, amount: 1200, method: 'cash', receivedOn: '2026-12-02' },
      { id: 'dep-refund', kind: 'refund', size: 16, count: 1, amount: 1000, method: 'cash', receivedOn: '2026-12-20', note: '收店退瓶' },
    ]);
    expect(december.deposits).toMatchObject({ collected: 1200, refunded: 1000 });
  });

  it('works out the deposit held at the month’s end from what is held now, undoing the later records', () => {
    expect(december.deposits.heldAtEnd).toEqual([
      { size: 20, amount: 2400 },
      { size: 50, amount: 2500 },
    ]);
    expect(december.deposits.heldAtEndTotal).toBe(4900);
    const january = buildStatement(holding, '2027-01', orders, { ...NO_HISTORY, deposits }, NOW);
    expect(january.deposits.heldAtEndTotal).toBe(6100);
    expect(january.deposits.records.map((d) => d.id)).toEqual(['dep-jan']);
  });

  it('counts a door deposit booked late (補登) on the day it was booked, in the list and the deposit held, naming its door day', () => {
    const late = deposit('dep-late', '2027-01-01', 'collect', 20, 1200, { orderId: 'ord-dec', collectedOn: '2026-12-31' });
    const account = { ...NO_HISTORY, deposits: [...deposits, late] };
    const dec = buildStatement(holding, '2026-12', orders, account, NOW);
    expect(dec.deposits.records.map((d) => d.id)).toEqual(['dep-collect', 'dep-refund']);
    expect(dec.deposits.heldAtEndTotal).toBe(december.deposits.heldAtEndTotal - 1200);
    const jan = buildStatement(holding, '2027-01', orders, account, NOW);
    expect(jan.deposits.records.find((d) => d.id === 'dep-late')).toMatchObject({ receivedOn: '2027-01-01', collectedOn: '2026-12-31' });
  });

  it('keeps deposits out of the charges, the amount due and the balances', () => {
    const without = buildStatement(holding, '2026-12', orders, NO_HISTORY, NOW);
    expect(december.totals).toEqual(without.totals);
    expect(without.deposits).toEqual({
      records: [],
      collected: 0,
      refunded: 0,
      heldAtEnd: [
        { size: 20, amount: 3600 },
        { size: 50, amount: 2500 },
      ],
      heldAtEndTotal: 6100,
    });
  });
});

describe('statement allowances (折讓)', () => {
  // November's invoice on account: two 20 kg cylinders at NT$880.
  const november = anIssuedInvoice('inv-cust-m-2026-11', customer, 'AB12345678', {
    lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 }],
    amounts: b2cAmounts(1760),
    issuedAt: '2026-11-30T14:30:00.000Z',
  });
  let serial = 0;
  const allowance = (issuedAt: string, input: { reason: string; amount: number }, extra: Partial<Allowance> = {}): Allowance => {
    serial += 1;
    const draft = allowanceDraft(november, [], input, { id: `alw-${serial}`, by: { uid: 'u-office', role: 'office' } });
    return { ...issuedAllowance(draft, { number: allowanceNumberOf(issuedAt.slice(0, 10), serial), issuedAt: new Date(issuedAt), providerRef: 'x' }, 'local-book'), ...extra };
  };
  const allowances: Allowance[] = [
    allowance('2026-12-18T02:00:00.000Z', { reason: '退回一支未使用的 20 公斤鋼瓶', amount: 880 }),
    // 00:30 on 12/1 in Taipei: December, though November in UTC.
    allowance('2026-11-30T16:30:00.000Z', { reason: '價格更正', amount: 100 }),
    // 23:59 on 12/31 in Taipei: December; a minute later is January's.
    allowance('2026-12-31T15:59:00.000Z', { reason: '短少', amount: 50 }),
    allowance('2026-12-31T16:00:00.000Z', { reason: '一月的', amount: 70 }),
    allowance('2026-12-10T02:00:00.000Z', { reason: '開錯', amount: 500 }, { status: 'void', cancelledAt: '2026-12-11T02:00:00.000Z', cancelReason: '金額開錯' }),
    allowance('2026-12-10T02:00:00.000Z', { reason: '他人的', amount: 300 }, { customer: { id: 'cust-other', code: 'C09999', name: '他人' } }),
  ];
  const orders: Order[] = [delivered('ord-dec', '2026-12-10T02:00:00Z', [{ size: 20, quantity: 1 }], 0)];
  const before = { charges: 1760, cashCollected: 0, payments: 0, allowances: 0, refunds: 0 };
  const december = buildStatement(customer, '2026-12', orders, { before, payments: [], allowances, refunds: [] }, NOW);

  it('lists the month’s live allowances by the Taipei day issued, leaving out cancelled ones, other months’ and other customers’', () => {
    expect(december.allowances.map((a) => [a.date, a.amount, a.reason])).toEqual([
      ['2026-12-01', 100, '價格更正'],
      ['2026-12-18', 880, '退回一支未使用的 20 公斤鋼瓶'],
      ['2026-12-31', 50, '短少'],
    ]);
    expect(december.allowances[1]).toMatchObject({ invoiceId: 'inv-cust-m-2026-11', invoiceNumber: 'AB12345678', number: expect.stringMatching(/^AL20261218/) });
    expect(statementSchema.parse(december)).toEqual(december);
  });

  it('takes them off what is owed: closing = opening + charges − cash − payments − allowances, and the amount due keeps the month’s charges', () => {
    const { charges } = december.totals;
    expect(december.totals).toMatchObject({ openingBalance: 1760, amountDue: charges, payments: 0, allowances: 1030, closingBalance: 1760 + charges - 1030 });
  });

  it('counts the allowances issued before the month in the opening balance, so the next month opens where this one closed', () => {
    expect(balanceOf({ ...before, allowances: 1030 })).toBe(730);
    const january = buildStatement(customer, '2027-01', orders, { before: { ...before, charges: before.charges + december.totals.charges, allowances: 1030 }, payments: [], allowances, refunds: [] }, NOW);
    expect(january.totals.openingBalance).toBe(december.totals.closingBalance);
    expect(january.allowances.map((a) => a.reason)).toEqual(['一月的']);
    expect(january.totals.closingBalance).toBe(december.totals.closingBalance - 70);
  });

});
