import { allowanceAmounts, b2bAmountsFromTotal, b2cAmounts, type Allowance } from '../../../functions/src/domain/invoicing';

// The HTTP client is not needed: only the figure is checked.
jest.mock('./useApi', () => ({ api: {}, downloadFile: jest.fn() }));

import { allowanceSplit } from './useAllowances';

// The dialog shows the split before the API is asked; the server's rule (functions/src/domain/invoicing/allowance.ts) is the one that counts.
describe('allowance split shown in the 開立折讓 dialog', () => {
  const earlier = (total: number, kind: 'B2B' | 'B2C') => ({ status: 'issued' as const, amounts: kind === 'B2B' ? b2bAmountsFromTotal(total) : b2cAmounts(total) });
  const cases: ['B2B' | 'B2C', number, number[], number][] = [];
  for (const kind of ['B2B', 'B2C'] as const) {
    for (const invoiceTotal of [30, 880, 1760, 2060, 10_031]) {
      for (const before of [[], [10], [31, 52]]) {
        for (const total of [1, 10, 31, 52, 300, 879, 880]) cases.push([kind, invoiceTotal, before, total]);
      }
    }
  }
  it.each(cases.filter(([, invoiceTotal, before, total]) => before.reduce((s, b) => s + b, 0) + total <= invoiceTotal))(
    '%s invoice of %i with earlier %j: %i splits as the server splits it',
    (kind, invoiceTotal, before, total) => {
      const invoice = { kind, amounts: kind === 'B2B' ? b2bAmountsFromTotal(invoiceTotal) : b2cAmounts(invoiceTotal) };
      const live = before.map((b) => earlier(b, kind));
      expect(allowanceSplit(invoice, live, total)).toEqual(allowanceAmounts(invoice, live as unknown as Allowance[], total));
    },
  );

  it('gives the allowance taking all that is left the invoice’s remaining sales and tax exactly', () => {
    const invoice = { kind: 'B2C' as const, amounts: b2cAmounts(30) };
    const live = [earlier(10, 'B2C'), earlier(10, 'B2C')];
    const last = allowanceSplit(invoice, live, 10);
    expect(last.salesAmount + live.reduce((s, a) => s + a.amounts.salesAmount, 0)).toBe(invoice.amounts.salesAmount);
    expect(last.taxAmount + live.reduce((s, a) => s + a.amounts.taxAmount, 0)).toBe(invoice.amounts.taxAmount);
  });
});
