/**
 * Customer-facing texts for order events, zh-TW first and English. Pure functions: every date and
 * time is rendered on the Taipei wall clock whatever the server's time zone.
 */
import type { ClosurePeriod } from '../closures';
import type { SizeQuantity } from '../cylinders';
import { SAFETY_ITEM_LABELS, type SafetyItem } from '../safety/checklist';

export type NoticeLocale = 'zh-TW' | 'en';

/** A delivery window on a Taipei calendar date: `date` is `YYYY-MM-DD`, `from`/`to` are `HH:mm`. */
export interface DeliveryWindow {
  readonly date: string;
  readonly from: string;
  readonly to: string;
}

/** Reasons a delivery can fail that drivers pick from; any other text is shown as given. */
export const FAILURE_REASONS = {
  no_one_home: { 'zh-TW': '無人在家', en: 'nobody home' },
  customer_refused: { 'zh-TW': '客戶拒收', en: 'delivery refused' },
  address_not_found: { 'zh-TW': '找不到地址', en: 'address not found' },
  access_blocked: { 'zh-TW': '無法進入（門禁或道路封閉）', en: 'site not reachable' },
  unsafe_installation: { 'zh-TW': '現場安裝環境不安全', en: 'unsafe installation' },
  payment_issue: { 'zh-TW': '付款問題', en: 'payment problem' },
} as const satisfies Record<string, Record<NoticeLocale, string>>;

export type FailureReasonCode = keyof typeof FAILURE_REASONS;

/** Whether a stored or sent failure reason is a code picked from `FAILURE_REASONS` rather than words typed. */
export const isFailureReasonCode = (reason: string): reason is FailureReasonCode => Object.hasOwn(FAILURE_REASONS, reason);

/** Reasons customers pick when they cancel in the portal; stored as the code like the drivers' (any other text as given). */
export const CANCEL_REASONS = {
  still_have_gas: { 'zh-TW': '瓦斯還有', en: 'still have gas' },
  ordered_by_mistake: { 'zh-TW': '叫錯了', en: 'ordered by mistake' },
  order_later: { 'zh-TW': '改天再叫', en: 'will order another day' },
  other: { 'zh-TW': '其他', en: 'other' },
} as const satisfies Record<string, Record<NoticeLocale, string>>;

/** Reasons recorded when a step of the office's cancels orders with it (never picked from a list, so not offered in the portal). */
export const OFFICE_CANCEL_REASONS = {
  customer_deactivated: { 'zh-TW': '客戶帳戶已停用', en: 'customer account closed' },
} as const satisfies Record<string, Record<NoticeLocale, string>>;

export type CancelReasonCode = keyof typeof CANCEL_REASONS | keyof typeof OFFICE_CANCEL_REASONS;

/**
 * Why the office moves an order to another day (延後), said to its customer after 因 (any other text as given): a
 * shortage at the filling plant moves some orders, not every delivery as a closure (休息日) would.
 */
export const RESCHEDULE_REASONS = {
  plant_shortage: { 'zh-TW': '分裝場供氣不足', en: 'a gas shortage at the filling plant' },
  vehicle_breakdown: { 'zh-TW': '配送車輛故障', en: 'a delivery truck breakdown' },
  weather: { 'zh-TW': '天候不佳', en: 'bad weather' },
  customer_request: { 'zh-TW': '您的要求', en: 'your request' },
} as const satisfies Record<string, Record<NoticeLocale, string>>;

/**
 * Why a branch's order moved when its head office (分店／總公司付款) changed its day or hours from the portal: the
 * branch's staff did not, so the branch is told, as a customer the office moves with a reason is (and of the cylinders,
 * when the head office changed those: `cylinders_changed`, or `items` with the new day). Only the event carries it (never
 * picked, nor kept on the timeline), so the screens have no name for it.
 */
export const HEAD_OFFICE_CHANGE = 'head_office_change';
const HEAD_OFFICE_CHANGE_TEXT: Record<NoticeLocale, string> = { 'zh-TW': '總店修改訂單', en: 'a change made by your head office' };

export type RescheduleReasonCode = keyof typeof RESCHEDULE_REASONS;

