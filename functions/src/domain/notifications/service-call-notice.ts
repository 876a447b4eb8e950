/**
 * 報修通知: the customer hears when someone is sent to their call (and the new time when the office moves it), and how
 * the call ended, in plain words: an unsafe close says what was found, that the gas is stopped and how it comes back.
 * Pure: what is said and under which dispatch id; the `notifyServiceCalls` consumer reads, records and sends.
 */
import { taipeiDate } from '../clock';
import type { EventEnvelope } from '../events';
import { SAFETY_ITEM_LABELS, type SafetyItem } from '../safety';
import { SERVICE_CALL_CLOSED, SERVICE_CALL_DISPATCHED, SERVICE_CALL_KIND_LABELS, type ServiceCall, type ServiceCallKind } from '../service-calls';
import { formatDate, formatDayTime, type NoticeLocale } from './templates';

type Outcome = NonNullable<ServiceCall['result']>['outcome'];

export type ServiceCallNotice =
  /** `scheduledAt`: when the driver is expected (ISO 8601); `moved` when the customer was told another time before. */
  | { readonly kind: 'dispatched'; readonly callKind: ServiceCallKind; readonly scheduledAt: string; readonly moved: boolean }
  /** `closedOn`: the Taipei day it closed; `unsafeItems` only for an unsafe close. */
  | { readonly kind: 'closed'; readonly callKind: ServiceCallKind; readonly outcome: Outcome; readonly closedOn: string; readonly unsafeItems: readonly SafetyItem[] };

/** `service-call-<eventId>`: one message per event, however often it is delivered. */
export const serviceCallNoticeId = (eventId: string): string => `service-call-${eventId}`;

/**
 * The message an event of the call earns, given the call as it is now, or null: a dispatch whose time the office has
 * moved since, or whose call closed before it went out, is stale (the later event tells the customer what holds).
 */
export function serviceCallNoticeFor(event: EventEnvelope, call: ServiceCall | undefined): ServiceCallNotice | null {
  if (!call) return null;
  if (event.type === SERVICE_CALL_DISPATCHED) {
    const { scheduledAt, previousScheduledAt } = event.data;
    if (call.status !== 'assigned' || typeof scheduledAt !== 'string' || call.assignment?.scheduledAt !== scheduledAt) return null;
    return { kind: 'dispatched', callKind: call.kind, scheduledAt, moved: typeof previousScheduledAt === 'string' };
  }
  if (event.type !== SERVICE_CALL_CLOSED || call.status !== 'closed' || !call.result) return null;
  const { outcome, at, unsafeItems } = call.result;
  return { kind: 'closed', callKind: call.kind, outcome, closedOn: taipeiDate(new Date(at)), unsafeItems: outcome === 'unsafe' ? (unsafeItems ?? []) : [] };
}

const itemNames = (items: readonly SafetyItem[], locale: NoticeLocale): string => items.map((i) => SAFETY_ITEM_LABELS[i][locale]).join(locale === 'en' ? '; ' : '、');

function zhTw(n: ServiceCallNotice): string {
  const what = SERVICE_CALL_KIND_LABELS[n.callKind]['zh-TW'];
  if (n.kind === 'dispatched') {
    const when = formatDayTime(n.scheduledAt, 'zh-TW');
    const visit = n.moved ? `到府時間已改為 ${when}` : `已安排人員於 ${when} 到府處理`;
    return `幸福氣報修通知（${what}）：${visit}，屆時請留人在家應門；如需改時間，請來電告知。`;
  }
  const day = formatDate(n.closedOn, 'zh-TW');
  switch (n.outcome) {
    case 'fixed':
      return `幸福氣報修通知（${what}）：已於 ${day}處理完成並結案。如仍有問題，請隨時來電。`;
    case 'parts_replaced':
      return `幸福氣報修通知（${what}）：已於 ${day}更換零件、處理完成並結案。如仍有問題，請隨時來電。`;
    case 'follow_up':
      return `幸福氣報修通知（${what}）：${day}已到府處理，仍需後續處理，我們將再與您聯繫安排。`;
    case 'unsafe':
      return `幸福氣安全通知（${what}）：${day}到府檢查時發現下列項目不安全：${itemNames(n.unsafeItems, 'zh-TW')}。為了您的安全，已暫停供應瓦斯，請勿自行接用。請先完成改善，再來電預約安全檢查，檢查合格即恢復送氣。`;
  }
}

function en(n: ServiceCallNotice): string {
  const what = SERVICE_CALL_KIND_LABELS[n.callKind].en;
  if (n.kind === 'dispatched') {
    const when = formatDayTime(n.scheduledAt, 'en');
    const visit = n.moved ? `the visit has moved to ${when}` : `we will be with you at ${when}`;
    return `Lucky Gas service call (${what}): ${visit}. Please have someone home to let us in; to change the time, please call us.`;
  }
  const day = formatDate(n.closedOn, 'en');
  switch (n.outcome) {
    case 'fixed':
      return `Lucky Gas service call (${what}): the problem was fixed on ${day} and the call is closed. If anything is still wrong, please call us.`;
    case 'parts_replaced':
      return `Lucky Gas service call (${what}): we replaced parts on ${day}, the problem is fixed and the call is closed. If anything is still wrong, please call us.`;
    case 'follow_up':
      return `Lucky Gas service call (${what}): we visited on ${day}; more work is needed, and we will call you to arrange it.`;
    case 'unsafe':
      return `Lucky Gas safety notice (${what}): on ${day} we found these unsafe: ${itemNames(n.unsafeItems, 'en')}. For your safety we have stopped your gas supply; please do not use the installation. Once it is fixed, call us to book a safety inspection: your gas comes again when it passes.`;
  }
}

/** The message a customer reads, in their language, times on the Taipei wall clock. */
export const renderServiceCallNotice = (notice: ServiceCallNotice, locale: NoticeLocale = 'zh-TW'): string => (locale === 'zh-TW' ? zhTw(notice) : en(notice));
