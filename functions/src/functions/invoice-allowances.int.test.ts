import { ALLOWANCE_BOOKS } from '../adapters/invoicing/local-allowance-book';
import { taipeiDate } from '../domain/clock';
import { allowanceDraft, b2bAmountsFromTotal, b2cAmounts, periodOfInstant, type Invoice } from '../domain/invoicing';
import { aCustomer, anIssuedInvoice } from '../domain/test-support';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';
import { issueAllowance } from './use-cases/invoice-allowances';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const period = periodOfInstant(new Date());
const today = taipeiDate(new Date()).replace(/-/g, '');
const OFFICE = { uid: 'u-office', role: 'office' } as const;

// customerA / customerB of the api client are cust-a / cust-b.
const cashA = aCustomer().withId('cust-a').withCode('C00201').with({ name: '王小姐', paymentTerms: 'cash' }).build();
const transferB = aCustomer().withId('cust-b').withCode('C00202').with({ name: '林記麵館', paymentTerms: 'transfer', invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' } }).build();

/** Two lines (2 × 20 kg, 1 × 4 kg), NT$2,060: room for allowances by line and by amount. */
const issued = (id: string, customer: typeof cashA, number: string, overrides: Partial<Invoice> = {}): Invoice =>
  anIssuedInvoice(id, customer, number, {
    lines: [
      { description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 },
      { description: '液化石油氣 4公斤', quantity: 1, unitPrice: 300, amount: 300 },
    ],
    amounts: b2cAmounts(2060),
    period,
    ...overrides,
  });

const invoiceDoc = async (id: string) => (await stack.container.db.collection('invoices').doc(id).get()).data() as Invoice;
const seed = async (path: string, data: object) => stack.container.db.doc(path).set(data);
const path = (id: string) => `/api/invoices/${id}/allowances`;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'allowances', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  for (const c of [cashA, transferB]) await seed(`customers/${c.id}`, c);
  await seed('invoices/inv-ord-al-a1', issued('inv-ord-al-a1', cashA, 'AL00000001'));
  await seed('invoices/inv-ord-al-a2', issued('inv-ord-al-a2', cashA, 'AL00000002'));
  await seed('invoices/inv-ord-al-b1', issued('inv-ord-al-b1', transferB, 'AL00000003', { kind: 'B2B', buyer: { type: 'business', taxId: '22099131', title: '林記麵館有限公司' }, amounts: b2bAmountsFromTotal(2060) }));
  await seed('invoices/inv-ord-al-void', issued('inv-ord-al-void', cashA, 'AL00000004', { status: 'void' }));
}, 120_000);
afterAll(() => stack.close());

