import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { ConfigError } from '../../config/load-config';
import { systemClock, taipeiDate, type Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { invoiceDayOf, type Allowance, type AllowanceDraft, type Invoice, type InvoiceDraft, type InvoiceIssuer, type InvoiceLine, type IssuedAllowanceNumber, type IssuedNumber } from '../../domain/invoicing';
import { CircuitBreaker, DEFAULT_BREAKER } from '../../domain/resilience/circuit-breaker';
import { callProvider, type Fetch } from '../notify/http';

/**
 * ECPay (綠界) e-invoice API, B2C edition (`/B2CInvoice/*`), which also issues to a buyer with a 統一編號
 * (`CustomerIdentifier`, printed): ECPay holds the number books and uploads to the MOF platform itself.
 * Every request is `{ MerchantID, RqHeader: { Timestamp }, Data }`, Data being the URL-encoded JSON encrypted with
 * AES-128-CBC under the merchant's HashKey / HashIV, base64; the reply carries `TransCode` (1: the exchange worked) and
 * an encrypted Data with `RtnCode` (1: done) and the answer's fields.
 */
export const ECPAY_EINVOICE_URL = 'https://einvoice.ecpay.com.tw';

export interface EcpayOptions {
  readonly merchantId: string;
  /** 16 characters each: AES-128. */
  readonly hashKey: string;
  readonly hashIv: string;
  readonly apiUrl?: string;
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
  readonly clock?: Clock;
}

/** PHP's urlencode, which ECPay's servers decode: space as `+`, and `~ ' ! * ( )` escaped too. */
const phpUrlEncode = (text: string): string =>
  encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[~'!*()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function ecpayEncrypt(data: unknown, key: string, iv: string): string {
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(key, 'utf8'), Buffer.from(iv, 'utf8'));
  return Buffer.concat([cipher.update(phpUrlEncode(JSON.stringify(data)), 'utf8'), cipher.final()]).toString('base64');
}

export function ecpayDecrypt(data: string, key: string, iv: string): unknown {
  const decipher = createDecipheriv('aes-128-cbc', Buffer.from(key, 'utf8'), Buffer.from(iv, 'utf8'));
  const text = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  return JSON.parse(decodeURIComponent(text.replace(/\+/g, '%20')));
}

/**
 * ECPay's RelateNumber (our reference, at most 30 characters, letters and digits) for an invoice id: derived, so a
 * retry after a lost reply names the same invoice and ECPay refuses to issue it twice.
 */
export const relateNumberOf = (invoiceId: string): string => `LG${createHash('sha256').update(invoiceId).digest('hex').slice(0, 28)}`;

/** ECPay's dates are Taipei wall-clock `yyyy-MM-dd HH:mm:ss` (some replies put `+` for the space). */
function taipeiWallClock(value: unknown): Date | null {
  const m = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})[ +T](\d{2}:\d{2}:\d{2})$/.exec(value.trim()) : null;
  return m ? new Date(`${m[1]}T${m[2]}+08:00`) : null;
}

const unavailable = (message: string, details: Record<string, unknown>, cause?: unknown) =>
  new DomainError('INVOICE.PROVIDER_UNAVAILABLE', 'unavailable', message, details, cause === undefined ? undefined : { cause });
const refused = (reason: string, details: Record<string, unknown>) =>
  new DomainError('INVOICE.PROVIDER_REFUSED', 'precondition', `ECPay refused: ${reason}`, { reason, ...details });

type Reply = Readonly<Record<string, unknown>>;

/** The Issue request's Data for a draft: tax-included prices (`vat: 1`), general tax (`TaxType: 1`, `InvType: 07`). */
export function issueData(merchantId: string, draft: InvoiceDraft): Record<string, unknown> {
  const { buyer } = draft;
  const business = buyer.type === 'business';
  return {
    MerchantID: merchantId,
    RelateNumber: relateNumberOf(draft.id),
    CustomerID: draft.customer.code,
    CustomerIdentifier: business ? buyer.taxId : '',
    CustomerName: business ? buyer.title : draft.customer.name,
    CustomerAddr: draft.customer.address,
    CustomerPhone: (draft.customer.phone ?? '').replace(/\D/g, ''),
    CustomerEmail: '',
    ClearanceMark: '',
    Print: business || buyer.type === 'print' ? '1' : '0',
    Donation: buyer.type === 'donation' ? '1' : '0',
    LoveCode: buyer.type === 'donation' ? buyer.loveCode : '',
    CarrierType: buyer.type === 'carrier' ? (buyer.carrierType === 'mobile' ? '3' : '2') : '',
    CarrierNum: buyer.type === 'carrier' ? buyer.carrierCode : '',
    TaxType: '1',
    SalesAmount: draft.amounts.totalAmount,
    InvoiceRemark: '',
    Items: ecpayItems(draft.lines),
    InvType: '07',
    vat: '1',
  };
}

