/**
 * 停止供氣通知 of an inspection: the customer whose 用戶安全檢查 stopped the supply hears it as a 報修 closed unsafe
 * tells them (`renderServiceCallNotice`): what was found, that the gas is stopped, and how to ask for the re-check that
 * brings it back. Pure: what is said and under which dispatch id; the `notifyServiceCalls` consumer reads, records and sends.
 */
import type { EventEnvelope } from '../events';
import type { SafetyItem, SupplyStop } from '../safety';
import { INSPECTION_SUPPLY_STOPPED } from '../safety';
import { formatDate, safetyItemNames, type NoticeLocale } from './templates';


export interface SupplyStopNotice {
  /** The day the inspection stopped it. */
  readonly since: string;
  readonly items: readonly SafetyItem[];
  /** The inspector's words when they stopped it by hand. */
  readonly reason?: string;
}

/** `supply-stop-<eventId>`: one message per stop, however often the event is delivered. */
export const supplyStopNoticeId = (eventId: string): string => `supply-stop-${eventId}`;

/**
 * The message the event earns given the customer's stop as it is now, or null when that stop is no longer the event's:
 * a re-check that passed (or another stop) before the notice went out leaves nothing true to tell.
 */
export function supplyStopNoticeFor(event: EventEnvelope, stop: SupplyStop | undefined): SupplyStopNotice | null {
  if (event.type !== INSPECTION_SUPPLY_STOPPED || !stop || typeof event.data.inspectionId !== 'string' || stop.inspectionId !== event.data.inspectionId) return null;
  return { since: stop.since, items: stop.items, ...(stop.reason ? { reason: stop.reason } : {}) };
}

/** The message a customer reads, in their language; a failed leak test is said as the leak it is. */
export function renderSupplyStopNotice(n: SupplyStopNotice, locale: NoticeLocale = 'zh-TW'): string {
  const day = formatDate(n.since, locale);
  const leak = n.items.includes('leakTest');
  if (locale === 'en') {
    const found = leak ? 'a gas leak' : 'an unsafe installation';
    return `Lucky Gas safety notice: the safety inspection on ${day} found ${found} (${[safetyItemNames(n.items, 'en'), ...(n.reason ? [n.reason] : [])].join(': ')}). For your safety we have stopped your gas supply; please do not use the installation. Once it is fixed, call us or use Report a problem on our website to book a re-check: your gas comes again when it passes.`;
  }
  const found = leak ? '瓦斯漏氣' : '瓦斯設備不安全';
  return `幸福氣安全通知：${day}用戶安全檢查發現${found}（${[safetyItemNames(n.items, 'zh-TW'), ...(n.reason ? [n.reason] : [])].join('：')}）。為了您的安全，已暫停供應瓦斯，請勿自行接用。請先完成改善，再來電或於幸福氣網站「我要報修」申請複查，複查合格即恢復送氣。`;
}
