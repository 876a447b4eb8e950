/**
 * 準時率: whether drivers arrive when customers were told. A customer holds two promises: the time
 * window on their order (e.g. a restaurant's 09:00–11:00 before lunch) and, once a route is
 * published, the hour they were told (the planned arrival ± half an hour, as the notice says). A
 * stop is late when it comes after either has closed, early when it comes before either opened.
 * Counters per driver and Taipei day; every stop adds fixed amounts, so applying each event once in
 * any order gives the same totals (the consumer's idempotence rests on that).
 */
import { taipeiInstant } from '../calendar';
import { taipeiDate } from '../clock';
import type { EventEnvelope } from '../events';
import { toldArrival } from '../notifications/templates';
import type { Order } from '../orders';
import type { CounterDelta } from './daily-counters';

export const ARRIVALS = ['onTime', 'late', 'early', 'unpromised'] as const;
export type Arrival = (typeof ARRIVALS)[number];

/** What the customer was promised: their order's window and the hour they were told, each if any. */
export interface ArrivalPromise {
  /** The order's requested day, which the window's times are on. */
  readonly date: string;
  readonly window?: { readonly start: string; readonly end: string };
  /** The planned arrival of the published route (ISO 8601). */
  readonly eta?: string;
}

/** A stop's outcome as the driver recorded it. */
export interface StopOutcome {
  readonly driverId: string;
  readonly status: 'delivered' | 'failed';
  /** When it happened (ISO 8601). */
  readonly at: string;
  readonly promise: ArrivalPromise;
}

const MINUTE = 60_000;

/** How an arrival at `at` compares with the promise, and by how many whole minutes it missed (0 when it did not). */
export function arrivalOf(at: string, promise: ArrivalPromise): { arrival: Arrival; minutes: number } {
  const opens: number[] = [];
  const closes: number[] = [];
  if (promise.window) {
    opens.push(Date.parse(taipeiInstant(promise.date, promise.window.start)));
    closes.push(Date.parse(taipeiInstant(promise.date, promise.window.end)));
  }
  if (promise.eta) {
    const told = toldArrival(promise.eta);
    opens.push(told.from);
    closes.push(told.to);
  }
  if (opens.length === 0) return { arrival: 'unpromised', minutes: 0 };
  const t = Date.parse(at);
  const lateBy = t - Math.min(...closes);
  if (lateBy > 0) return { arrival: 'late', minutes: Math.ceil(lateBy / MINUTE) };
  const earlyBy = Math.max(...opens) - t;
  if (earlyBy > 0) return { arrival: 'early', minutes: Math.ceil(earlyBy / MINUTE) };
  return { arrival: 'onTime', minutes: 0 };
}

/** `reports/punctuality-<day>`: the increments one stop adds, as dotted paths `drivers.<id>.<counter>`. */
export function punctualityDelta(stop: StopOutcome): CounterDelta {
  const day = taipeiDate(new Date(stop.at));
  const key = `drivers.${stop.driverId}`;
  if (stop.status === 'failed') return { day, increments: { [`${key}.failed`]: 1 } };
  const { arrival, minutes } = arrivalOf(stop.at, stop.promise);
  return {
    day,
    increments: {
      [`${key}.delivered`]: 1,
      [`${key}.${arrival}`]: 1,
      ...(arrival === 'late' ? { [`${key}.minutesLate`]: minutes } : {}),
    },
  };
}

/** The promise an order carries, as a driver's stop event records it. */
export const promiseOf = (order: Pick<Order, 'requestedDate' | 'timeWindow' | 'eta'>): ArrivalPromise => ({
  date: order.requestedDate,
  ...(order.timeWindow ? { window: { start: order.timeWindow.start, end: order.timeWindow.end } } : {}),
  ...(order.eta ? { eta: order.eta } : {}),
});

/** A `driver.stop_delivered` / `driver.stop_failed` event's stop; null for other events or ones recorded before stops carried their promise. */
export function stopOfEvent(event: EventEnvelope): StopOutcome | null {
  const status = event.type === 'driver.stop_delivered' ? 'delivered' : event.type === 'driver.stop_failed' ? 'failed' : null;
  const data = event.data as { driverId?: unknown; at?: unknown; promise?: unknown };
  if (!status || typeof data.driverId !== 'string' || typeof data.at !== 'string' || typeof data.promise !== 'object' || data.promise === null) return null;
  return { driverId: data.driverId, status, at: data.at, promise: data.promise as ArrivalPromise };
}

/** The stop a delivered or failed order's record shows (the demo seed replays history through it). */
export function stopOfOrder(order: Order): StopOutcome | null {
  if (!order.driverId) return null;
  if (order.status === 'delivered' && order.delivery) return { driverId: order.driverId, status: 'delivered', at: order.delivery.at, promise: promiseOf(order) };
  if (order.status !== 'failed') return null;
  const failed = [...order.timeline].reverse().find((e) => e.to === 'failed');
  return failed ? { driverId: order.driverId, status: 'failed', at: failed.at, promise: promiseOf(order) } : null;
}
