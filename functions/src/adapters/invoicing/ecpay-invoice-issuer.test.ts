import { Firestore } from '@google-cloud/firestore';
import { loadConfig } from '../../config/load-config';
import type { InvoiceDraft } from '../../domain/invoicing';
import { issuedInvoice } from '../../domain/invoicing';
import { ecpayDecrypt, ecpayEncrypt, ecpayInvoiceIssuer, relateNumberOf } from './ecpay-invoice-issuer';
import { invoiceIssuerFromConfig } from './select-issuer';
import { startEcpayServer, type LocalEcpayServer } from './test-support/ecpay-server';

const MERCHANT = '2000132';
const KEY = 'ejCk326UnaZWKisg';
const IV = 'q9jcZX8Ib9LM8wYk';

const b2c: InvoiceDraft = {
  id: 'inv-ord-20261128-0001',
  kind: 'B2C',
  customer: { id: 'cust-0001', code: 'C00001', name: '王小姐', address: '台北市大安區復興南路一段100號', phone: '0912-345-678' },
  buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' },
  lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 }],
  amounts: { salesAmount: 1676, taxAmount: 84, totalAmount: 1760 },
  source: { orderId: 'ord-20261128-0001' },
};
const b2b: InvoiceDraft = {
  ...b2c,
  id: 'inv-cust-0002-2026-11',
  kind: 'B2B',
  customer: { id: 'cust-0002', code: 'C00002', name: '林記麵館', address: '新北市中和區中山路二段35巷12號1樓', phone: '(02)2941-5566' },
  buyer: { type: 'business', taxId: '22099131', title: '林記麵館有限公司' },
  source: { customerId: 'cust-0002', month: '2026-11', orderIds: ['ord-a'] },
};

