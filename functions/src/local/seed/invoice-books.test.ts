import { demoInvoiceBooks, DEMO_BOOK_SIZE } from './invoice-books';

describe('demo invoice books', () => {
  it('opens an unused book for the period before today, the period of today and the next, across the year end', () => {
    expect(demoInvoiceBooks('2026-12-28')).toEqual([
      { period: '2026-09/10', prefix: 'LF', from: 0, to: DEMO_BOOK_SIZE - 1, next: 0 },
      { period: '2026-11/12', prefix: 'LG', from: 0, to: DEMO_BOOK_SIZE - 1, next: 0 },
      { period: '2027-01/02', prefix: 'LH', from: 0, to: DEMO_BOOK_SIZE - 1, next: 0 },
    ]);
  });
});
