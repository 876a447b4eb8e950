import { allowanceAmounts, b2bAmountsFromTotal, b2cAmounts, type Allowance } from '../../../functions/src/domain/invoicing';

// The HTTP client answers from the tables below: the split is only a figure, the customer's list only reads.
jest.mock('./useApi', () => ({ api: { get: jest.fn() }, downloadFile: jest.fn() }));

import { api } from './useApi';
import { allowanceSplit, customerLiveAllowances } from './useAllowances';

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

describe("a customer's live allowances, for 退款 to name one", () => {
  const get = api.get as jest.Mock;
  const alw = (id: string, invoiceId: string, issuedAt: string, status: 'issued' | 'void' = 'issued') => ({ id, invoiceId, issuedAt, status });
  const pages: Record<string, { items: { id: string; allowedTotal?: number }[]; nextCursor: string | null }> = {
    first: { items: [{ id: 'inv-a', allowedTotal: 880 }, { id: 'inv-b' }], nextCursor: 'inv-b' },
    'inv-b': { items: [{ id: 'inv-c', allowedTotal: 0 }, { id: 'inv-d', allowedTotal: 300 }], nextCursor: null },
  };
  const allowances: Record<string, unknown[]> = {
    'inv-a': [alw('alw-1', 'inv-a', '2026-11-01T02:00:00.000Z'), alw('alw-2', 'inv-a', '2026-11-02T02:00:00.000Z', 'void')],
    'inv-d': [alw('alw-3', 'inv-d', '2026-11-05T02:00:00.000Z')],
  };
  beforeEach(() => {
    get.mockReset();
    get.mockImplementation(async (path: string, query?: { cursor?: string | null }) => {
      if (path === '/api/invoices') return pages[query?.cursor ?? 'first'];
      const invoiceId = decodeURIComponent(/\/api\/invoices\/([^/]+)\/allowances$/.exec(path)?.[1] ?? '');
      return { items: allowances[invoiceId] ?? [], allowedTotal: 0, remaining: 0 };
    });
  });

  it('walks every page of their issued invoices and asks only those carrying an allowance, newest allowance first, cancelled ones left out', async () => {
    const live = await customerLiveAllowances('cust-1');
    expect(live.map((a) => a.id)).toEqual(['alw-3', 'alw-1']);
    const invoiceQueries = get.mock.calls.filter(([path]) => path === '/api/invoices').map(([, query]) => query as Record<string, unknown>);
    expect(invoiceQueries).toEqual([expect.objectContaining({ customerId: 'cust-1', status: 'issued', cursor: null }), expect.objectContaining({ customerId: 'cust-1', status: 'issued', cursor: 'inv-b' })]);
    const asked = get.mock.calls.map(([path]) => path as string).filter((path) => path.endsWith('/allowances'));
    expect(asked.sort()).toEqual(['/api/invoices/inv-a/allowances', '/api/invoices/inv-d/allowances']);
  });
});
