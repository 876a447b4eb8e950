import type { Firestore } from '@google-cloud/firestore';
import { ConfigError, gatewaysConfigured, type Config } from '../../config/load-config';
import type { Clock } from '../../domain/clock';
import { chooseAddress, type Address, type AvailableChannels, type NotificationRecipient } from '../../domain/notifications/channel';
import type { NotificationSender } from '../../domain/notifications/port';
import type { Fetch } from './http';
import { inboxSender } from './inbox-sender';
import { lineSender } from './line-sender';
import { smsSender } from './sms-sender';

export interface NotifyDeps {
  readonly db: Firestore;
  readonly clock: Clock;
  readonly fetch?: Fetch;
  readonly timeoutMs?: number;
}

export interface SelectedSender {
  /** Spread into the message: `sender.send({ ...address, text, idempotencyKey })`. */
  readonly address: Address;
  readonly sender: NotificationSender;
}

export type SenderSelector = (recipient: NotificationRecipient) => SelectedSender;

/** Mitake authenticates with an account and password; `LG_SMS_API_KEY` carries them as `username:password`. */
export function parseSmsCredentials(key: string): { username: string; password: string } {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) {
    throw new ConfigError('LG_SMS_API_KEY must be "<Mitake username>:<password>"');
  }
  return { username: key.slice(0, colon), password: key.slice(colon + 1) };
}

/** The gateways this deployment is configured with, as `selectSender` builds them (and the pages say them). */
export function availableChannels(config: Config): AvailableChannels {
  return gatewaysConfigured(config.notify);
}

/**
 * Builds the configured senders once and picks one per customer: LINE for customers who opted in
 * when a channel token is configured, SMS to a mobile when an SMS gateway is configured, otherwise
 * the Firestore inbox (the local default, which needs no outside service).
 */
export function selectSender(config: Config, deps: NotifyDeps): SenderSelector {
  const { lineChannelToken, lineApiBase, smsApiUrl, smsApiKey } = config.notify;
  const http = { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) };
  if (smsApiUrl && !smsApiKey) throw new ConfigError('LG_SMS_API_URL is set but LG_SMS_API_KEY is missing');

  const senders = {
    line: lineChannelToken ? lineSender({ apiBase: lineApiBase, channelToken: lineChannelToken, ...http }) : undefined,
    sms: smsApiUrl && smsApiKey ? smsSender({ url: smsApiUrl, ...parseSmsCredentials(smsApiKey), ...http }) : undefined,
    inbox: inboxSender(deps.db, deps.clock),
  };
  const available = availableChannels(config);

  return (recipient) => {
    const address = chooseAddress(recipient, available);
    return { address, sender: senders[address.channel] ?? senders.inbox };
  };
}