/** Invoice or allowance lines as ECPay's Items: tax-included (ItemTaxType 1), counted in cylinders (桶). */
const ecpayItems = (lines: readonly InvoiceLine[]) =>
  lines.map((l, i) => ({ ItemSeq: i + 1, ItemName: l.description, ItemCount: l.quantity, ItemWord: '桶', ItemPrice: l.unitPrice, ItemTaxType: '1', ItemAmount: l.amount }));

/**
 * The Allowance request's Data (一般折讓, paper 折讓證明單: the buyer signs ours, ECPay only reports it): the invoice by
 * number and day, the tax-included total and lines; the buyer is texted when a phone is on file.
 */
export function allowanceData(merchantId: string, draft: AllowanceDraft, phone: string | undefined): Record<string, unknown> {
  const notifyPhone = (phone ?? '').replace(/\D/g, '');
  return {
    MerchantID: merchantId,
    InvoiceNo: draft.invoiceNumber,
    InvoiceDate: invoiceDayOf(draft),
    AllowanceNotify: notifyPhone ? 'S' : 'N',
    CustomerName: draft.buyer.type === 'business' ? draft.buyer.title : draft.customer.name,
    NotifyMail: '',
    NotifyPhone: notifyPhone,
    AllowanceAmount: draft.amounts.totalAmount,
    Items: ecpayItems(draft.lines),
  };
}

/**
 * The issuer on ECPay. A request that gets no answer (timeout 10 s, refused connection, 5xx / 429) is
 * `INVOICE.PROVIDER_UNAVAILABLE`, retryable: the RelateNumber makes a retry safe. Such failures sit behind a circuit
 * breaker (5 in a row: 30 s without calls), so an outage fails fast instead of each delivery waiting out a timeout.
 * A refusal (`RtnCode` ≠ 1) is first checked against GetIssue: when ECPay already holds an invoice under the
 * RelateNumber (the earlier attempt went through, its reply was lost) that one is adopted; else `INVOICE.PROVIDER_REFUSED`.
 */
