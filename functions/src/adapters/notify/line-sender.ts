import { permanentSendError, retryableSendError, type NotificationMessage, type NotificationSender, type SendReceipt } from '../../domain/notifications/port';
import { callProvider, type Fetch } from './http';
import { uuidV5 } from './uuid';

/** LINE's limit for one text message object. */
export const LINE_TEXT_MAX = 5000;
const LINE_USER_ID = /^U[0-9a-f]{32}$/;

export interface LineSenderOptions {
  /** `https://api.line.me`, or a local server in tests. */
  readonly apiBase: string;
  readonly channelToken: string;
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
}

interface LinePushResponse {
  readonly message?: string;
  readonly details?: readonly { readonly message?: string; readonly property?: string }[];
  readonly sentMessages?: readonly { readonly id?: string }[];
}

/**
 * The code of a push LINE refused for good, so 通知紀錄 says why in its reader's language rather than LINE's own words:
 * a `to` LINE does not take (a user id of another provider's channel, or none at all: "The property, 'to', in the request
 * body is invalid") is the recipient; 401 and 403 are our channel's token or plan. Any other is `LINE.REJECTED`.
 */
export function lineRefusalCode(status: number, answer: LinePushResponse): string {
  if (status === 401 || status === 403) return 'LINE.ACCOUNT_REFUSED';
  const aboutTo = answer.message?.includes("'to'") === true || answer.details?.some((d) => d.property === 'to') === true;
  return status === 400 && aboutTo ? 'LINE.INVALID_RECIPIENT' : 'LINE.REJECTED';
}

/** LINE's own words for a refusal, its details' too, kept for whoever supports the office. */
const lineSaid = (answer: LinePushResponse): string =>
  [answer.message, ...(answer.details ?? []).map((d) => [d.property, d.message].filter(Boolean).join(' '))].filter(Boolean).join('; ');

/** LINE's JSON answer; a gateway error page in front of LINE may be HTML, which leaves only the status to go on. */
function parseJson(body: string): LinePushResponse {
  try {
    return JSON.parse(body) as LinePushResponse; // LINE documents this shape; every field is read as optional.
  } catch {
    return {};
  }
}

/**
 * LINE Messaging API push message (`POST /v2/bot/message/push`). Each notification carries an
 * `X-Line-Retry-Key` derived from its idempotency key; LINE answers a repeat with 409, which means
 * the first attempt was accepted, so it counts as sent.
 */
export function lineSender(options: LineSenderOptions): NotificationSender {
  const call = { provider: 'LINE', timeoutMs: options.timeoutMs ?? 5000, fetch: options.fetch ?? fetch };
  const url = `${options.apiBase.replace(/\/$/, '')}/v2/bot/message/push`;

  return {
    async send(message: NotificationMessage): Promise<SendReceipt> {
      if (!LINE_USER_ID.test(message.to)) {
        throw permanentSendError('LINE.INVALID_RECIPIENT', 'not a LINE user id (U + 32 hex digits)', { to: message.to });
      }
      if (message.text.length === 0 || message.text.length > LINE_TEXT_MAX) {
        throw permanentSendError('LINE.INVALID_TEXT', `text must be 1–${LINE_TEXT_MAX} characters`, { length: message.text.length });
      }
      const { response, body } = await callProvider(call, url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${options.channelToken}`,
          'Content-Type': 'application/json',
          'X-Line-Retry-Key': uuidV5(message.idempotencyKey),
        },
        body: JSON.stringify({ to: message.to, messages: [{ type: 'text', text: message.text }] }),
      });
      const parsed = parseJson(body);
      const requestId = response.headers.get('x-line-request-id') ?? undefined;
      const details = { status: response.status, requestId, lineMessage: parsed.message };

      if (response.ok || response.status === 409) {
        // On 409 LINE names the request that was accepted first; that is the message the customer got.
        const accepted = response.headers.get('x-line-accepted-request-id') ?? requestId;
        const id = parsed.sentMessages?.[0]?.id ?? (response.status === 409 ? accepted : requestId);
        return id ? { providerMessageId: id } : {};
      }
      if (response.status === 429 || response.status >= 500) {
        throw retryableSendError('LINE.UNAVAILABLE', `LINE answered ${response.status}`, details);
      }
      const said = lineSaid(parsed);
      throw permanentSendError(lineRefusalCode(response.status, parsed), `LINE rejected the push (${response.status}${said ? `: ${said}` : ''})`, details);
    },
  };
}
