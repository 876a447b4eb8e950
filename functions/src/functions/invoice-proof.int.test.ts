import { exampleOf } from '../domain/schema';
import { invoiceSchema, type Invoice } from '../domain/invoicing';
import { qrVerification } from '../adapters/invoicing/qr-verification';
import { startTestStack, type TestStack } from '../local/test-support';
import { apiClient } from './test-support/api-client';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const example = invoiceSchema.parse(exampleOf(invoiceSchema));
const anInvoice = (id: string, number: string, changes: Partial<Invoice> = {}): Invoice => ({
  ...example,
  id,
  number,
  kind: 'B2C',
  buyer: { type: 'print' },
  amounts: { salesAmount: 1676, taxAmount: 84, totalAmount: 1760 },
  customer: { ...example.customer, id: 'cust-a' },
  ...changes,
});
const stored = async (id: string) => (await stack.container.db.collection('invoices').doc(id).get()).data() as Invoice;
const preview = (id: string, as: 'admin' | 'office' = 'office') => call('GET', `/api/invoices/${id}/print`, { as });
const print = (id: string, opts: { key?: string; lang?: string; as?: 'admin' | 'office' } = {}) =>
  call('POST', `/api/invoices/${id}/print`, { as: opts.as ?? 'office', body: {}, ...(opts.key ? { key: opts.key } : {}), ...(opts.lang ? { lang: opts.lang } : {}) });

beforeAll(async () => {
  stack = await startTestStack({ suite: 'invoice-proof', subscriptions: [] });
  call = apiClient(stack.url, stack.container);
  const invoices = [
    anInvoice('inv-paper', 'AB10000001'),
    anInvoice('inv-b2b', 'AB10000002', { kind: 'B2B', buyer: { type: 'business', taxId: '22099131', title: '林記麵館' } }),
    anInvoice('inv-carrier', 'AB10000003', { buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' } }),
    anInvoice('inv-donated', 'AB10000004', { buyer: { type: 'donation', loveCode: '168001' } }),
    anInvoice('inv-void', 'AB10000005', { status: 'void', voidedAt: '2026-11-29T01:00:00.000Z', voidReason: '開錯' }),
    anInvoice('inv-retried', 'AB10000006'),
    anInvoice('inv-previewed', 'AB10000007'),
  ];
  for (const i of invoices) await stack.container.db.collection('invoices').doc(i.id).set(i);
}, 120_000);
afterAll(() => stack.close());

describe('POST /api/invoices/:id/print (電子發票證明聯)', () => {
  it('answers the proof with the QR signed by the seller’s key, then a 補印 on the second print', async () => {
    const first = await print('inv-paper');
    expect(first.status).toBe(200);
    const verification = qrVerification(stack.container.config.invoiceProof.qrAesKey)('AB10000001', '0427');
    expect(first.body).toMatchObject({
      printCount: 1,
      reprint: false,
      proof: { title: '電子發票證明聯', number: 'AB-10000001', periodLabel: '115年11-12月', randomNumber: '0427', totalAmount: 1760, barcode: '11512AB100000010427', reprint: false },
    });
    expect(first.body.proof.qrLeft).toContain(`00000000${stack.container.config.invoiceSeller.taxId}${verification}:**********:`);
    expect(first.body.proof.qrRight).toMatch(/^\*\*/);
    const second = await print('inv-paper', { as: 'admin' });
    expect(second.body).toMatchObject({ printCount: 2, reprint: true, proof: { reprint: true }, printedAt: first.body.printedAt });
    expect(await stored('inv-paper')).toMatchObject({ printCount: 2, printedAt: first.body.printedAt });
  });

  it('prints a B2B invoice with 格式 25 and the buyer’s 統一編號', async () => {
    const res = await print('inv-b2b');
    expect(res.status).toBe(200);
    expect(res.body.proof).toMatchObject({ format: '25', buyerTaxId: '22099131', salesAmount: 1676, taxAmount: 84 });
  });

  it('counts a retried print (same Idempotency-Key) once', async () => {
    const a = await print('inv-retried', { key: 'print-retry-1' });
    const b = await print('inv-retried', { key: 'print-retry-1' });
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect((await stored('inv-retried')).printCount).toBe(1);
  });

  it('refuses carrier and donated invoices with 422 saying why, in the caller’s language', async () => {
    const carrier = await print('inv-carrier');
    expect(carrier.status).toBe(422);
    expect(carrier.body.error).toMatchObject({ code: 'INVOICE.NOT_PRINTABLE', details: { reason: 'carrier' } });
    expect(carrier.body.error.message).toContain('/ABC1234');
    const donated = await print('inv-donated', { lang: 'en' });
    expect(donated.status).toBe(422);
    expect(donated.body.error.message).toBe('This invoice went to the buyer’s carrier or was donated (168001), so no proof is printed');
    expect((await stored('inv-carrier')).printCount).toBeUndefined();
  });

  it('refuses a void invoice with 409 and leaves it unprinted', async () => {
    const res = await print('inv-void');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'INVOICE.VOID_NOT_PRINTABLE', message: '這張發票已作廢，不能列印證明聯' });
    expect((await stored('inv-void')).printCount).toBeUndefined();
  });

  it('answers 404 for an invoice that does not exist', async () => {
    const res = await print('inv-none');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('INVOICE.NOT_FOUND');
  });

  it('is for the office: a customer and a driver get 403', async () => {
    for (const who of ['customerA', 'driver1'] as const) {
      const res = await call('POST', '/api/invoices/inv-paper/print', { as: who, body: {} });
      expect(res.status).toBe(403);
    }
  });
});