export function ecpayInvoiceIssuer(options: EcpayOptions): InvoiceIssuer {
  // Checked when the container is built, so a wrong secret stops the function at start rather than at the first delivery.
  if (Buffer.byteLength(options.hashKey) !== 16 || Buffer.byteLength(options.hashIv) !== 16) {
    throw new ConfigError('Invalid configuration:\n  LG_EINVOICE_HASH_KEY and LG_EINVOICE_HASH_IV must be 16 characters each (AES-128)');
  }
  const base = (options.apiUrl ?? ECPAY_EINVOICE_URL).replace(/\/$/, '');
  const clock = options.clock ?? systemClock;
  const call = { provider: 'ECPAY', timeoutMs: options.timeoutMs ?? 10_000, fetch: options.fetch ?? fetch };
  const breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, clock });

  async function exchange(path: string, data: Record<string, unknown>): Promise<Reply> {
    const body = JSON.stringify({
      MerchantID: options.merchantId,
      RqHeader: { Timestamp: Math.floor(clock.now().getTime() / 1000) },
      Data: ecpayEncrypt(data, options.hashKey, options.hashIv),
    });
    const { response, body: text } = await callProvider(call, `${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).catch(
      (error: unknown) => {
        throw unavailable(`ECPay ${path} did not answer`, { path }, error);
      },
    );
    if (response.status === 429 || response.status >= 500) throw unavailable(`ECPay ${path} answered ${response.status}`, { path, status: response.status });
    if (!response.ok) throw refused(`HTTP ${response.status}`, { path });
    let outer: { TransCode?: unknown; TransMsg?: unknown; Data?: unknown };
    let inner: unknown;
    try {
      outer = JSON.parse(text) as typeof outer; // ECPay's documented reply; every field is checked below
      if (outer.TransCode !== 1) throw refused(`TransCode ${String(outer.TransCode)} ${String(outer.TransMsg ?? '')}`.trim(), { path });
      inner = ecpayDecrypt(String(outer.Data ?? ''), options.hashKey, options.hashIv);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw unavailable(`ECPay ${path} answered something unreadable`, { path }, error);
    }
    if (typeof inner !== 'object' || inner === null) throw unavailable(`ECPay ${path} answered no data`, { path });
    return inner as Reply;
  }

  // Only unanswered exchanges count against the breaker: a refusal means ECPay is up.
  const send = (path: string, data: Record<string, unknown>): Promise<Reply> =>
    breaker.run(() => exchange(path, data)).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'RESILIENCE.CIRCUIT_OPEN') throw unavailable('ECPay circuit open', { ...error.details }, error);
      throw error;
    });

  const issued = (relateNumber: string, number: unknown, random: unknown, date: unknown): IssuedNumber | null => {
    const issuedAt = taipeiWallClock(date);
    if (typeof number !== 'string' || !/^[A-Z]{2}\d{8}$/.test(number) || typeof random !== 'string' || !/^\d{4}$/.test(random) || !issuedAt) return null;
    return { number, randomNumber: random, issuedAt, providerRef: relateNumber };
  };

  const getIssue = (relateNumber: string) => send('/B2CInvoice/GetIssue', { MerchantID: options.merchantId, RelateNumber: relateNumber });

  /** ECPay's live allowances of an invoice (GetAllowanceList by invoice number and day; RtnCode 7: none). */
  async function allowancesOf(invoiceNo: string, invoiceDay: string): Promise<Reply[]> {
    const reply = await send('/B2CInvoice/GetAllowanceList', { MerchantID: options.merchantId, SearchType: '1', InvoiceNo: invoiceNo, Date: invoiceDay });
    if (reply['RtnCode'] === 7) return [];
    if (reply['RtnCode'] !== 1 || !Array.isArray(reply['AllowanceInfo'])) throw unavailable('ECPay GetAllowanceList answered no list', { invoiceNo, rtnCode: reply['RtnCode'] });
    return (reply['AllowanceInfo'] as unknown[]).filter((a): a is Reply => typeof a === 'object' && a !== null && String((a as Reply)['IA_Invalid_Status']) !== '1');
  }

  const allowanceAnswer = (number: unknown, date: unknown): IssuedAllowanceNumber | null => {
    const issuedAt = taipeiWallClock(date);
    return typeof number === 'string' && /^\w{1,20}$/.test(number) && issuedAt ? { number, issuedAt, providerRef: number } : null;
  };

  return {
    provider: 'ecpay',
    async issue(draft: InvoiceDraft): Promise<IssuedNumber> {
      const data = issueData(options.merchantId, draft);
      const relateNumber = String(data['RelateNumber']);
      const reply = await send('/B2CInvoice/Issue', data);
      if (reply['RtnCode'] === 1) {
        const answer = issued(relateNumber, reply['InvoiceNo'], reply['RandomNumber'], reply['InvoiceDate']);
        if (!answer) throw unavailable('ECPay issued without a readable number', { relateNumber });
        return answer;
      }
      const existing = await getIssue(relateNumber);
      const adopted = existing['RtnCode'] === 1 ? issued(relateNumber, existing['IIS_Number'], existing['IIS_Random_Number'], existing['IIS_Create_Date']) : null;
      if (adopted) return adopted;
      throw refused(`${String(reply['RtnCode'])} ${String(reply['RtnMsg'] ?? '')}`.trim(), { relateNumber });
    },
    async void(invoice: Invoice, reason: string): Promise<void> {
      const reply = await send('/B2CInvoice/Invalid', {
        MerchantID: options.merchantId,
        InvoiceNo: invoice.number,
        InvoiceDate: taipeiDate(new Date(invoice.issuedAt)),
        // ECPay keeps 20 characters of the reason.
        Reason: [...reason].slice(0, 20).join(''),
      });
      if (reply['RtnCode'] === 1) return;
      // Voided already (an earlier attempt whose reply was lost) counts as done.
      const existing = await getIssue(invoice.providerRef);
      if (existing['RtnCode'] === 1 && String(existing['IIS_Invalid_Status']) === '1') return;
      throw refused(`${String(reply['RtnCode'])} ${String(reply['RtnMsg'] ?? '')}`.trim(), { number: invoice.number });
    },
    /**
     * ECPay's allowances carry no reference of ours, so a retry after a lost reply is told apart by asking first: a live
     * allowance of the same total on the invoice that is none of `known` (the ones stored) is the lost one, adopted.
     */
    async allowance(invoice: Invoice, draft: AllowanceDraft, known: readonly string[]): Promise<IssuedAllowanceNumber> {
      const invoiceDay = invoiceDayOf(draft);
      const lost = (await allowancesOf(draft.invoiceNumber, invoiceDay)).find(
        (a) => !known.includes(String(a['IA_Allow_No'])) && Number(a['IA_Total_Tax_Amount']) === draft.amounts.totalAmount,
      );
      const adopted = lost ? allowanceAnswer(lost['IA_Allow_No'], lost['IA_Date']) : null;
      if (adopted) return adopted;
      const reply = await send('/B2CInvoice/Allowance', allowanceData(options.merchantId, draft, invoice.customer.phone));
      if (reply['RtnCode'] !== 1) throw refused(`${String(reply['RtnCode'])} ${String(reply['RtnMsg'] ?? '')}`.trim(), { number: draft.invoiceNumber });
      const answer = allowanceAnswer(reply['IA_Allow_No'], reply['IA_Date']);
      if (!answer) throw unavailable('ECPay allowed without a readable number', { number: draft.invoiceNumber });
      return answer;
    },
    async cancelAllowance(allowance: Allowance, reason: string): Promise<void> {
      const reply = await send('/B2CInvoice/AllowanceInvalid', {
        MerchantID: options.merchantId,
        InvoiceNo: allowance.invoiceNumber,
        AllowanceNo: allowance.number,
        Reason: [...reason].slice(0, 20).join(''),
      });
      if (reply['RtnCode'] === 1) return;
      // Cancelled already (an earlier attempt whose reply was lost): no longer among the invoice's live allowances.
      const live = await allowancesOf(allowance.invoiceNumber, invoiceDayOf(allowance));
      if (!live.some((a) => a['IA_Allow_No'] === allowance.number)) return;
      throw refused(`${String(reply['RtnCode'])} ${String(reply['RtnMsg'] ?? '')}`.trim(), { number: allowance.number });
    },
  };
}
