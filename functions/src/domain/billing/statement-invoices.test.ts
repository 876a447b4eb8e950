import { aCustomer } from '../test-support/customer-mother';
import { anOrder } from '../test-support/order-mother';
import type { Order } from '../orders';
import { buildStatement } from './statement';
import { statementInvoiceIds, withInvoices, type BilledInvoice } from './statement-invoices';

const customer = aCustomer().withId('cust-m').with({ paymentTerms: 'monthly' }).build();
const delivered = (id: string, day: string): Order => {
  const order = anOrder().withId(id).forCustomer(customer).inStatus('delivered').build();
  return { ...order, delivery: { at: `${day}T04:00:00Z`, delivered: [], emptiesCollected: [], cashCollected: 0 } };
};
const statement = buildStatement(
  customer,
  '2026-10',
  ['ord-1', 'ord-2', 'ord-3', 'ord-4'].map((id, i) => delivered(id, `2026-10-0${i + 1}`)),
  { before: { charges: 0, cashCollected: 0, payments: 0, allowances: 0, refunds: 0 }, payments: [], allowances: [], refunds: [] },
  new Date('2026-11-05T00:00:00Z'),
);
const monthly: BilledInvoice = { number: 'LF00000824', status: 'issued', source: { customerId: 'cust-m', month: '2026-10', orderIds: ['ord-1', 'ord-2'] } };
const order3 = { source: { orderId: 'ord-3', deliveredOn: '2026-10-03' } };

describe('the invoice each statement line was billed on', () => {
  it('reads the month’s invoice and each order’s own', () => {
    expect(statementInvoiceIds('cust-m', '2026-10', statement.lines.slice(0, 2))).toEqual(['inv-cust-m-2026-10', 'inv-ord-1', 'inv-ord-2']);
  });

  it('is the month’s invoice for the orders it lists, the order’s own otherwise, the last reissue of a void one, none when not invoiced', () => {
    const known = new Map<string, BilledInvoice>([
      ['inv-cust-m-2026-10', monthly],
      ['inv-ord-3', { ...order3, number: 'LF00000280', status: 'void', reissuedAs: 'inv-ord-3-r1' }],
      ['inv-ord-3-r1', { ...order3, number: 'LF00000301', status: 'void', reissuedAs: 'inv-ord-3-r2' }],
      ['inv-ord-3-r2', { ...order3, number: 'LF00000355', status: 'issued' }],
    ]);
    const invoiced = withInvoices(statement, known);
    expect(invoiced.lines.map((l) => [l.orderId, l.invoice])).toEqual([
      ['ord-1', { number: 'LF00000824', status: 'issued' }],
      ['ord-2', { number: 'LF00000824', status: 'issued' }],
      ['ord-3', { number: 'LF00000355', status: 'issued' }],
      ['ord-4', undefined],
    ]);
    expect(invoiced.monthInvoice).toEqual({ number: 'LF00000824', status: 'issued' });
  });

  it('names a void invoice not reissued yet as void, and the month’s reissue in place of its void one', () => {
    const known = new Map<string, BilledInvoice>([
      ['inv-cust-m-2026-10', { ...monthly, status: 'void', reissuedAs: 'inv-cust-m-2026-10-r1' }],
      ['inv-cust-m-2026-10-r1', { ...monthly, number: 'LF00000901' }],
      ['inv-ord-3', { ...order3, number: 'LF00000280', status: 'void', reissuedAs: 'inv-ord-3-r1' }],
    ]);
    const invoiced = withInvoices(statement, known);
    expect(invoiced.monthInvoice).toEqual({ number: 'LF00000901', status: 'issued' });
    expect(invoiced.lines.map((l) => l.invoice?.number)).toEqual(['LF00000901', 'LF00000901', 'LF00000280', undefined]);
    expect(invoiced.lines[2]?.invoice?.status).toBe('void');
  });

  it('names for a line booked late (補登) the month’s invoice, or its door month’s where a run before sales were invoiced in their booked month listed it', () => {
    // Delivered on 30 September, synced once September was closed: billed on 1 October.
    const door = delivered('ord-late', '2026-09-30');
    const late = { ...door, delivery: { ...door.delivery!, bookedOn: '2026-10-01' } };
    const booked = buildStatement(customer, '2026-10', [late], { before: { charges: 0, cashCollected: 0, payments: 0, allowances: 0, refunds: 0 }, payments: [], allowances: [], refunds: [] }, new Date('2026-11-05T00:00:00Z'));
    expect(statementInvoiceIds('cust-m', '2026-10', booked.lines)).toEqual(['inv-cust-m-2026-10', 'inv-ord-late', 'inv-cust-m-2026-09']);
    const september: BilledInvoice = { number: 'LF00000700', status: 'issued', source: { customerId: 'cust-m', month: '2026-09', orderIds: ['ord-late'] } };
    const october: BilledInvoice = { ...monthly, source: { customerId: 'cust-m', month: '2026-10', orderIds: ['ord-late'] } };
    expect(withInvoices(booked, new Map([['inv-cust-m-2026-10', october]])).lines[0]?.invoice).toEqual({ number: 'LF00000824', status: 'issued' });
    expect(withInvoices(booked, new Map([['inv-cust-m-2026-09', september]])).lines[0]?.invoice).toEqual({ number: 'LF00000700', status: 'issued' });
  });

  it('leaves a month not invoiced yet without the month’s invoice', () => {
    const invoiced = withInvoices(statement, new Map());
    expect(invoiced).toEqual(statement);
    expect('monthInvoice' in invoiced).toBe(false);
  });
});
