import { currentInvoicePeriod, filingDueOn, invoicePeriodOf, invoicePeriodParams, isFiledPeriod, isInvoicePeriod, previousInvoicePeriod, recentInvoicePeriods } from './invoice-period';

describe('invoice periods (期別)', () => {
  it('puts a day in its two-month period starting on an odd month', () => {
    expect(invoicePeriodOf('2026-11-01')).toBe('2026-11/12');
    expect(invoicePeriodOf('2026-12-31')).toBe('2026-11/12');
    expect(invoicePeriodOf('2027-01-01')).toBe('2027-01/02');
    expect(invoicePeriodOf('2026-08-15')).toBe('2026-07/08');
  });

  it('counts the period in Taipei, where 16:30 UTC on 12/31 is already January', () => {
    expect(currentInvoicePeriod(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01/02');
    expect(currentInvoicePeriod(new Date('2026-12-31T15:59:00Z'))).toBe('2026-11/12');
  });

  it('offers the running period and the ones before it, across the new year', () => {
    expect(previousInvoicePeriod('2027-01/02')).toBe('2026-11/12');
    expect(previousInvoicePeriod('2026-05/06')).toBe('2026-03/04');
    expect(recentInvoicePeriods(4, new Date('2027-02-10T04:00:00Z'))).toEqual(['2027-01/02', '2026-11/12', '2026-09/10', '2026-07/08']);
  });

  it('takes only periods the API knows', () => {
    expect(isInvoicePeriod('2026-11/12')).toBe(true);
    for (const bad of ['2026-12/01', '2026-11/01', '2026-02/03', '2026-11', '2026-1/2', undefined]) expect(isInvoicePeriod(bad)).toBe(false);
  });

  it('gives the ROC year the invoice prints (115年11-12月) and English month names', () => {
    expect(invoicePeriodParams('2026-11/12')).toEqual({ roc: 115, year: 2026, from: '11', to: '12', fromName: 'Nov', toName: 'Dec' });
    expect(invoicePeriodParams('2027-01/02')).toMatchObject({ roc: 116, from: '01', to: '02', fromName: 'Jan', toName: 'Feb' });
  });

  it('files a period’s 401 by the 15th of the month after it, and counts it filed from the 16th', () => {
    expect(filingDueOn('2026-09/10')).toBe('2026-11-15');
    expect(filingDueOn('2026-11/12')).toBe('2027-01-15');
    expect(isFiledPeriod('2026-09/10', '2026-11-15')).toBe(false);
    expect(isFiledPeriod('2026-09/10', '2026-11-16')).toBe(true);
    expect(isFiledPeriod('2026-11/12', '2026-12-02')).toBe(false);
  });
});
