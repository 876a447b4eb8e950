import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { startHttpServer } from '../../notify/test-support/http-server';

/**
 * A local stand-in for ECPay's B2C e-invoice API speaking its wire format: a JSON `{ MerchantID, RqHeader: { Timestamp },
 * Data }` whose Data it decrypts itself (AES-128-CBC, base64, then PHP-style urldecode of the JSON) with the merchant's
 * key and IV, checks the fields ECPay checks, and answers `{ MerchantID, RpHeader, TransCode, TransMsg, Data }` with
 * Data encrypted the same way. Issue refuses a RelateNumber it already issued, as ECPay does; Allowance issues anew each
 * time asked (ECPay takes no reference of ours for it), up to what the invoice has left.
 */
export interface StoredEcpayInvoice {
  readonly relateNumber: string;
  readonly number: string;
  readonly randomNumber: string;
  /** Taipei wall clock, `yyyy-MM-dd HH:mm:ss`. */
  readonly date: string;
  readonly data: Readonly<Record<string, unknown>>;
  invalid: boolean;
  invalidReason?: string;
}

/** An allowance (折讓) ECPay holds against one of its invoices. */
export interface StoredEcpayAllowance {
  readonly number: string;
  readonly invoiceNumber: string;
  readonly date: string;
  readonly amount: number;
  invalid: boolean;
  invalidReason?: string;
}

type Failure = number | { rtnCode: number; rtnMsg: string } | 'drop';

export interface LocalEcpayServer {
  readonly baseUrl: string;
  /** Each request's path and decrypted Data, in order. */
  readonly requests: { path: string; data: Record<string, unknown> }[];
  readonly invoices: Map<string, StoredEcpayInvoice>;
  /** By allowance number (IA_Allow_No). */
  readonly allowances: Map<string, StoredEcpayAllowance>;
  /**
   * The next request (to `path`, when given) fails: an HTTP status, an RtnCode refusal, or, with `'drop'`, the request is
   * carried out and the connection dropped before the reply.
   */
  failNext(failure: Failure, path?: string): void;
  stop(): Promise<void>;
}

