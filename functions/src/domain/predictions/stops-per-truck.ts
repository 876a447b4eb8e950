/**
 * How many stops a depot's truck makes in a day, learned from what its trucks did: the nightly suggestions put no more
 * on a day than the depot's trucks deliver (`depotDailyStops`), and a figure typed in once drifts from the streets, the
 * drivers and the customers' mix. No I/O.
 */
import { addDays } from '../calendar';
import type { Depot } from '../fleet';
import { DEFAULT_STOPS_PER_TRUCK } from './suggestion-days';

/** Two months: a month's busy start and end twice over, without reaching back into another season's streets. */
export const LEARNING_WEEKS = 8;

/** Truck-days a learned figure rests on at least: a month of one truck's working days, so a handful of days do not set it. */
export const MIN_TRUCK_DAYS = 20;

/**
 * Which of a depot's truck-days the figure is. Most days a truck carries what was ordered, less than it could; the 80th
 * percentile is a busy day's load, above the quiet days and below a rare day a driver stayed out late.
 */
export const LEARNED_PERCENTILE = 0.8;

/** One stop a truck made: an order delivered (or found nobody home) on its route, at the depot its customer is served from. */
export interface MadeStop {
  readonly routeId: string;
  /** Its customer's depot; none when the customer has no place (the stop still counts on its route). */
  readonly depotId: string | undefined;
  readonly date: string;
}

export interface LearnedStops {
  /** Truck-days (routes) in the LEARNING_WEEKS weeks before today. */
  readonly truckDays: number;
  /** Stops a truck makes in a day by them; null when fewer than MIN_TRUCK_DAYS. */
  readonly stops: number | null;
}

/**
 * Depot id → what its trucks did in the LEARNING_WEEKS weeks before `today`. A route is one truck's day; it belongs to
 * the depot most of its stops are served from (on a tie the first by id), as the suggestions count a customer's order at
 * that depot. The figure is the LEARNED_PERCENTILE of the stops per route (nearest rank).
 */
export function learnedStopsPerTruck(stops: readonly MadeStop[], today: string): Map<string, LearnedStops> {
  const from = addDays(today, -7 * LEARNING_WEEKS);
  const routes = new Map<string, { stops: number; depots: Map<string, number> }>();
  for (const stop of stops) {
    if (stop.date < from || stop.date >= today) continue;
    const route = routes.get(stop.routeId) ?? { stops: 0, depots: new Map<string, number>() };
    route.stops++;
    if (stop.depotId !== undefined) route.depots.set(stop.depotId, (route.depots.get(stop.depotId) ?? 0) + 1);
    routes.set(stop.routeId, route);
  }
  const byDepot = new Map<string, number[]>();
  for (const route of routes.values()) {
    const [depotId] = [...route.depots].sort(([a, m], [b, n]) => n - m || a.localeCompare(b))[0] ?? [];
    if (depotId !== undefined) byDepot.set(depotId, [...(byDepot.get(depotId) ?? []), route.stops]);
  }
  return new Map(
    [...byDepot].map(([depotId, days]) => {
      const sorted = [...days].sort((a, b) => a - b);
      const rank = Math.ceil(LEARNED_PERCENTILE * sorted.length) - 1;
      return [depotId, { truckDays: sorted.length, stops: sorted.length < MIN_TRUCK_DAYS ? null : (sorted[rank] ?? null) }];
    }),
  );
}

/** `forecasts/stops-per-truck`: what the nightly job learned, so the fleet page shows the figure a depot's suggestions use. */
export interface LearnedStopsDoc {
  readonly asOf: string;
  readonly computedAt: string;
  readonly depots: readonly ({ readonly depotId: string } & LearnedStops)[];
}

export interface StopsPerTruck {
  readonly stops: number;
  /** `history`: learned, above the depot's setting; `setting`: the depot's own `stopsPerTruck`; `default`: DEFAULT_STOPS_PER_TRUCK. */
  readonly source: 'history' | 'setting' | 'default';
  readonly truckDays: number;
  /** What the history says (`LearnedStops.stops`), used or not; null when it is too short. */
  readonly learned: number | null;
}

/**
 * The stops a truck of the depot makes a day: what its trucks made lately when that is more than its setting (or the
 * default), else the setting. A route carries what was ordered, not what the truck could carry: a fleet running half
 * empty makes few stops on its busiest days too, which says nothing of what it could do, while trucks that did more on
 * their busy days than the setting says have shown they can.
 */
export function stopsPerTruckUsed(depot: Pick<Depot, 'stopsPerTruck'>, learned: LearnedStops | undefined): StopsPerTruck {
  const truckDays = learned?.truckDays ?? 0;
  const stops = learned?.stops ?? null;
  const set = depot.stopsPerTruck === undefined ? ({ stops: DEFAULT_STOPS_PER_TRUCK, source: 'default' } as const) : ({ stops: depot.stopsPerTruck, source: 'setting' } as const);
  return stops !== null && stops > set.stops ? { stops, source: 'history', truckDays, learned: stops } : { ...set, truckDays, learned: stops };
}
