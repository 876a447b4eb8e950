import { normalisePhone } from '../customers/phone';
import type { NotificationChannel } from './port';

export interface NotificationRecipient {
  readonly customerId: string;
  /** Present only when the customer opted in to LINE. */
  readonly lineUserId?: string;
  /** The customer's phones in any spelling; only a mobile can take an SMS. */
  readonly phones?: readonly string[];
}

/** Who a customer is to the senders: their LINE id only if they opted in, and their phones. */
export const recipientOf = (customer: { readonly id: string; readonly lineUserId?: string | undefined; readonly phones: readonly string[] }): NotificationRecipient => ({
  customerId: customer.id,
  ...(customer.lineUserId ? { lineUserId: customer.lineUserId } : {}),
  phones: customer.phones,
});

export interface AvailableChannels {
  readonly line: boolean;
  readonly sms: boolean;
}

export interface Address {
  readonly channel: NotificationChannel;
  readonly to: string;
}

/**
 * Where a customer's notification goes: LINE if they opted in and LINE is configured, else SMS to
 * their first mobile if SMS is configured, else the portal inbox. The inbox reaches only a customer
 * who can sign in to read it; whether they can is a lookup, so its sender checks and refuses the
 * message (`INBOX.NO_ACCOUNT`, recorded failed) for one who cannot, rather than calling it sent.
 */
export function chooseAddress(recipient: NotificationRecipient, available: AvailableChannels): Address {
  if (available.line && recipient.lineUserId) return { channel: 'line', to: recipient.lineUserId };
  if (available.sms) {
    const mobile = (recipient.phones ?? []).map(normalisePhone).find((p) => p?.kind === 'mobile');
    if (mobile) return { channel: 'sms', to: mobile.digits };
  }
  return { channel: 'inbox', to: recipient.customerId };
}

/**
 * Where a customer's own messages go now, for them to be told (聯絡與收貨): the same choice as `chooseAddress`, the
 * SMS phone as they wrote it, and the inbox only for a customer who can sign in to read it (`canReadInbox`, the check
 * the inbox sender makes); otherwise nowhere, which the office has to phone about.
 */
export type CustomerReach =
  | { readonly channel: 'line' }
  | { readonly channel: 'sms'; readonly phone: string }
  | { readonly channel: 'inbox' }
  | { readonly channel: 'none' };

export function customerReach(recipient: NotificationRecipient, available: AvailableChannels, canReadInbox: boolean): CustomerReach {
  const address = chooseAddress(recipient, available);
  if (address.channel === 'line') return { channel: 'line' };
  if (address.channel === 'sms') return { channel: 'sms', phone: (recipient.phones ?? []).find((p) => normalisePhone(p)?.digits === address.to) ?? address.to };
  return canReadInbox ? { channel: 'inbox' } : { channel: 'none' };
}

/**
 * How one-time codes (忘記密碼, 開通帳號) travel in a deployment, from its configuration alone, for the page to say: a
 * reset code goes by LINE to a customer who linked it, else by SMS to their first mobile; a sign-up code only by SMS to
 * the mobile typed (receiving it proves the phone). The inbox is no way to reach someone who cannot sign in, so a code no
 * gateway carries goes nowhere, unless the deployment prints it in its log (the local demo). The ways are named in the
 * order they are tried, `-or-` between them (`line-or-sms-or-log`: LINE if linked, else SMS to a mobile, else the log);
 * `none` when there is no way at all.
 */
export const CODE_CHANNELS = ['line-or-sms-or-log', 'line-or-sms', 'line-or-log', 'sms-or-log', 'line', 'sms', 'log', 'none'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

export function codeChannel(purpose: 'password-reset' | 'portal-signup', available: AvailableChannels, logsCodes: boolean): CodeChannel {
  const line = purpose === 'password-reset' && available.line;
  // The number a sign-up code goes to is a mobile (its schema refuses others), so SMS, when there, reaches every one;
  // a reset code's account may have neither LINE linked nor a mobile on record, and its code then falls to the log.
  const everyoneReached = purpose === 'portal-signup' && available.sms;
  const ways = [line && 'line', available.sms && 'sms', logsCodes && !everyoneReached && 'log'].filter(Boolean).join('-or-');
  return CODE_CHANNELS.find((c) => c === ways) ?? 'none';
}
