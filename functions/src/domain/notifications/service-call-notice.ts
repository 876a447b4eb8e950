/**
 * 報修通知: the customer hears who is sent to their call and when (again when the office moves the time or hands the
 * call to another driver), and how the call ended, in plain words: an unsafe close says what was found, that the gas is stopped and how it comes back.
 * Pure: what is said and under which dispatch id; the `notifyServiceCalls` consumer reads, records and sends.
 */
import { taipeiDate } from '../clock';
import type { EventEnvelope } from '../events';
import type { SafetyItem } from '../safety';
import { SERVICE_CALL_CLOSED, SERVICE_CALL_DISPATCHED, SERVICE_CALL_KIND_LABELS, type ServiceCall, type ServiceCallKind } from '../service-calls';
import { formatDate, formatDayTime, safetyItemNames, type NoticeLocale } from './templates';

type Outcome = NonNullable<ServiceCall['result']>['outcome'];

export type ServiceCallNotice =
  /**
   * `scheduledAt`: when the driver is expected (ISO 8601); `driverName` as the office wrote it in 車隊, `addressedAs` the
   * driver's 對客稱呼 there when set; `moved` when the customer was told another time before, `handedOver` another driver.
   */
  | {
      readonly kind: 'dispatched';
      readonly callKind: ServiceCallKind;
      readonly scheduledAt: string;
      readonly driverName: string;
      readonly addressedAs?: string;
      readonly moved: boolean;
      readonly handedOver: boolean;
    }
  /** `closedOn`: the Taipei day it closed; `unsafeItems` only for an unsafe close. */
  | { readonly kind: 'closed'; readonly callKind: ServiceCallKind; readonly outcome: Outcome; readonly closedOn: string; readonly unsafeItems: readonly SafetyItem[] };

/** `service-call-<eventId>`: one message per event, however often it is delivered. */
export const serviceCallNoticeId = (eventId: string): string => `service-call-${eventId}`;

/**
 * The message an event of the call earns, given the call as it is now, or null: a dispatch whose time or driver the
 * office has changed since, or whose call closed before it went out, is stale (the later event tells the customer what
 * holds). A dispatch announced before events named the driver is checked by its time alone.
 */
export function serviceCallNoticeFor(event: EventEnvelope, call: ServiceCall | undefined): ServiceCallNotice | null {
  if (!call) return null;
  if (event.type === SERVICE_CALL_DISPATCHED) {
    const { scheduledAt, driverId, previousScheduledAt, previousDriverId } = event.data;
    const sent = call.assignment;
    if (call.status !== 'assigned' || !sent || typeof scheduledAt !== 'string' || sent.scheduledAt !== scheduledAt) return null;
    if (typeof driverId === 'string' && sent.driverId !== driverId) return null;
    const addressedAs = sent.driverAddressedAs ? { addressedAs: sent.driverAddressedAs } : {};
    return { kind: 'dispatched', callKind: call.kind, scheduledAt, driverName: sent.driverName, ...addressedAs, moved: typeof previousScheduledAt === 'string', handedOver: typeof previousDriverId === 'string' };
  }
  if (event.type !== SERVICE_CALL_CLOSED || call.status !== 'closed' || !call.result) return null;
  const { outcome, at, unsafeItems } = call.result;
  return { kind: 'closed', callKind: call.kind, outcome, closedOn: taipeiDate(new Date(at)), unsafeItems: outcome === 'unsafe' ? (unsafeItems ?? []) : [] };
}

/**
 * Two-character surnames found in Taiwan (複姓). The classical ones are whole in any name (歐陽修 is 歐陽師傅, not 歐師傅).
 * The joined ones (冠姓: 張簡, 范姜, 張廖 …) begin with a surname of their own and are followed, in a family that kept them,
 * by a two-character given name: 張簡嘉宏 is 張簡師傅, while 張簡明 is far more often 張 簡明, 張師傅. A driver the rule
 * still names wrongly is given a 對客稱呼 in 車隊 (`Driver.addressedAs`).
 */
const CLASSICAL_COMPOUND_SURNAMES = ['歐陽', '司馬', '上官', '諸葛', '司徒', '端木', '公孫'];
const JOINED_COMPOUND_SURNAMES = ['張簡', '范姜', '張廖', '周黃', '江謝', '簡林', '陳黃'];
const CHINESE_NAME = /^\p{Script=Han}{2,4}$/u;

function surnameOf(name: string): string {
  const pair = name.slice(0, 2);
  const compound = CLASSICAL_COMPOUND_SURNAMES.includes(pair) ? name.length > 2 : JOINED_COMPOUND_SURNAMES.includes(pair) && name.length === 4;
  return compound ? pair : name.slice(0, 1);
}

/**
 * How the customer reads who is coming: the driver's 對客稱呼 as written when the office set one; else, in Chinese, a
 * technician is called by surname and 師傅 (陳志豪 is 陳師傅), in English by the name the office wrote. A name that is not
 * a Chinese personal name (a nickname, a name in Latin letters) is said as written.
 */
export function technicianName(driverName: string, locale: NoticeLocale, addressedAs?: string): string {
  if (addressedAs) return addressedAs;
  const name = driverName.trim();
  if (locale === 'en' || !CHINESE_NAME.test(name)) return name;
  return `${surnameOf(name)}師傅`;
}

function zhTw(n: ServiceCallNotice): string {
  const what = SERVICE_CALL_KIND_LABELS[n.callKind]['zh-TW'];
  if (n.kind === 'dispatched') {
    const when = formatDayTime(n.scheduledAt, 'zh-TW');
    const who = technicianName(n.driverName, 'zh-TW', n.addressedAs);
    const visit = n.moved ? `到府時間已改為 ${when}，${n.handedOver ? '改' : ''}由${who}前往` : `${n.handedOver ? '改由' : '已安排'}${who}於 ${when} 到府處理`;
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
      return `幸福氣安全通知（${what}）：${day}到府檢查時發現下列項目不安全：${safetyItemNames(n.unsafeItems, 'zh-TW')}。為了您的安全，已暫停供應瓦斯，請勿自行接用。請先完成改善，再來電或於幸福氣網站「我要報修」申請安全檢查，檢查合格即恢復送氣。`;
  }
}

function en(n: ServiceCallNotice): string {
  const what = SERVICE_CALL_KIND_LABELS[n.callKind].en;
  if (n.kind === 'dispatched') {
    const when = formatDayTime(n.scheduledAt, 'en');
    const who = `our technician ${technicianName(n.driverName, 'en', n.addressedAs)}`;
    const visit = n.moved
      ? `the visit has moved to ${when}, and ${who} will come${n.handedOver ? ' instead' : ''}`
      : n.handedOver
        ? `${who} will come instead, at ${when}`
        : `${who} will be with you at ${when}`;
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
      return `Lucky Gas safety notice (${what}): on ${day} we found these unsafe: ${safetyItemNames(n.unsafeItems, 'en')}. For your safety we have stopped your gas supply; please do not use the installation. Once it is fixed, call us or use Report a problem on our website to ask for a safety inspection: your gas comes again when it passes.`;
  }
}

/** The message a customer reads, in their language, times on the Taipei wall clock. */
export const renderServiceCallNotice = (notice: ServiceCallNotice, locale: NoticeLocale = 'zh-TW'): string => (locale === 'zh-TW' ? zhTw(notice) : en(notice));
