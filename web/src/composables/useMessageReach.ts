import { api } from './useApi';

/**
 * Where a customer's messages go now (`GET /api/customers/:id/reach`), by the same choice the notification senders
 * make: LINE, texts to `phone`, the portal's 訊息通知 (no gateway reaches them), or nowhere (no portal account either).
 */
export interface MessageReach {
  channel: 'line' | 'sms' | 'inbox' | 'none';
  phone?: string;
  /** Whether this deployment can text at all: only then is a missing mobile the reason for no texts. */
  smsConfigured: boolean;
}

export const getMessageReach = (customerId: string) => api.get<MessageReach>(`/api/customers/${encodeURIComponent(customerId)}/reach`);
