import { allowanceDraft, issuedAllowance, issuedInvoice, type Allowance, type Invoice, type InvoiceDraft } from '../../domain/invoicing';
import { taipeiDate } from '../../domain/clock';
import { ecpayInvoiceIssuer } from './ecpay-invoice-issuer';
import { startEcpayServer, type LocalEcpayServer } from './test-support/ecpay-server';

const MERCHANT = '2000132';
const KEY = 'ejCk326UnaZWKisg';
const IV = 'q9jcZX8Ib9LM8wYk';
const OFFICE = { uid: 'u-office', role: 'office' } as const;

const draft: InvoiceDraft = {
  id: 'inv-ord-20261128-0009',
  kind: 'B2B',
  customer: { id: 'cust-0002', code: 'C00002', name: '林記麵館', address: '新北市中和區中山路二段35巷12號1樓', phone: '(02)2941-5566' },
  buyer: { type: 'business', taxId: '22099131', title: '林記麵館有限公司' },
  lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 }],
  amounts: { salesAmount: 1676, taxAmount: 84, totalAmount: 1760 },
  source: { orderId: 'ord-20261128-0009' },
};

describe('ECPay allowances (折讓) against the local server speaking ECPay’s wire format', () => {
  let api: LocalEcpayServer;
  let invoice: Invoice;
  beforeEach(async () => {
    api = await startEcpayServer(MERCHANT, KEY, IV);
    invoice = issuedInvoice(draft, await issuer().issue(draft), 'ecpay');
  });
  afterEach(() => api.stop());

  const issuer = () => ecpayInvoiceIssuer({ merchantId: MERCHANT, hashKey: KEY, hashIv: IV, apiUrl: api.baseUrl, timeoutMs: 2000 });
  const oneCylinder = (id: string, earlier: Allowance[] = []) => allowanceDraft(invoice, earlier, { reason: '退回一支', lines: [{ invoiceLine: 0, quantity: 1 }] }, { id, by: OFFICE });

  it('issues an allowance by invoice number and day with its lines, tax included, and answers IA_Allow_No and IA_Date', async () => {
    const one = issuer();
    const answer = await one.allowance(invoice, oneCylinder('alw-1'), []);
    expect(answer).toEqual({ number: expect.stringMatching(/^\d{16}$/), issuedAt: expect.any(Date), providerRef: answer.number });
    const sent = api.requests.find((r) => r.path === '/B2CInvoice/Allowance');
    expect(sent?.data).toEqual({
      MerchantID: MERCHANT,
      InvoiceNo: invoice.number,
      InvoiceDate: taipeiDate(new Date(invoice.issuedAt)),
      AllowanceNotify: 'S',
      CustomerName: '林記麵館有限公司',
      NotifyMail: '',
      NotifyPhone: '0229415566',
      AllowanceAmount: 880,
      Items: [{ ItemSeq: 1, ItemName: '液化石油氣 20公斤', ItemCount: 1, ItemWord: '桶', ItemPrice: 880, ItemTaxType: '1', ItemAmount: 880 }],
    });
    expect(api.allowances.get(answer.number)).toMatchObject({ invoiceNumber: invoice.number, amount: 880, invalid: false });
  });

  it('adopts the allowance ECPay made when the reply to the first attempt was lost, issuing nothing twice', async () => {
    const one = issuer();
    api.failNext('drop', '/B2CInvoice/Allowance');
    await expect(one.allowance(invoice, oneCylinder('alw-1'), [])).rejects.toMatchObject({ code: 'INVOICE.PROVIDER_UNAVAILABLE' });
    expect(api.allowances.size).toBe(1);
    const retried = await one.allowance(invoice, oneCylinder('alw-1'), []);
    expect(retried.number).toBe([...api.allowances.keys()][0]);
    expect(api.allowances.size).toBe(1);
    expect(api.requests.map((r) => r.path).filter((p) => p !== '/B2CInvoice/Issue')).toEqual(['/B2CInvoice/GetAllowanceList', '/B2CInvoice/Allowance', '/B2CInvoice/GetAllowanceList']);
  });

  it('issues a second allowance of the same amount when the first is a stored one', async () => {
    const one = issuer();
    const first = await one.allowance(invoice, oneCylinder('alw-1'), []);
    const second = await one.allowance(invoice, oneCylinder('alw-2'), [first.number]);
    expect(second.number).not.toBe(first.number);
    expect(api.allowances.size).toBe(2);
  });

  it('cancels an allowance with the reason cut to 20 characters, and counts a repeated cancel as done', async () => {
    const one = issuer();
    const d = oneCylinder('alw-1');
    const allowance = issuedAllowance(d, await one.allowance(invoice, d, []), 'ecpay');
    await one.cancelAllowance(allowance, '折讓金額開錯需要重新開立一張新的折讓單據給客戶');
    expect(api.allowances.get(allowance.number)).toMatchObject({ invalid: true, invalidReason: '折讓金額開錯需要重新開立一張新的折讓單據' });
    await expect(one.cancelAllowance(allowance, '再一次')).resolves.toBeUndefined();
  });

  it('reports ECPay’s refusal of more than the invoice has left', async () => {
    const one = issuer();
    const big = allowanceDraft(invoice, [], { reason: '全退', amount: 1760 }, { id: 'alw-1', by: OFFICE });
    await one.allowance(invoice, big, []);
    await expect(one.allowance(invoice, { ...big, id: 'alw-2', amounts: { salesAmount: 1, taxAmount: 0, totalAmount: 1 }, lines: [{ description: 'x', quantity: 1, unitPrice: 1, amount: 1 }] }, ['x'])).rejects.toMatchObject({
      code: 'INVOICE.PROVIDER_REFUSED',
      details: expect.objectContaining({ reason: '2000005 折讓金額超過發票可折讓金額' }),
    });
  });
});
