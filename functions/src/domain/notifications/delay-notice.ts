/**
 * When a driver falls behind, the customers further down the route hear it before they wait in
 * vain. A stop done later than planned pushes every stop after it back by as much; a customer whose
 * stop is now expected past the hour they were told (the planned arrival ± half an hour) is told the
 * new time. Should the driver fall clearly further behind than that, they are told again, a few
 * times at most: a second message is worth sending only when the new time is well past the last one.
 */
import type { Route } from '../routes';
import { renderOrderNotice, toldArrival, type NoticeLocale } from './templates';
import { orderCode } from './order-notice';

/** How far past the hour told a stop must be expected before the customer hears of it: a few minutes is noise. */
export const DELAY_SLACK_MINUTES = 10;
/** How much later than the time of the last delay notice a stop must be expected before the customer is told again. */
export const DELAY_UPDATE_MINUTES = 30;
/** Delay notices one order gets at most: past that, more messages annoy more than they help. */
export const MAX_DELAY_NOTICES = 3;

/** What a customer waiting for a stop has heard: the arrival announced, then each delay notice's time, oldest first. */
export interface ToldArrival {
  /** The planned arrival announced (ISO 8601), told as the hour around it. */
  readonly promised: string;
  /** The new arrivals of the delay notices already recorded (ISO 8601), oldest first. */
  readonly delays: readonly string[];
}

export interface DelayNotice {
  readonly orderId: string;
  readonly customerId: string;
  /** The new expected arrival (ISO 8601). */
  readonly eta: string;
  /** 1 for the order's first delay notice, 2… for the updates after it. */
  readonly sequence: number;
}

/** Whether a customer told `told` hears of a stop now expected at `projected` (epoch ms). */
function worthTelling(told: ToldArrival, projected: number): boolean {
  if (projected <= toldArrival(told.promised).to + DELAY_SLACK_MINUTES * 60_000) return false;
  const last = told.delays.at(-1);
  if (last === undefined) return true;
  return told.delays.length < MAX_DELAY_NOTICES && projected > Date.parse(last) + DELAY_UPDATE_MINUTES * 60_000;
}

/**
 * The stops to tell after `done` (a stop of `route`, delivered or failed at `at`): those still open
 * whose projected arrival passes the end of the hour their customer was told and, when they already
 * had a delay notice, lies more than half an hour past the last one (`told`: order id → what the
 * customer heard, absent when told no hour). A stop done on time or early moves nothing; the same
 * news computed twice finds itself already told.
 */
export function delayNotices(route: Pick<Route, 'stops'>, done: { readonly orderId: string; readonly at: string }, told: ReadonlyMap<string, ToldArrival>): DelayNotice[] {
  const index = route.stops.findIndex((s) => s.orderId === done.orderId);
  const doneStop = route.stops[index];
  if (!doneStop) return [];
  return pushedBack(route.stops.slice(index + 1), Date.parse(done.at) - Date.parse(doneStop.eta), told);
}

/**
 * The stops of a route handed over (改派: a breakdown, a driver taken ill) to tell: the hand-over timed its stops again
 * from then (`retimedFromHandOver` in domain/routes), so each one open whose new time passes the hour its customer heard
 * before the hand-over (`told`) is told it; a route handed over early enough moved no time and tells nobody.
 */
export function handOverDelayNotices(route: Pick<Route, 'stops'>, told: ReadonlyMap<string, ToldArrival>): DelayNotice[] {
  return noticesAt(route.stops, (stop) => Date.parse(stop.eta), told);
}

/** Of `stops`, those to tell when each is expected `delay` ms later than planned. */
function pushedBack(stops: Route['stops'], delay: number, told: ReadonlyMap<string, ToldArrival>): DelayNotice[] {
  return delay <= 0 ? [] : noticesAt(stops, (stop) => Date.parse(stop.eta) + delay, told);
}

/** Of `stops`, those still open whose customer is to hear that they are now expected at `projected` (epoch ms). */
function noticesAt(stops: Route['stops'], projected: (stop: Route['stops'][number]) => number, told: ReadonlyMap<string, ToldArrival>): DelayNotice[] {
  return stops.flatMap((stop) => {
    const heard = told.get(stop.orderId);
    if (stop.outcome || !heard) return [];
    const expected = projected(stop);
    if (!worthTelling(heard, expected)) return [];
    return [{ orderId: stop.orderId, customerId: stop.customerId, eta: new Date(expected).toISOString(), sequence: heard.delays.length + 1 }];
  });
}

/**
 * `delay-<orderId>` for the first notice (the id it had when there was only one, so records written
 * before updates existed still count), `delay-<orderId>-<n>` for the updates: however often the
 * route's events arrive, each notice of an order is one record.
 */
export const delayNoticeId = (orderId: string, sequence = 1): string => (sequence === 1 ? `delay-${orderId}` : `delay-${orderId}-${sequence}`);

/** Every id an order's delay notices can have, oldest first. */
export const delayNoticeIds = (orderId: string): string[] => Array.from({ length: MAX_DELAY_NOTICES }, (_, i) => delayNoticeId(orderId, i + 1));

/** The text of a delay notice: an update says so. */
export const renderDelayNotice = (notice: DelayNotice, locale: NoticeLocale): string =>
  renderOrderNotice({ kind: 'delayed', orderCode: orderCode(notice.orderId), eta: notice.eta, ...(notice.sequence > 1 ? { update: true } : {}) }, locale);
