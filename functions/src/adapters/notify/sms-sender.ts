import { normalisePhone } from '../../domain/customers/phone';
import { permanentSendError, retryableSendError, type NotificationMessage, type NotificationSender, type SendReceipt } from '../../domain/notifications/port';
import { callProvider, type Fetch } from './http';
import { uuidV5 } from './uuid';

/**
 * SMS through Mitake (三竹資訊) HTTP API `SmSend`, the common choice of Taiwanese businesses:
 *
 *   POST {url}?CharsetURL=UTF8
 *   Content-Type: application/x-www-form-urlencoded
 *   username=…&password=…&dstaddr=09xxxxxxxx&smbody=<UTF-8 text>&clientid=<≤36 chars>
 *
 * answered with `text/plain` lines: `[1]`, `msgid=…`, `statuscode=…`, `AccountPoint=…`, plus
 * `Duplicate=Y` when a `clientid` is repeated within 12 hours (Mitake then does not send again and
 * repeats its first answer). Account-level failures come back as `statuscode=<letter>` and
 * `Error=<message>` without a message section.
 */
export interface SmsSenderOptions {
  /** The SmSend endpoint, e.g. `https://smsapi.mitake.com.tw/api/mtk/SmSend`; a bare origin gets that path. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
}

export const SMSEND_PATH = '/api/mtk/SmSend';

/** statuscode values meaning the message was accepted: 0 reserved, 1/2 handed to the carrier, 4 delivered. */
const ACCEPTED = new Set(['0', '1', '2', '4']);
/** statuscode values worth retrying: system error (*), service suspended (a, b, r). Everything else is our fault. */
const RETRYABLE = new Set(['*', 'a', 'b', 'r']);
/**
 * The refusals the office can act on, by Mitake's statuscode, so 通知紀錄 says why in its reader's language rather than
 * Mitake's own words: the number (v), the text (u), our gateway account (credentials, expired, disabled, password to
 * change, no HTTP right, address not allowed) or its points (s). Any other is `SMS.REJECTED`.
 */
const REFUSALS: Readonly<Record<string, string>> = {
  v: 'SMS.INVALID_NUMBER',
  u: 'SMS.INVALID_TEXT',
  c: 'SMS.ACCOUNT_REFUSED',
  d: 'SMS.ACCOUNT_REFUSED',
  e: 'SMS.ACCOUNT_REFUSED',
  f: 'SMS.ACCOUNT_REFUSED',
  h: 'SMS.ACCOUNT_REFUSED',
  k: 'SMS.ACCOUNT_REFUSED',
  m: 'SMS.ACCOUNT_REFUSED',
  n: 'SMS.ACCOUNT_REFUSED',
  p: 'SMS.ACCOUNT_REFUSED',
  s: 'SMS.NO_CREDIT',
};

/** The code of a message Mitake refused for good with this statuscode. */
const smsRefusalCode = (statuscode: string): string => REFUSALS[statuscode] ?? 'SMS.REJECTED';

export function parseSmSendResponse(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of body.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) fields[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return fields;
}

function smSendUrl(url: string): string {
  const u = new URL(url);
  if (u.pathname === '/' || u.pathname === '') u.pathname = SMSEND_PATH;
  u.searchParams.set('CharsetURL', 'UTF8');
  return u.toString();
}

/** Mitake takes ASCII 6 as the line break inside `smbody`; a raw newline would end the field. */
const toSmBody = (text: string): string => text.replace(/\r?\n/g, '\x06');

export function smsSender(options: SmsSenderOptions): NotificationSender {
  const call = { provider: 'SMS', timeoutMs: options.timeoutMs ?? 5000, fetch: options.fetch ?? fetch };
  const url = smSendUrl(options.url);

  return {
    async send(message: NotificationMessage): Promise<SendReceipt> {
      const phone = normalisePhone(message.to);
      if (phone?.kind !== 'mobile') {
        throw permanentSendError('SMS.INVALID_RECIPIENT', 'SMS needs a Taiwanese mobile number (09xxxxxxxx)', { to: message.to });
      }
      if (message.text.trim().length === 0) throw permanentSendError('SMS.INVALID_TEXT', 'SMS text is empty');

      const form = new URLSearchParams({
        username: options.username,
        password: options.password,
        dstaddr: phone.digits,
        smbody: toSmBody(message.text),
        // Mitake dedupes on clientid (at most 36 characters): a UUID derived from our key fits exactly.
        clientid: uuidV5(message.idempotencyKey),
      });
      const { response, body } = await callProvider(call, url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      if (response.status >= 500 || response.status === 429) {
        throw retryableSendError('SMS.UNAVAILABLE', `SMS gateway answered ${response.status}`, { status: response.status });
      }
      if (!response.ok) {
        throw permanentSendError('SMS.REJECTED', `SMS gateway answered ${response.status}`, { status: response.status });
      }
      const fields = parseSmSendResponse(body);
      const status = fields.statuscode;
      const details = { statuscode: status, error: fields.Error, duplicate: fields.Duplicate === 'Y' };
      if (status !== undefined && ACCEPTED.has(status)) return fields.msgid ? { providerMessageId: fields.msgid } : {};
      // No statuscode at all means we could not read the answer; the clientid makes a retry safe.
      if (status === undefined || RETRYABLE.has(status)) {
        throw retryableSendError('SMS.UNAVAILABLE', `SMS gateway failed (statuscode ${status ?? 'missing'})`, details);
      }
      // The gateway's own words stay in the message: the dispatch record keeps them for whoever supports the office.
      const said = fields.Error ? `: ${fields.Error}` : '';
      throw permanentSendError(smsRefusalCode(status), `SMS gateway rejected the message (statuscode ${status}${said})`, details);
    },
  };
}
