import type { Invoice, InvoicePage, InvoiceTotals, ListedInvoice } from './useInvoices';

const get = jest.fn<Promise<InvoicePage>, [string, Record<string, unknown>]>();
// The one HTTP client, answered here page by page; the rest of useApi (session, i18n) is not needed.
jest.mock('./useApi', () => ({ api: { get: (path: string, query: Record<string, unknown>) => get(path, query) }, downloadFile: jest.fn() }));

import { invoiceOfOrder, useInvoiceList, validInvoice } from './useInvoices';
import { ApiError } from '../lib/api-client';

const invoice = (id: string, status: Invoice['status'] = 'issued'): ListedInvoice => ({
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
  sourceSummary: { type: 'order', orderId: id.slice(4), deliveredOn: '2026-11-20', customerName: '王小姐', items: [{ size: 20, quantity: 1 }] },
});
/** An invoice as the void or a read by id answers it: without the list's summary. */
const answered = ({ sourceSummary, ...stored }: ListedInvoice): Invoice => stored;
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

  it('moves a voided invoice’s money out of the totals once, as the void answer comes, and keeps what it bills', async () => {
    get.mockResolvedValueOnce({ items: [invoice('inv-a'), invoice('inv-b')], nextCursor: null, totals: totals(2) });
    const list = useInvoiceList();
    await list.load({ period: '2026-11/12' });
    list.replace(answered(invoice('inv-a', 'void')));
    list.replace(answered(invoice('inv-a', 'void')));
    expect(list.totals.value).toEqual(totals(1, 1));
    expect(list.invoices.value.map((i) => i.status)).toEqual(['void', 'issued']);
    expect(list.invoices.value[0]?.sourceSummary).toEqual(invoice('inv-a').sourceSummary);
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

describe('the valid invoice of a sale, after 重新開立', () => {
  const voided = (id: string, reissuedAs: string): ListedInvoice => ({ ...invoice(id, 'void'), reissuedAs, reissuedNumber: `AB${reissuedAs.length}` });
  const stored = new Map<string, ListedInvoice>([
    ['inv-ord-1', voided('inv-ord-1', 'inv-ord-1-r1')],
    ['inv-ord-1-r1', { ...voided('inv-ord-1-r1', 'inv-ord-1-r2'), reissueOf: 'inv-ord-1' }],
    ['inv-ord-1-r2', { ...invoice('inv-ord-1-r2'), number: 'CD00000002', period: '2027-01/02', source: { orderId: 'ord-1' }, reissueOf: 'inv-ord-1-r1' }],
    ['inv-cust-1-2026-11', { ...invoice('inv-cust-1-2026-11'), number: 'EF00000011', source: { customerId: 'cust-1', month: '2026-11', orderIds: ['ord-late'] } }],
    ['inv-cust-1-2026-09', { ...invoice('inv-cust-1-2026-09'), number: 'EF00000009', source: { customerId: 'cust-1', month: '2026-09', orderIds: ['ord-listed-late'] } }],
  ]);
  // One invoice by id as the API answers it, 404 for one not issued.
  const answer = async (path: string) => {
    const found = stored.get(decodeURIComponent(path.replace('/api/invoices/', '')));
    if (!found) throw new ApiError(404, 'INVOICE.NOT_FOUND', 'not found');
    return found as unknown as InvoicePage;
  };
  beforeEach(() => get.mockImplementation(answer));

  it('follows reissuedAs to the last reissue, reading only what it does not already have', async () => {
    const first = stored.get('inv-ord-1') as Invoice;
    expect((await validInvoice(first)).id).toBe('inv-ord-1-r2');
    get.mockClear();
    expect((await validInvoice(first, new Map([['inv-ord-1-r1', stored.get('inv-ord-1-r1') as Invoice]]))).number).toBe('CD00000002');
    expect(get.mock.calls.map((c) => c[0])).toEqual(['/api/invoices/inv-ord-1-r2']);
    expect(await validInvoice(invoice('inv-ord-2'))).toEqual(invoice('inv-ord-2'));
  });

  it('shows on an order the reissue of its void invoice', async () => {
    const order = { id: 'ord-1', customerId: 'cust-1', status: 'delivered' as const, paymentMethod: 'cash' as const, timeline: [{ to: 'delivered', at: '2026-11-20T02:00:00.000Z' }] };
    expect(await invoiceOfOrder(order as unknown as Parameters<typeof invoiceOfOrder>[0])).toMatchObject({ id: 'inv-ord-1-r2', status: 'issued', number: 'CD00000002' });
  });

  it('shows on an order on account booked late (補登) into November the November invoice that lists it, not October’s', async () => {
    // Delivered on 31 October in Taipei, synced once October was closed.
    const late = { id: 'ord-late', customerId: 'cust-1', status: 'delivered' as const, paymentMethod: 'monthly' as const, timeline: [{ to: 'delivered', at: '2026-10-31T10:00:00.000Z' }], delivery: { at: '2026-10-31T10:00:00.000Z', bookedOn: '2026-11-01' } };
    expect(await invoiceOfOrder(late as unknown as Parameters<typeof invoiceOfOrder>[0])).toMatchObject({ id: 'inv-cust-1-2026-11', number: 'EF00000011' });
  });

  it('shows on an order booked late that a run before this rule listed on its door month’s invoice that invoice', async () => {
    const listed = { id: 'ord-listed-late', customerId: 'cust-1', status: 'delivered' as const, paymentMethod: 'monthly' as const, timeline: [{ to: 'delivered', at: '2026-09-30T10:00:00.000Z' }], delivery: { at: '2026-09-30T10:00:00.000Z', bookedOn: '2026-10-01' } };
    expect(await invoiceOfOrder(listed as unknown as Parameters<typeof invoiceOfOrder>[0])).toMatchObject({ id: 'inv-cust-1-2026-09', number: 'EF00000009' });
  });
});