describe('GET /api/invoices/:id/print (the proof before printing)', () => {
  it('counts nothing, however often it is read, and says whether the next print is the first or a 補印', async () => {
    for (const as of ['office', 'admin', 'office'] as const) {
      const res = await preview('inv-previewed', as);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ printCount: 0, reprint: false, proof: { number: 'AB-10000007', reprint: false, barcode: '11512AB100000070427' } });
      expect(res.body.printedAt).toBeUndefined();
    }
    expect((await stored('inv-previewed')).printCount).toBeUndefined();

    const printed = await print('inv-previewed', { key: 'preview-then-print' });
    expect(printed.body).toMatchObject({ printCount: 1, reprint: false });
    // The preview's proof is the print's, figures and codes alike.
    const before = await preview('inv-previewed');
    expect(before.body).toMatchObject({ printCount: 1, reprint: true, printedAt: printed.body.printedAt, proof: { ...printed.body.proof, reprint: true } });
    expect((await stored('inv-previewed')).printCount).toBe(1);

    const again = await print('inv-previewed', { key: 'preview-then-print' });
    expect(again.body).toEqual(printed.body);
    const reprint = await print('inv-previewed', { key: 'second-press' });
    expect(reprint.body).toMatchObject({ printCount: 2, reprint: true, proof: { reprint: true } });
    expect(await stored('inv-previewed')).toMatchObject({ printCount: 2, printedAt: printed.body.printedAt });
  });

  it('refuses what the print refuses: a void invoice 409, a carrier one 422, an unknown one 404', async () => {
    const cases = [
      ['inv-void', 409, 'INVOICE.VOID_NOT_PRINTABLE'],
      ['inv-carrier', 422, 'INVOICE.NOT_PRINTABLE'],
      ['inv-none', 404, 'INVOICE.NOT_FOUND'],
    ] as const;
    for (const [id, status, code] of cases) {
      const res = await preview(id);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
  });

  it('is for the office: a customer and a driver get 403', async () => {
    for (const who of ['customerA', 'driver1'] as const) {
      const res = await call('GET', '/api/invoices/inv-paper/print', { as: who });
      expect(res.status).toBe(403);
    }
  });

  it('refuses an id that cannot name an invoice with 400', async () => {
    const res = await preview('__x__');
    expect(res.status).toBe(400);
  });
});
