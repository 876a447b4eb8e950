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
