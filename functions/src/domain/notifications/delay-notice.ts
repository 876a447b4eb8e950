/**
 * When a driver falls behind, the customers further down the route hear it before they wait in
 * vain. A stop done later than planned pushes every stop after it back by as much; a customer whose
 * stop is now expected past the hour they were told (the planned arrival ± half an hour) is told the
 * new time, once per order.
 */
import type { Route } from '../routes';
import { toldArrival } from './templates';

/** How far past the hour told a stop must be expected before the customer hears of it: a few minutes is noise. */
export const DELAY_SLACK_MINUTES = 10;

export interface DelayNotice {
  readonly orderId: string;
  readonly customerId: string;
  /** The new expected arrival (ISO 8601). */
  readonly eta: string;
}

/**
 * The stops to tell after `done` (a stop of `route`, delivered or failed at `at`): those still open
 * whose projected arrival passes the end of the hour their customer was told (`told`: order id → the
 * arrival announced, absent when none was). A stop done on time or early moves nothing.
 */
export function delayNotices(route: Pick<Route, 'stops'>, done: { readonly orderId: string; readonly at: string }, told: ReadonlyMap<string, string>): DelayNotice[] {
  const index = route.stops.findIndex((s) => s.orderId === done.orderId);
  const doneStop = route.stops[index];
  if (!doneStop) return [];
  const delay = Date.parse(done.at) - Date.parse(doneStop.eta);
  if (delay <= 0) return [];
  return route.stops.slice(index + 1).flatMap((stop) => {
    const announced = told.get(stop.orderId);
    if (stop.outcome || !announced) return [];
    const projected = Date.parse(stop.eta) + delay;
    if (projected <= toldArrival(announced).to + DELAY_SLACK_MINUTES * 60_000) return [];
    return [{ orderId: stop.orderId, customerId: stop.customerId, eta: new Date(projected).toISOString() }];
  });
}

/** `delay-<orderId>`: one delay notice per order, however often the route's events arrive. */
export const delayNoticeId = (orderId: string): string => `delay-${orderId}`;