export type OrderNotice =
  | { readonly kind: 'confirmed'; readonly orderCode: string; readonly window: DeliveryWindow }
  /**
   * An order's new day or hours; `closure` when it was moved off one (休息日), `reason` when the office said why it moved
   * it (a `RESCHEDULE_REASONS` code or words typed), or `HEAD_OFFICE_CHANGE` when a branch's head office moved it, either said as the reason;
   * `items` when the head office changed the cylinders too.
   */
  | {
      readonly kind: 'rescheduled';
      readonly orderCode: string;
      readonly window: DeliveryWindow;
      readonly closure?: ClosurePeriod;
      readonly reason?: RescheduleReasonCode | string;
      readonly items?: readonly SizeQuantity[];
    }
  /** Back on the day it had (`window`), `closure` having been called off where it is delivered (恢復配送). */
  | { readonly kind: 'closure_lifted'; readonly orderCode: string; readonly window: DeliveryWindow; readonly closure: ClosurePeriod }
  /** A branch's head office changed only the cylinders: `items`, what now comes, on the day and hours that stay. */
  | { readonly kind: 'cylinders_changed'; readonly orderCode: string; readonly window: DeliveryWindow; readonly items: readonly SizeQuantity[] }
  /** On a published route: `eta` is the planned ISO-8601 arrival, told as the half hour either side of it. */
  | { readonly kind: 'scheduled'; readonly orderCode: string; readonly eta: string }
  /** `eta` is an ISO-8601 instant. */
  | { readonly kind: 'out_for_delivery'; readonly orderCode: string; readonly eta: string }
  /** The driver is running behind the hour told: `eta` is the new expected arrival (ISO 8601); `update` when an earlier delay notice gave a sooner time. */
  | { readonly kind: 'delayed'; readonly orderCode: string; readonly eta: string; readonly update?: boolean }
  /** `amount` in NT dollars, what the customer paid or owes for this delivery. */
  | { readonly kind: 'delivered'; readonly orderCode: string; readonly amount: number }
  | { readonly kind: 'failed'; readonly orderCode: string; readonly reason: FailureReasonCode | string }
  | { readonly kind: 'cancelled'; readonly orderCode: string; readonly reason?: CancelReasonCode | string };

const ZH_WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'] as const;
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
// Taiwan has had no daylight saving since 1979, so Taipei wall-clock time is UTC+8 exactly.
const TAIPEI_OFFSET_MS = 8 * 3600_000;

interface WallClock {
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly time: string;
}