function taipeiWallClock(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export async function startEcpayServer(merchantId: string, hashKey: string, hashIv: string): Promise<LocalEcpayServer> {
  const requests: LocalEcpayServer['requests'] = [];
  const invoices = new Map<string, StoredEcpayInvoice>();
  const allowances = new Map<string, StoredEcpayAllowance>();
  const failures: { failure: Failure; path?: string }[] = [];
  let serial = 0;

  const decrypt = (data: string): Record<string, unknown> => {
    const d = createDecipheriv('aes-128-cbc', Buffer.from(hashKey), Buffer.from(hashIv));
    const text = Buffer.concat([d.update(Buffer.from(data, 'base64')), d.final()]).toString('utf8');
    return JSON.parse(decodeURIComponent(text.split('+').join(' '))) as Record<string, unknown>;
  };
  const encrypt = (data: unknown): string => {
    const c = createCipheriv('aes-128-cbc', Buffer.from(hashKey), Buffer.from(hashIv));
    const text = encodeURIComponent(JSON.stringify(data)).replace(/%20/g, '+');
    return Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
  };
  const reply = (res: ServerResponse, data: Record<string, unknown>, transCode = 1) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ PlatformID: '', MerchantID: merchantId, RpHeader: { Timestamp: Math.floor(Date.now() / 1000) }, TransCode: transCode, TransMsg: transCode === 1 ? 'Success' : 'Fail', Data: encrypt(data) }));
  };
  const rtn = (code: number, msg: string, extra: Record<string, unknown> = {}) => ({ RtnCode: code, RtnMsg: msg, ...extra });

  function issue(d: Record<string, unknown>): Record<string, unknown> {
    const relateNumber = String(d['RelateNumber'] ?? '');
    if (!/^[A-Za-z0-9_]{1,30}$/.test(relateNumber)) return rtn(1100001, 'RelateNumber 格式錯誤');
    if (invoices.has(relateNumber)) return rtn(4000003, '特店自訂編號重複 (RelateNumber already used)');
    const items = Array.isArray(d['Items']) ? (d['Items'] as Record<string, unknown>[]) : [];
    const sum = items.reduce((s, i) => s + Number(i['ItemCount']) * Number(i['ItemPrice']), 0);
    if (items.length === 0 || items.some((i) => Number(i['ItemAmount']) !== Number(i['ItemCount']) * Number(i['ItemPrice'])) || sum !== d['SalesAmount']) {
      return rtn(1100002, '商品金額加總與發票金額不符');
    }
    if (d['vat'] !== '1' || d['TaxType'] !== '1' || d['InvType'] !== '07') return rtn(1100003, '課稅類別錯誤');
    if (!d['CustomerPhone'] && !d['CustomerEmail']) return rtn(1100004, '客戶電話與信箱不可同時為空');
    if (d['CustomerIdentifier'] && (d['Print'] !== '1' || !/^\d{8}$/.test(String(d['CustomerIdentifier'])))) return rtn(1100005, '統一編號需列印');
    if (d['Print'] === '1' && (!d['CustomerName'] || !d['CustomerAddr'])) return rtn(1100006, '列印需填寫客戶名稱與地址');
    const carrier = String(d['CarrierType'] ?? '');
    if (carrier && d['Print'] !== '0') return rtn(1100007, '有載具不可列印');
    if (carrier === '3' && !/^\/[0-9A-Z.+-]{7}$/.test(String(d['CarrierNum']))) return rtn(1100008, '手機條碼格式錯誤');
    if (d['Donation'] === '1' && (!d['LoveCode'] || d['Print'] !== '0')) return rtn(1100009, '捐贈需愛心碼且不可列印');
    serial += 1;
    const stored: StoredEcpayInvoice = {
      relateNumber,
      number: `EC${String(serial).padStart(8, '0')}`,
      randomNumber: String(serial).padStart(4, '0'),
      date: taipeiWallClock(new Date()),
      data: d,
      invalid: false,
    };
    invoices.set(relateNumber, stored);
    return rtn(1, '開立發票成功', { InvoiceNo: stored.number, InvoiceDate: stored.date, RandomNumber: stored.randomNumber });
  }

  function getIssue(d: Record<string, unknown>): Record<string, unknown> {
    const found = invoices.get(String(d['RelateNumber'] ?? ''));
    if (!found) return rtn(1600003, '查無發票資料');
    return rtn(1, '查詢成功', {
      IIS_Relate_Number: found.relateNumber,
      IIS_Number: found.number,
      IIS_Random_Number: found.randomNumber,
      IIS_Create_Date: found.date,
      IIS_Invalid_Status: found.invalid ? '1' : '0',
      IIS_Sales_Amount: found.data['SalesAmount'],
    });
  }

  function invalid(d: Record<string, unknown>): Record<string, unknown> {
    const found = [...invoices.values()].find((i) => i.number === d['InvoiceNo']);
    if (!found || found.date.slice(0, 10) !== d['InvoiceDate']) return rtn(5000001, '查無發票');
    const reason = String(d['Reason'] ?? '');
    if (!reason || [...reason].length > 20) return rtn(5000002, '作廢原因長度錯誤');
    if (found.invalid) return rtn(5000003, '發票已作廢');
    found.invalid = true;
    found.invalidReason = reason;
    return rtn(1, '作廢發票成功', { InvoiceNo: found.number });
  }

  const byNumber = (number: unknown, day: unknown) => [...invoices.values()].find((i) => i.number === number && i.date.slice(0, 10) === day);
  const liveAllowed = (invoiceNumber: string) => [...allowances.values()].filter((a) => a.invoiceNumber === invoiceNumber && !a.invalid).reduce((s, a) => s + a.amount, 0);

  /** 一般折讓: refuses one on a void invoice, with items that do not add up, or more than the invoice has left. */
  function allowance(d: Record<string, unknown>): Record<string, unknown> {
    const found = byNumber(d['InvoiceNo'], d['InvoiceDate']);
    if (!found) return rtn(2000001, '查無發票');
    if (found.invalid) return rtn(2000002, '發票已作廢');
    if (!['S', 'E', 'A', 'N'].includes(String(d['AllowanceNotify'])) || (d['AllowanceNotify'] === 'S' && !d['NotifyPhone'])) return rtn(2000003, '通知類別錯誤');
    const items = Array.isArray(d['Items']) ? (d['Items'] as Record<string, unknown>[]) : [];
    const amount = Number(d['AllowanceAmount']);
    const sum = items.reduce((s, i) => s + Number(i['ItemAmount']), 0);
    if (!(amount > 0) || items.length === 0 || sum !== amount || items.some((i) => Number(i['ItemAmount']) !== Number(i['ItemCount']) * Number(i['ItemPrice']))) {
      return rtn(2000004, '折讓金額加總錯誤');
    }
    const remain = Number(found.data['SalesAmount']) - liveAllowed(found.number);
    if (amount > remain) return rtn(2000005, '折讓金額超過發票可折讓金額');
    serial += 1;
    const stored: StoredEcpayAllowance = { number: `2026${String(serial).padStart(12, '0')}`, invoiceNumber: found.number, date: taipeiWallClock(new Date()), amount, invalid: false };
    allowances.set(stored.number, stored);
    return rtn(1, '折讓開立成功', { IA_Allow_No: stored.number, IA_Invoice_No: found.number, IA_Date: stored.date, IA_Remain_Allowance_Amt: remain - amount });
  }

  function allowanceInvalid(d: Record<string, unknown>): Record<string, unknown> {
    const found = allowances.get(String(d['AllowanceNo'] ?? ''));
    if (!found || found.invoiceNumber !== d['InvoiceNo']) return rtn(2100001, '查無折讓單');
    const reason = String(d['Reason'] ?? '');
    if (!reason || [...reason].length > 20) return rtn(2100002, '作廢原因長度錯誤');
    if (found.invalid) return rtn(2100003, '折讓單已作廢');
    found.invalid = true;
    found.invalidReason = reason;
    return rtn(1, '作廢折讓成功', { IA_Invoice_No: found.invoiceNumber });
  }

  function getAllowanceList(d: Record<string, unknown>): Record<string, unknown> {
    if (d['SearchType'] !== '1' || !byNumber(d['InvoiceNo'], d['Date'])) return rtn(1600003, '查無發票資料');
    const listed = [...allowances.values()].filter((a) => a.invoiceNumber === d['InvoiceNo']);
    if (listed.length === 0) return rtn(7, '查無折讓資料');
    return rtn(1, '查詢成功', {
      AllowanceInfo: listed.map((a) => ({ IA_Allow_No: a.number, IA_Invoice_No: a.invoiceNumber, IA_Date: a.date, IA_Invalid_Status: a.invalid ? '1' : '0', IA_Total_Tax_Amount: a.amount })),
    });
  }

  const HANDLERS: Readonly<Record<string, (d: Record<string, unknown>) => Record<string, unknown>>> = {
    '/B2CInvoice/Issue': issue,
    '/B2CInvoice/GetIssue': getIssue,
    '/B2CInvoice/Invalid': invalid,
    '/B2CInvoice/Allowance': allowance,
    '/B2CInvoice/AllowanceInvalid': allowanceInvalid,
    '/B2CInvoice/GetAllowanceList': getAllowanceList,
  };

  const server = await startHttpServer((req, res) => {
    const path = req.url.split('?')[0] ?? '';
    const handle = HANDLERS[path];
    if (req.method !== 'POST' || !handle) {
      res.writeHead(404).end();
      return;
    }
    const due = failures.findIndex((f) => f.path === undefined || f.path === path);
    const failure = due < 0 ? undefined : failures.splice(due, 1)[0]?.failure;
    if (typeof failure === 'number') {
      res.writeHead(failure).end('failure');
      return;
    }
    let outer: { MerchantID?: unknown; RqHeader?: { Timestamp?: unknown }; Data?: unknown };
    let data: Record<string, unknown>;
    try {
      outer = JSON.parse(req.body.toString('utf8')) as typeof outer;
      data = decrypt(String(outer.Data));
    } catch {
      return reply(res, {}, 0);
    }
    const stamp = Number(outer.RqHeader?.Timestamp);
    if (outer.MerchantID !== merchantId || data['MerchantID'] !== merchantId || !(Math.abs(stamp - Date.now() / 1000) <= 600)) return reply(res, {}, 0);
    requests.push({ path, data });
    if (failure && failure !== 'drop') return reply(res, rtn(failure.rtnCode, failure.rtnMsg));
    const answer = handle(data);
    if (failure === 'drop') {
      res.socket?.destroy();
      return;
    }
    reply(res, answer);
  });

  return { baseUrl: server.baseUrl, requests, invoices, allowances, failNext: (failure, onPath) => void failures.push({ failure, ...(onPath === undefined ? {} : { path: onPath }) }), stop: () => server.stop() };
}
