import { demoInvoiceBooks, DEMO_BOOK_SIZE } from './invoice-books';

describe('demo invoice books', () => {
  it('opens a book for the period of today and the next, across the year end', () => {
    expect(demoInvoiceBooks('2026-12-28')).toEqual([
      { path: 'invoiceBooks/2026-11-12', data: { period: '2026-11/12', prefix: 'LG', from: 0, to: DEMO_BOOK_SIZE - 1, next: 0 } },
      { path: 'invoiceBooks/2027-01-02', data: { period: '2027-01/02', prefix: 'LH', from: 0, to: DEMO_BOOK_SIZE - 1, next: 0 } },
    ]);
  });
});