describe('allowances (折讓) on /api/invoices/:id/allowances', () => {
  it('issues an allowance by lines once per Idempotency-Key, numbered AL + today, and keeps the invoice’s allowedTotal', async () => {
    const first = await call('POST', path('inv-ord-al-b1'), { as: 'office', body: { reason: '退回一支未使用的鋼瓶', lines: [{ invoiceLine: 0, quantity: 1 }] }, key: 'alw-b1-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      invoiceId: 'inv-ord-al-b1',
      invoiceNumber: 'AL00000003',
      kind: 'B2B',
      number: `AL${today}0001`,
      lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: 880, amount: 880, invoiceLine: 0 }],
      amounts: { salesAmount: 838, taxAmount: 42, totalAmount: 880 },
      status: 'issued',
      period,
      provider: 'local-book',
      issuedBy: { uid: 'u-office', role: 'office' },
    });
    const again = await call('POST', path('inv-ord-al-b1'), { as: 'office', body: { reason: '退回一支未使用的鋼瓶', lines: [{ invoiceLine: 0, quantity: 1 }] }, key: 'alw-b1-1' });
    expect(again.body).toEqual(first.body);
    expect((await invoiceDoc('inv-ord-al-b1')).allowedTotal).toBe(880);
    const list = await call('GET', path('inv-ord-al-b1'), { as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ allowedTotal: 880, remaining: 1180 });
    expect(list.body.items).toHaveLength(1);
  });

  it('issues nothing twice when the reply was lost after the book numbered it', async () => {
    const invoice = await invoiceDoc('inv-ord-al-a2');
    const input = { reason: '短少一支', lines: [{ invoiceLine: 1, quantity: 1 }] };
    const numbered = await stack.container.invoiceIssuer.allowance(invoice, allowanceDraft(invoice, [], input, { id: 'alw-lost', by: OFFICE }), []);
    const { allowance, created } = await issueAllowance(stack.container, 'inv-ord-al-a2', input, { id: 'alw-lost', by: OFFICE });
    expect(created).toBe(true);
    expect(allowance.number).toBe(numbered.number);
    const day = await stack.container.db.collection(ALLOWANCE_BOOKS).doc(today).get();
    expect(day.get('next')).toBe(Number(numbered.number.slice(-4)) + 1);
    expect((await issueAllowance(stack.container, 'inv-ord-al-a2', input, { id: 'alw-lost', by: OFFICE })).created).toBe(false);
  });

  it('refuses more than is left of a line or of the invoice, both lines and an amount, and a void invoice, in the caller’s language', async () => {
    const line = await call('POST', path('inv-ord-al-b1'), { as: 'office', body: { reason: 'x', lines: [{ invoiceLine: 0, quantity: 2 }] }, key: 'alw-b1-2' });
    expect(line.status).toBe(422);
    expect(line.body.error).toMatchObject({ code: 'INVOICE.ALLOWANCE_LINE_EXCEEDED', message: '第 1 項折讓超過原發票：最多 2 件、單價 NT$880，尚可折讓 NT$880' });
    const total = await call('POST', path('inv-ord-al-b1'), { as: 'office', body: { reason: 'x', amount: 1181 }, key: 'alw-b1-3', lang: 'en' });
    expect(total.status).toBe(422);
    expect(total.body.error).toMatchObject({ code: 'INVOICE.ALLOWANCE_EXCEEDS_INVOICE', message: 'The allowance exceeds the NT$1,180 left on the invoice' });
    const both = await call('POST', path('inv-ord-al-b1'), { as: 'office', body: { reason: 'x', amount: 1, lines: [{ invoiceLine: 0, quantity: 1 }] }, key: 'alw-b1-4' });
    expect(both.status).toBe(400);
    expect(both.body.error.fields).toEqual([{ path: 'body.lines', message: '請選擇要折讓的品項，或輸入折讓金額（擇一）' }]);
    const unknownLine = await call('POST', path('inv-ord-al-b1'), { as: 'office', body: { reason: 'x', lines: [{ invoiceLine: 5, quantity: 1 }] }, key: 'alw-b1-5' });
    expect(unknownLine.status).toBe(400);
    expect((await call('POST', path('inv-ord-al-void'), { as: 'office', body: { reason: 'x', amount: 1 }, key: 'alw-void' })).body.error.code).toBe('INVOICE.ALREADY_VOID');
    expect((await call('POST', path('inv-ord-nope'), { as: 'office', body: { reason: 'x', amount: 1 }, key: 'alw-nope' })).status).toBe(404);
    expect((await invoiceDoc('inv-ord-al-b1')).allowedTotal).toBe(880);
  });

  it('lets a customer read their own invoice’s allowances only; customers and drivers issue none', async () => {
    await call('POST', path('inv-ord-al-a1'), { as: 'office', body: { reason: '價格更正', lines: [{ invoiceLine: 0, quantity: 2, unitPrice: 30 }] }, key: 'alw-a1-1' });
    const mine = await call('GET', path('inv-ord-al-a1'), { as: 'customerA' });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: Json) => a.amounts.totalAmount)).toEqual([60]);
    const others = await call('GET', path('inv-ord-al-b1'), { as: 'customerA' });
    expect(others.status).toBe(404);
    expect(others.body.error.code).toBe('INVOICE.NOT_FOUND');
    expect((await call('GET', path('inv-ord-al-b1'), { as: 'driver1' })).status).toBe(403);
    expect((await call('POST', path('inv-ord-al-a1'), { as: 'customerA', body: { reason: 'x', amount: 1 }, key: 'alw-cust' })).status).toBe(403);
    expect((await call('POST', path('inv-ord-al-a1'), { as: 'driver1', body: { reason: 'x', amount: 1 }, key: 'alw-drv' })).status).toBe(403);
  });

  it('refuses to void an invoice with live allowances; once they are cancelled the void goes through', async () => {
    const refused = await call('POST', '/api/invoices/inv-ord-al-a1/void', { as: 'office', body: { reason: '開錯' }, key: 'void-al-a1' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'INVOICE.HAS_ALLOWANCES', message: '這張發票已開立折讓（共 NT$60），請先作廢所有折讓單再作廢發票' });
    const [allowance] = (await call('GET', path('inv-ord-al-a1'), { as: 'office' })).body.items as Json[];
    const cancel = `${path('inv-ord-al-a1')}/${allowance?.id}/cancel`;
    const cancelled = await call('POST', cancel, { as: 'office', body: { reason: '金額開錯' }, key: 'cancel-a1' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'void', cancelReason: '金額開錯', cancelledBy: { uid: 'u-office', role: 'office' } });
    expect((await call('POST', cancel, { as: 'office', body: { reason: '金額開錯' }, key: 'cancel-a1' })).body).toEqual(cancelled.body);
    expect((await call('POST', cancel, { as: 'admin', body: { reason: '再一次' }, key: 'cancel-a1-again' })).body.error.code).toBe('INVOICE.ALLOWANCE_ALREADY_VOID');
    expect((await call('POST', `${path('inv-ord-al-b1')}/${allowance?.id}/cancel`, { as: 'office', body: { reason: 'x' }, key: 'cancel-wrong' })).body.error.code).toBe('INVOICE.ALLOWANCE_NOT_FOUND');
    expect((await call('POST', cancel, { as: 'customerA', body: { reason: 'x' }, key: 'cancel-cust' })).status).toBe(403);
    expect((await invoiceDoc('inv-ord-al-a1')).allowedTotal).toBe(0);
    expect((await call('POST', '/api/invoices/inv-ord-al-a1/void', { as: 'office', body: { reason: '開錯' }, key: 'void-al-a1-2' })).status).toBe(200);
  });

  it('adds up the period’s live allowances apart from its sales, and exports them as CSV for the accountant', async () => {
    const totals = await call('GET', `/api/invoices?period=${encodeURIComponent(period)}`, { as: 'office' });
    expect(totals.body.totals.allowances).toEqual({ count: 2, salesAmount: 838 + 286, taxAmount: 42 + 14, totalAmount: 1180 });
    const mine = await call('GET', `/api/invoices?period=${encodeURIComponent(period)}`, { as: 'customerB' });
    expect(mine.body.totals.allowances).toEqual({ count: 1, salesAmount: 838, taxAmount: 42, totalAmount: 880 });
    const csv = await call('GET', `/api/invoices/allowances/export?period=${encodeURIComponent(period)}`, { as: 'office' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="allowances-${period.replace('/', '-')}.csv"`);
    const rows = String(csv.body.raw).replace('\uFEFF', '').trim().split('\r\n');
    expect(rows[0]?.startsWith('折讓單號,折讓日期,期別,狀態,原發票號碼')).toBe(true);
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.includes(',作廢,'))).toHaveLength(1);
    expect((await call('GET', `/api/invoices/allowances/export?period=${encodeURIComponent(period)}`, { as: 'customerA' })).status).toBe(403);
  });
});