function calendarDay(date: string): WallClock {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a calendar date: ${date}`);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), time: '00:00' };
}

function taipeiWallClock(instant: string): WallClock {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instant}`);
  const d = new Date(ms + TAIPEI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/**
 * The hour a planned arrival is told as (epoch ms): from half an hour before it to half an hour
 * after, on half hours, so a plan that moves by minutes does not read as a broken promise.
 */
export function toldArrival(eta: string): { readonly from: number; readonly to: number } {
  const HALF_HOUR = 1_800_000;
  const centre = Math.round(Date.parse(eta) / HALF_HOUR) * HALF_HOUR;
  return { from: centre - HALF_HOUR, to: centre + HALF_HOUR };
}

function arrivalWindow(eta: string): { day: WallClock; from: string; to: string } {
  const told = toldArrival(eta);
  const from = taipeiWallClock(new Date(told.from).toISOString());
  return { day: from, from: from.time, to: taipeiWallClock(new Date(told.to).toISOString()).time };
}

/** `11/29（日）` or `Sun 11/29`. */
function formatDay(c: WallClock, locale: NoticeLocale): string {
  return locale === 'zh-TW' ? `${c.month}/${c.day}（${ZH_WEEKDAYS[c.weekday]}）` : `${EN_WEEKDAYS[c.weekday]} ${c.month}/${c.day}`;
}

/** A Taipei calendar date (`YYYY-MM-DD`) as customers read it: `12/1（二）` or `Tue 12/1`. */
export const formatDate = (date: string, locale: NoticeLocale): string => formatDay(calendarDay(date), locale);

/** An instant as customers read it on the Taipei wall clock: `12/1（二）14:30` or `14:30 on Tue 12/1`. */
export function formatDayTime(instant: string, locale: NoticeLocale): string {
  const c = taipeiWallClock(instant);
  return locale === 'zh-TW' ? `${formatDay(c, locale)}${c.time}` : `${c.time} on ${formatDay(c, locale)}`;
}

/** A closure's days as customers read them: `12/2（三）–12/6（日）`, or the day alone for a one-day closure. */
export const closureDays = (c: ClosurePeriod, locale: NoticeLocale): string =>
  c.from === c.to ? formatDate(c.from, locale) : `${formatDate(c.from, locale)}–${formatDate(c.to, locale)}`;

/** `NT$1,250`: whole dollars, as Taiwanese receipts show them. */
export function formatNtd(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(`not an amount: ${amount}`);
  const whole = Math.round(amount);
  const digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole < 0 ? '-' : ''}NT$${digits}`;
}

/** `20kg×2、16kg×1` / `20kg×2, 16kg×1`, as the shop counts them at the door. */
const cylinderLines = (items: readonly SizeQuantity[], locale: NoticeLocale): string => items.map((i) => `${i.size}kg×${i.quantity}`).join(locale === 'zh-TW' ? '、' : ', ');

/** A stored reason as the customer reads it: a picked one in their language, a typed one as it was typed. */
function reasonText(reason: string, locale: NoticeLocale): string {
  if (isFailureReasonCode(reason)) return FAILURE_REASONS[reason][locale];
  if (Object.hasOwn(CANCEL_REASONS, reason)) return CANCEL_REASONS[reason as keyof typeof CANCEL_REASONS][locale];
  if (Object.hasOwn(OFFICE_CANCEL_REASONS, reason)) return OFFICE_CANCEL_REASONS[reason as keyof typeof OFFICE_CANCEL_REASONS][locale];
  if (Object.hasOwn(RESCHEDULE_REASONS, reason)) return RESCHEDULE_REASONS[reason as RescheduleReasonCode][locale];
  if (reason === HEAD_OFFICE_CHANGE) return HEAD_OFFICE_CHANGE_TEXT[locale];
  return reason;
}

function zhTw(n: OrderNotice): string {
  const head = `幸福氣通知：您的訂單 #${n.orderCode}`;
  switch (n.kind) {
    case 'confirmed':
      return `${head} 已確認，預計 ${formatDate(n.window.date, 'zh-TW')}${n.window.from}–${n.window.to} 送達。`;
    case 'rescheduled': {
      const because = n.closure
        ? `因${n.closure.name}（${closureDays(n.closure, 'zh-TW')}）${n.closure.closesAt ? `${n.closure.closesAt} 提早收工` : '不配送'}，`
        : n.reason
          ? `因${reasonText(n.reason, 'zh-TW')}，`
          : '';
      const items = n.items ? `，本次配送改為 ${cylinderLines(n.items, 'zh-TW')}` : '';
      return `${head} ${because}配送時間已改為 ${formatDate(n.window.date, 'zh-TW')}${n.window.from}–${n.window.to}${items}。如有疑問請來電洽詢。`;
    }
    case 'closure_lifted':
      return `${head} 因${n.closure.name}取消，配送恢復為 ${formatDate(n.window.date, 'zh-TW')}${n.window.from}–${n.window.to}。如有疑問請來電洽詢。`;
    case 'cylinders_changed':
      return `${head} 因${HEAD_OFFICE_CHANGE_TEXT['zh-TW']}，本次配送改為 ${cylinderLines(n.items, 'zh-TW')}，預計 ${formatDate(n.window.date, 'zh-TW')}${n.window.from}–${n.window.to} 送達。如有疑問請來電洽詢。`;
    case 'scheduled': {
      const w = arrivalWindow(n.eta);
      return `${head} 已排入配送，預計 ${formatDay(w.day, 'zh-TW')}${w.from}–${w.to} 之間送達。`;
    }
    case 'out_for_delivery': {
      const eta = taipeiWallClock(n.eta);
      return `${head} 已出車配送，預計 ${formatDay(eta, 'zh-TW')}${eta.time} 左右抵達。`;
    }
    case 'delayed': {
      const eta = taipeiWallClock(n.eta);
      if (n.update) return `${head} 更新：前面的配送仍持續耽擱，預計再延至 ${formatDay(eta, 'zh-TW')}${eta.time} 左右抵達，造成不便，敬請見諒。`;
      return `${head} 因前面的配送耽擱，預計延至 ${formatDay(eta, 'zh-TW')}${eta.time} 左右抵達，造成不便，敬請見諒。`;
    }
    case 'delivered':
      return `${head} 已送達，金額 ${formatNtd(n.amount)}。感謝您的惠顧！`;
    case 'failed':
      return `${head} 配送未完成（原因：${reasonText(n.reason, 'zh-TW')}），我們將盡快與您聯繫改約時間。`;
    case 'cancelled':
      return `${head} 已取消${n.reason ? `（原因：${reasonText(n.reason, 'zh-TW')}）` : ''}。如有疑問請來電洽詢。`;
  }
}