describe('ECPay e-invoice issuer against a local server speaking ECPay’s wire format', () => {
  let api: LocalEcpayServer;
  beforeEach(async () => {
    api = await startEcpayServer(MERCHANT, KEY, IV);
  });
  afterEach(() => api.stop());

  const issuer = () => ecpayInvoiceIssuer({ merchantId: MERCHANT, hashKey: KEY, hashIv: IV, apiUrl: api.baseUrl, timeoutMs: 2000 });

  it('round-trips Data as ECPay encodes it (URL-encoded JSON, AES-128-CBC, base64), Chinese and spaces included', () => {
    const data = { ItemName: '液化石油氣 20公斤', Reason: "O'Brien (test) ~!*" };
    expect(ecpayDecrypt(ecpayEncrypt(data, KEY, IV), KEY, IV)).toEqual(data);
  });

  it('issues a B2C invoice to a mobile barcode, tax included, and answers ECPay’s number, random number and date', async () => {
    const issued = await issuer().issue(b2c);
    expect(issued).toEqual({ number: 'EC00000001', randomNumber: '0001', issuedAt: expect.any(Date), providerRef: relateNumberOf(b2c.id) });
    expect(Math.abs(issued.issuedAt.getTime() - Date.now())).toBeLessThan(5000);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toEqual({
      path: '/B2CInvoice/Issue',
      data: expect.objectContaining({
        MerchantID: MERCHANT,
        RelateNumber: relateNumberOf(b2c.id),
        CustomerIdentifier: '',
        CustomerPhone: '0912345678',
        Print: '0',
        Donation: '0',
        CarrierType: '3',
        CarrierNum: '/ABC1234',
        SalesAmount: 1760,
        vat: '1',
        Items: [{ ItemSeq: 1, ItemName: '液化石油氣 20公斤', ItemCount: 2, ItemWord: '桶', ItemPrice: 880, ItemTaxType: '1', ItemAmount: 1760 }],
      }),
    });
    expect(relateNumberOf(b2c.id)).toMatch(/^[A-Za-z0-9]{30}$/);
  });

  it('issues to a business buyer with its 統一編號 and title, printed', async () => {
    await issuer().issue(b2b);
    expect(api.requests[0]?.data).toMatchObject({ CustomerIdentifier: '22099131', CustomerName: '林記麵館有限公司', Print: '1', CarrierType: '', CustomerAddr: b2b.customer.address });
  });

  it('adopts the invoice ECPay already holds when the reply to the first attempt was lost, issuing nothing twice', async () => {
    api.failNext('drop');
    await expect(issuer().issue(b2c)).rejects.toMatchObject({ code: 'INVOICE.PROVIDER_UNAVAILABLE', kind: 'unavailable' });
    expect(api.invoices.size).toBe(1);
    const retried = await issuer().issue(b2c);
    expect(retried.number).toBe('EC00000001');
    expect(api.invoices.size).toBe(1);
    expect(api.requests.map((r) => r.path)).toEqual(['/B2CInvoice/Issue', '/B2CInvoice/Issue', '/B2CInvoice/GetIssue']);
  });

  it('reports a refusal with ECPay’s message when no invoice exists under the RelateNumber', async () => {
    api.failNext({ rtnCode: 1100099, rtnMsg: '發票金額錯誤' });
    await expect(issuer().issue(b2c)).rejects.toMatchObject({ code: 'INVOICE.PROVIDER_REFUSED', kind: 'precondition', details: expect.objectContaining({ reason: '1100099 發票金額錯誤' }) });
    expect(api.invoices.size).toBe(0);
  });

  it('treats a 5xx and an unanswered request as retryable, and stops calling after five in a row', async () => {
    const one = issuer();
    for (let i = 0; i < 5; i++) api.failNext(503);
    for (let i = 0; i < 5; i++) await expect(one.issue(b2c)).rejects.toMatchObject({ code: 'INVOICE.PROVIDER_UNAVAILABLE' });
    await expect(one.issue(b2c)).rejects.toMatchObject({ code: 'INVOICE.PROVIDER_UNAVAILABLE', message: 'ECPay circuit open' });
    expect(api.invoices.size).toBe(0);
  });

  it('treats a server that cannot be reached as retryable', async () => {
    const server = await startEcpayServer(MERCHANT, KEY, IV);
    await server.stop();
    await expect(ecpayInvoiceIssuer({ merchantId: MERCHANT, hashKey: KEY, hashIv: IV, apiUrl: server.baseUrl, timeoutMs: 200 }).issue(b2c)).rejects.toMatchObject({ code: 'INVOICE.PROVIDER_UNAVAILABLE' });
  });

  it('voids an invoice by number and issue day with the reason cut to ECPay’s 20 characters, and counts a repeated void as done', async () => {
    const one = issuer();
    const invoice = issuedInvoice(b2c, await one.issue(b2c), 'ecpay');
    await one.void(invoice, '客戶統一編號填寫錯誤需要重新開立一張新的發票');
    const stored = api.invoices.get(relateNumberOf(b2c.id));
    expect(stored).toMatchObject({ invalid: true, invalidReason: '客戶統一編號填寫錯誤需要重新開立一張新的' });
    await expect(one.void(invoice, '再一次')).resolves.toBeUndefined();
  });

  it('refuses a void ECPay refuses', async () => {
    const one = issuer();
    const invoice = issuedInvoice(b2c, await one.issue(b2c), 'ecpay');
    await expect(one.void({ ...invoice, number: 'EC99999999' }, '開錯')).rejects.toMatchObject({ code: 'INVOICE.PROVIDER_REFUSED' });
  });

  it('is chosen only when the merchant id, key and IV are configured, and refuses to start with a key that is not 16 characters', () => {
    const deps = { db: new Firestore({ projectId: 'unit-select-issuer' }), clock: { now: () => new Date() } }; // built, never called: no connection is made
    expect(invoiceIssuerFromConfig(loadConfig({}).einvoice, deps).provider).toBe('local-book');
    const config = loadConfig({ LG_EINVOICE_MERCHANT_ID: MERCHANT, LG_EINVOICE_HASH_KEY: KEY, LG_EINVOICE_HASH_IV: IV, LG_EINVOICE_API_URL: api.baseUrl });
    expect(config.einvoice).toEqual({ merchantId: MERCHANT, hashKey: KEY, hashIv: IV, apiUrl: api.baseUrl });
    expect(invoiceIssuerFromConfig(config.einvoice, deps).provider).toBe('ecpay');
    expect(invoiceIssuerFromConfig(loadConfig({ LG_EINVOICE_MERCHANT_ID: MERCHANT }).einvoice, deps).provider).toBe('local-book');
    expect(() => invoiceIssuerFromConfig(loadConfig({ LG_EINVOICE_MERCHANT_ID: MERCHANT, LG_EINVOICE_HASH_KEY: 'short', LG_EINVOICE_HASH_IV: IV }).einvoice, deps)).toThrow(/LG_EINVOICE_HASH_KEY/);
  });
});
