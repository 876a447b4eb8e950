import type { Invoice, InvoicePage, InvoiceTotals } from './useInvoices';

const get = jest.fn<Promise<InvoicePage>, [string, Record<string, unknown>]>();
// The one HTTP client, answered here page by page; the rest of useApi (session, i18n) is not needed.
jest.mock('./useApi', () => ({ api: { get: (path: string, query: Record<string, unknown>) => get(path, query) }, downloadFile: jest.fn() }));

import { useInvoiceList } from './useInvoices';

const invoice = (id: string, status: Invoice['status'] = 'issued'): Invoice => ({
  id,
  kind: 'B2C',
  customer: { id: 'cust-1', code: 'C00001', name: '王小姐', address: '新北市中和區' },
  buyer: { type: 'print' },
  lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: 850, amount: 850 }],
  amounts: { salesAmount: 810, taxAmount: 40, totalAmount: 850 },
  source: { orderId: id.slice(4) },
  number: 'AB00000001',
  randomNumber: '1234',
  period: '2026-11/12',
  issuedAt: '2026-11-20T02:00:00.000Z',
  status,
  voidableUntil: '2027-01-13',
});
const totals = (count: number, voidCount = 0): InvoiceTotals => ({ count, salesAmount: 810 * count, taxAmount: 40 * count, totalAmount: 850 * count, voidCount });

beforeEach(() => get.mockReset());

describe('the office’s list of a period’s invoices', () => {
  it('asks the API for one page of the status and shows the period’s totals it answers, the latest page’s after load more', async () => {
    get.mockResolvedValueOnce({ items: [invoice('inv-a')], nextCursor: 'inv-a', totals: totals(3, 1) });
    const list = useInvoiceList(1);
    await list.load({ period: '2026-11/12', status: 'issued' });
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenLastCalledWith('/api/invoices', { period: '2026-11/12', status: 'issued', limit: 1, cursor: null });
    expect(list.totals.value).toEqual(totals(3, 1));
    expect(list.nextCursor.value).toBe('inv-a');

    get.mockResolvedValueOnce({ items: [invoice('inv-b')], nextCursor: null, totals: totals(4, 1) });
    await list.loadMore();
    expect(get).toHaveBeenLastCalledWith('/api/invoices', { period: '2026-11/12', status: 'issued', limit: 1, cursor: 'inv-a' });
    expect(list.invoices.value.map((i) => i.id)).toEqual(['inv-a', 'inv-b']);
    expect(list.totals.value).toEqual(totals(4, 1));
    expect(list.nextCursor.value).toBeNull();
  });

  it('moves a voided invoice’s money out of the totals once, as the void answer comes', async () => {
    get.mockResolvedValueOnce({ items: [invoice('inv-a'), invoice('inv-b')], nextCursor: null, totals: totals(2) });
    const list = useInvoiceList();
    await list.load({ period: '2026-11/12' });
    list.replace(invoice('inv-a', 'void'));
    list.replace(invoice('inv-a', 'void'));
    expect(list.totals.value).toEqual(totals(1, 1));
    expect(list.invoices.value.map((i) => i.status)).toEqual(['void', 'issued']);
  });

  it('drops a late answer for an earlier query, its totals with it', async () => {
    let answerFirst: (page: InvoicePage) => void = () => undefined;
    get.mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)));
    get.mockResolvedValueOnce({ items: [invoice('inv-new')], nextCursor: null, totals: totals(1) });
    const list = useInvoiceList();
    const first = list.load({ period: '2026-09/10' });
    await list.load({ period: '2026-11/12' });
    answerFirst({ items: [invoice('inv-old')], nextCursor: null, totals: totals(9) });
    await first;
    expect(list.invoices.value.map((i) => i.id)).toEqual(['inv-new']);
    expect(list.totals.value).toEqual(totals(1));
  });
});