function en(n: OrderNotice): string {
  const head = `Lucky Gas: your order #${n.orderCode}`;
  switch (n.kind) {
    case 'confirmed':
      return `${head} is confirmed for delivery on ${formatDate(n.window.date, 'en')}, ${n.window.from}–${n.window.to}.`;
    case 'rescheduled': {
      const because = n.closure
        ? n.closure.closesAt
          ? ` as we stop delivering at ${n.closure.closesAt} on ${closureDays(n.closure, 'en')} (${n.closure.name})`
          : ` as we are closed ${closureDays(n.closure, 'en')} (${n.closure.name})`
        : n.reason
          ? ` because of ${reasonText(n.reason, 'en')}`
          : '';
      const items = n.items ? ` and changed to ${cylinderLines(n.items, 'en')}` : '';
      return `${head} has been moved to ${formatDate(n.window.date, 'en')}, ${n.window.from}–${n.window.to}${items}${because}. Please call us with any questions.`;
    }
    case 'closure_lifted':
      return `${head} is back on ${formatDate(n.window.date, 'en')}, ${n.window.from}–${n.window.to}, as ${n.closure.name} has been called off. Please call us with any questions.`;
    case 'cylinders_changed':
      return `${head} has been changed to ${cylinderLines(n.items, 'en')} because of ${HEAD_OFFICE_CHANGE_TEXT.en}, still due ${formatDate(n.window.date, 'en')}, ${n.window.from}–${n.window.to}. Please call us with any questions.`;
    case 'scheduled': {
      const w = arrivalWindow(n.eta);
      return `${head} is on the delivery plan: expect us on ${formatDay(w.day, 'en')} between ${w.from} and ${w.to}.`;
    }
    case 'out_for_delivery': {
      const eta = taipeiWallClock(n.eta);
      return `${head} is out for delivery, arriving around ${eta.time} on ${formatDay(eta, 'en')}.`;
    }
    case 'delayed': {
      const eta = taipeiWallClock(n.eta);
      if (n.update) return `${head}, update: we are running later than we last told you and now expect to arrive around ${eta.time} on ${formatDay(eta, 'en')}. Sorry for the wait.`;
      return `${head} is running late: we now expect to arrive around ${eta.time} on ${formatDay(eta, 'en')}. Sorry for the wait.`;
    }
    case 'delivered':
      return `${head} has been delivered. Amount: ${formatNtd(n.amount)}. Thank you!`;
    case 'failed':
      return `${head} could not be delivered (reason: ${reasonText(n.reason, 'en')}). We will call you to rearrange.`;
    case 'cancelled':
      return `${head} has been cancelled${n.reason ? ` (reason: ${reasonText(n.reason, 'en')})` : ''}. Please call us with any questions.`;
  }
}

export function renderOrderNotice(notice: OrderNotice, locale: NoticeLocale = 'zh-TW'): string {
  return locale === 'zh-TW' ? zhTw(notice) : en(notice);
}

/** Checklist items as customers read them, in a sentence naming what was found. */
export const safetyItemNames = (items: readonly SafetyItem[], locale: NoticeLocale): string => items.map((i) => SAFETY_ITEM_LABELS[i][locale]).join(locale === 'en' ? '; ' : '、');
