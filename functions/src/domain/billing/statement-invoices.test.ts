import { statementInvoiceIds, statementInvoiceNumbers } from './statement-invoices';

const lines = [{ orderId: 'ord-1' }, { orderId: 'ord-2' }, { orderId: 'ord-3' }, { orderId: 'ord-4' }];

describe('the invoice each statement line was billed on', () => {
  it('reads the month’s invoice and each order’s own', () => {
    expect(statementInvoiceIds('cust-m', '2026-10', lines.slice(0, 2))).toEqual(['inv-cust-m-2026-10', 'inv-ord-1', 'inv-ord-2']);
  });

  it('is the month’s invoice for the orders it lists, the order’s own otherwise, the last reissue of a void one, none when not invoiced', () => {
    const known = new Map([
      ['inv-cust-m-2026-10', { number: 'LF00000824', source: { customerId: 'cust-m', month: '2026-10', orderIds: ['ord-1', 'ord-2'] } }],
      ['inv-ord-3', { number: 'LF00000280', source: { orderId: 'ord-3', deliveredOn: '2026-10-09' }, reissuedAs: 'inv-ord-3-r1' }],
      ['inv-ord-3-r1', { number: 'LF00000301', source: { orderId: 'ord-3', deliveredOn: '2026-10-09' }, reissuedAs: 'inv-ord-3-r2' }],
      ['inv-ord-3-r2', { number: 'LF00000355', source: { orderId: 'ord-3', deliveredOn: '2026-10-09' } }],
    ]);
    expect(statementInvoiceNumbers('cust-m', '2026-10', lines, known)).toEqual(
      new Map([
        ['ord-1', 'LF00000824'],
        ['ord-2', 'LF00000824'],
        ['ord-3', 'LF00000355'],
      ]),
    );
  });
});
