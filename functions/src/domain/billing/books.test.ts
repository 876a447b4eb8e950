import { refusal } from '../test-support';
import { assertBooksOpen, CANCEL_HOLD_MS, closeBooks, closeBooksInputSchema, type BooksClosing } from './books';

const admin = { uid: 'u-admin', role: 'admin' } as const;
// 2026-12-01 08:00 in Taipei: December is running, November has ended.
const NOW = new Date('2026-12-01T00:00:00Z');
const closedOct: BooksClosing = { closedThrough: '2026-10-31', by: admin, at: '2026-11-10T02:00:00.000Z' };

describe('closeBooksInputSchema', () => {
  it('takes the last day of a month, leap February too, and nothing else', () => {
    for (const day of ['2026-10-31', '2026-11-30', '2028-02-29', '2026-02-28']) expect(closeBooksInputSchema.safeParse({ closedThrough: day }).success).toBe(true);
    expect(closeBooksInputSchema.safeParse({ closedThrough: '2026-02-29' }).success).toBe(false);
    for (const day of ['2026-10-30', '2026-11-01', '2028-02-28']) {
      expect(closeBooksInputSchema.safeParse({ closedThrough: day }).error?.issues[0]?.message).toBe('BOOKS.NOT_MONTH_END');
    }
  });
});

describe('closeBooks', () => {
  it('closes a month that has ended, first time or forward, keeping who and when', () => {
    expect(closeBooks(undefined, { closedThrough: '2026-10-31' }, { by: admin, now: NOW })).toEqual({ closedThrough: '2026-10-31', by: admin, at: NOW.toISOString() });
    expect(closeBooks(closedOct, { closedThrough: '2026-11-30' }, { by: admin, now: NOW }).closedThrough).toBe('2026-11-30');
  });

  it('answers the same date with the closing as it stands', () => {
    expect(closeBooks(closedOct, { closedThrough: '2026-10-31' }, { by: admin, now: NOW })).toBe(closedOct);
  });

  it('refuses the running month and later ones (in Taipei: 2026-11-30 16:30 UTC is already December)', () => {
    expect(refusal(() => closeBooks(closedOct, { closedThrough: '2026-12-31' }, { by: admin, now: NOW })).code).toBe('BOOKS.MONTH_NOT_ENDED');
    expect(closeBooks(undefined, { closedThrough: '2026-11-30' }, { by: admin, now: new Date('2026-11-30T16:30:00Z') }).closedThrough).toBe('2026-11-30');
    expect(refusal(() => closeBooks(undefined, { closedThrough: '2026-11-30' }, { by: admin, now: new Date('2026-11-30T15:30:00Z') })).code).toBe('BOOKS.MONTH_NOT_ENDED');
  });

  it('waits (409) while an allowance of a day it would close is being cancelled at the issuer; one of a later day, or one held past the hold, does not stop it', () => {
    const since = (msAgo: number) => new Date(NOW.getTime() - msAgo).toISOString();
    const close = (cancelsUnderWay: { day: string; since: string }[]) => closeBooks(closedOct, { closedThrough: '2026-11-30' }, { by: admin, now: NOW, cancelsUnderWay });
    const err = refusal(() => close([{ day: '2026-11-20', since: since(1_000) }]));
    expect([err.code, err.kind, err.details]).toEqual(['BOOKS.ALLOWANCE_CANCEL_UNDER_WAY', 'conflict', { day: '2026-11-20' }]);
    expect(close([{ day: '2026-12-01', since: since(1_000) }]).closedThrough).toBe('2026-11-30');
    expect(close([{ day: '2026-11-20', since: since(CANCEL_HOLD_MS) }]).closedThrough).toBe('2026-11-30');
  });

  it('asks about the work left only in the days it would close: invoices voided and not reissued, then months whose 月結 invoices have not all gone out, each until confirmed', () => {
    const unreissued = [
      { number: 'AB00000001', day: '2026-10-12' },
      { number: 'AB00000002', day: '2026-11-12' },
    ];
    const invoiceRunsDue = [
      { month: '2026-10', customers: 3 },
      { month: '2026-11', customers: 2 },
    ];
    const close = (input: { confirmUnreissuedInvoices?: boolean; confirmInvoiceRunsDue?: boolean }) =>
      closeBooks(closedOct, { closedThrough: '2026-11-30', ...input }, { by: admin, now: NOW, unreissued, invoiceRunsDue });
    const voids = refusal(() => close({}));
    expect([voids.code, voids.kind, voids.details?.numbers, voids.details?.count]).toEqual(['BOOKS.UNREISSUED_INVOICES', 'conflict', ['AB00000002 11/12'], 1]);
    const runs = refusal(() => close({ confirmUnreissuedInvoices: true }));
    expect([runs.code, runs.kind, runs.details?.months, runs.details?.count]).toEqual(['BOOKS.INVOICE_RUNS_DUE', 'conflict', ['2026/11'], 2]);
    expect(close({ confirmUnreissuedInvoices: true, confirmInvoiceRunsDue: true }).closedThrough).toBe('2026-11-30');
  });

  it('moves back only with a reason, which it keeps', () => {
    const err = refusal(() => closeBooks(closedOct, { closedThrough: '2026-09-30' }, { by: admin, now: NOW }));
    expect([err.code, err.kind, err.details?.path]).toEqual(['BOOKS.REOPEN_REASON_REQUIRED', 'precondition', 'reason']);
    expect(closeBooks(closedOct, { closedThrough: '2026-09-30', reason: '十月份收款漏登' }, { by: admin, now: NOW })).toMatchObject({ closedThrough: '2026-09-30', reason: '十月份收款漏登' });
  });
});

describe('assertBooksOpen', () => {
  it('lets through any day while nothing is closed, and days after the date', () => {
    expect(() => assertBooksOpen(undefined, '1999-01-01', 'PAYMENT.BOOKS_CLOSED', 'receivedOn')).not.toThrow();
    expect(() => assertBooksOpen('2026-10-31', '2026-11-01', 'PAYMENT.BOOKS_CLOSED', 'receivedOn')).not.toThrow();
  });

  it('refuses the date itself and every day before, naming the date as the office writes it', () => {
    for (const day of ['2026-10-31', '2016-11-05', '1999-01-01']) {
      const err = refusal(() => assertBooksOpen('2026-10-31', day, 'PAYMENT.BOOKS_CLOSED', 'receivedOn'));
      expect([err.code, err.kind, err.details]).toEqual(['PAYMENT.BOOKS_CLOSED', 'precondition', { path: 'receivedOn', closedThrough: '2026-10-31', day, through: '2026/10/31' }]);
    }
  });
});
