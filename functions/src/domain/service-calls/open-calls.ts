/**
 * A customer's calls not yet closed (報修 open or sent): an urgent leak among them must not vanish with the customer, so
 * what would end the service (停用) waits for them to be closed.
 */
import { taipeiDate } from '../clock';
import { conflict } from '../errors';
import type { MessageCatalogue } from '../schema';
import { SERVICE_CALL_KINDS, type ServiceCall, type ServiceCallKind } from './service-call';

/** The statuses of a call someone still has to see to. */
export const OPEN_SERVICE_CALL_STATUSES = ['open', 'assigned'] as const;

/** What a call is about, as the customer's messages and the office's refusals name it. */
export const SERVICE_CALL_KIND_LABELS: Readonly<Record<ServiceCallKind, { readonly 'zh-TW': string; readonly en: string }>> = {
  gas_smell: { 'zh-TW': '瓦斯味', en: 'gas smell' },
  regulator: { 'zh-TW': '調整器', en: 'regulator' },
  hose: { 'zh-TW': '瓦斯管線', en: 'gas hose' },
  appliance: { 'zh-TW': '爐具／熱水器', en: 'stove or water heater' },
  safety_check: { 'zh-TW': '安全檢查', en: 'safety check' },
  other: { 'zh-TW': '其他', en: 'other' },
};

/**
 * Refuses to end a customer's service while any of their calls is not closed, naming them (kind, day opened, status):
 * the office closes them first (sent and seen to, or closed as a false alarm), deliberately.
 * 過戶 waits alike (`code` `CUSTOMER.TRANSFER_OPEN_SERVICE_CALLS`): the call is the seller's, who is told of it, and one
 * closed as unsafe would stop the supply of the account that reported it.
 * @throws conflict `code` with `count`, `calls` (id, kind, urgent, status, openedOn) and `kinds`.
 */
export function assertNoOpenServiceCalls(
  customerId: string,
  calls: readonly Pick<ServiceCall, 'id' | 'kind' | 'urgent' | 'status' | 'openedAt'>[],
  code: 'CUSTOMER.OPEN_SERVICE_CALLS' | 'CUSTOMER.TRANSFER_OPEN_SERVICE_CALLS' = 'CUSTOMER.OPEN_SERVICE_CALLS',
): void {
  if (calls.length === 0) return;
  const named = [...calls].sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  throw conflict(code, `${calls.length} service calls of ${customerId} are not closed`, {
    id: customerId,
    count: calls.length,
    calls: named.map((c) => ({ id: c.id, kind: c.kind, urgent: c.urgent, status: c.status, openedOn: taipeiDate(new Date(c.openedAt)) })),
    kinds: named.map((c) => c.kind),
  });
}

export const openServiceCallMessages: MessageCatalogue = {
  'CUSTOMER.OPEN_SERVICE_CALLS': {
    'zh-TW': '此客戶還有 {count} 筆報修尚未結案：{kinds:SERVICE_CALL.KIND}。請先派員處理並結案，再停用',
    en: 'This customer still has {count} service call not closed: {kinds:SERVICE_CALL.KIND}. See to it and close it before deactivating | This customer still has {count} service calls not closed: {kinds:SERVICE_CALL.KIND}. See to them and close them before deactivating',
    countedBy: 'count',
  },
  'CUSTOMER.TRANSFER_OPEN_SERVICE_CALLS': {
    'zh-TW': '賣方還有 {count} 筆報修尚未結案：{kinds:SERVICE_CALL.KIND}。請先派員處理並結案，再過戶',
    en: 'The seller still has {count} service call not closed: {kinds:SERVICE_CALL.KIND}. See to it and close it before the transfer | The seller still has {count} service calls not closed: {kinds:SERVICE_CALL.KIND}. See to them and close them before the transfer',
    countedBy: 'count',
  },
  ...Object.fromEntries(SERVICE_CALL_KINDS.map((kind) => [`SERVICE_CALL.KIND.${kind}`, SERVICE_CALL_KIND_LABELS[kind]])),
};
