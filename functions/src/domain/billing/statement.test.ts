import { DomainError } from '../errors';
import type { Order } from '../orders';
import { aCustomer } from '../test-support/customer-mother';
import { anOrder } from '../test-support/order-mother';
import { assertStatementMonth, buildStatement, monthBounds, previousMonth, statementMonthSchema, taipeiMonth } from './statement';

const customer = aCustomer()
  .withId('cust-m')
  .withCode('C00042')
  .with({ name: '林記麵館', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' } })
  .build();
const NOW = new Date('2027-01-10T04:00:00Z');

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
  const statement = buildStatement(customer, '2026-12', orders, NOW);

  it('bills the orders delivered in the Taipei month, by delivery time, and nothing failed, cancelled or of others', () => {
    expect(statement.lines.map((l) => [l.orderId, l.date])).toEqual([
      ['ord-boundary-in', '2026-12-01'],
      ['ord-early', '2026-12-01'],
      ['ord-late', '2026-12-20'],
    ]);
    expect(statement.period).toEqual({ from: '2026-12-01', to: '2026-12-31' });
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
      charges,
      cashCollected: 1500,
      amountDue: charges - 1500,
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
    const running = buildStatement(customer, '2027-01', orders, NOW);
    expect(running.closed).toBe(false);
    expect(running.lines.map((l) => l.orderId)).toEqual(['ord-next-month']);
  });

  it('answers a month without deliveries with zero totals', () => {
    const empty = buildStatement(customer, '2026-10', orders, NOW);
    expect(empty.lines).toEqual([]);
    expect(empty.totals).toEqual({ charges: 0, cashCollected: 0, amountDue: 0, cylinders: [], emptiesCollected: [] });
  });

  it('is deterministic whatever order the orders come in', () => {
    expect(buildStatement(customer, '2026-12', [...orders].reverse(), NOW)).toEqual(statement);
  });

  it('refuses a future month', () => {
    expect(() => buildStatement(customer, '2027-02', orders, NOW)).toThrow(expect.objectContaining({ code: 'STATEMENT.MONTH_IN_FUTURE' }));
  });
});
