/**
 * The days of tonight's suggested orders, by urgency and by what each depot's trucks deliver in a day.
 *
 * Each suggestion comes with the customer's own day (the deliver-by day moved off closed days, `chooseSuggestion`).
 * After a closure declared at short notice every customer it made wait lands on its first open day, far more than the
 * trucks deliver; here the most urgent keep their own day and the rest go to the following open days. No I/O.
 */
import { addDays } from '../calendar';
import { closuresFor, isOpenDay, type ClosureList } from '../closures';
import { isActive, type Depot, type Driver, type Vehicle } from '../fleet';
import type { MessageCatalogue } from '../schema';

/**
 * Stops a truck makes in a day when its history is too short to learn from and its depot sets none (`Depot.stopsPerTruck`): a 9-hour shift less an hour of loading
 * and refilling at the yard is 480 minutes; a household stop takes about 9 (`serviceTimeMinutes`: 5 plus 2 a cylinder)
 * and the drive to the next one about 15 in 新北 streets, so 20 stops.
 */
export const DEFAULT_STOPS_PER_TRUCK = 20;

/** How far past its own day a suggestion may go: beyond a week the office should plan extra trucks, not wait. */
export const MAX_SPREAD_DAYS = 7;

/** The stops a depot's trucks deliver in a day: its trucks in service that have a driver in service, times the stops a truck makes (`stopsPerTruckUsed`). */
export function depotDailyStops(depot: Pick<Depot, 'id'>, vehicles: readonly Vehicle[], drivers: readonly Driver[], stopsPerTruck: number): number {
  const driven = new Set(drivers.filter(isActive).map((driver) => driver.vehicleId));
  const trucks = vehicles.filter((vehicle) => vehicle.depotId === depot.id && isActive(vehicle) && driven.has(vehicle.id)).length;
  return trucks * stopsPerTruck;
}

export interface SuggestionCandidate {
  readonly customerId: string;
  /** The depot that serves the customer; none: no capacity known, the suggestion keeps its day. */
  readonly depotId: string | undefined;
  /** The customer's own day: never moved earlier than this. */
  readonly requestedDate: string;
  /** The day to deliver by (p10): the earlier, the more urgent. */
  readonly safeDeliveryDate: string;
  /** The latest the customer is expected to order (p90). */
  readonly latestDate: string;
  /** Delivered without asking: the customer counts on the truck, so these are placed first. */
  readonly autoDelivery: boolean;
  /** Weekdays the customer takes no deliveries (0 = Sunday). */
  readonly closedDays: readonly number[];
  /** Where the customer is delivered: a closure of other districts leaves its days open to them. */
  readonly district: string;
  /** The closure the suggestion waited past (`Suggestion.afterClosure`). */
  readonly afterClosure?: string;
}

export interface PlacedSuggestion {
  readonly customerId: string;
  readonly requestedDate: string;
  /** The customer's own day; `requestedDate` is later when the depot's day was full. */
  readonly ownDate: string;
  /** Moved to a day after the customer's p90: only one that waited past a closure, and the warning says how many. */
  readonly pastLatest: boolean;
}

export interface DayCapacity {
  readonly closures: ClosureList;
  /** Depot id → stops a day (`depotDailyStops`). */
  readonly stopsPerDay: ReadonlyMap<string, number>;
  /** Depot id → day → orders already booked (real orders take the capacity first). */
  readonly booked: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** Auto-delivery customers first, then the earliest day to deliver by, the earliest p90, the earliest own day. */
export const byUrgency = (a: SuggestionCandidate, b: SuggestionCandidate): number =>
  Number(b.autoDelivery) - Number(a.autoDelivery) ||
  a.safeDeliveryDate.localeCompare(b.safeDeliveryDate) ||
  a.latestDate.localeCompare(b.latestDate) ||
  a.requestedDate.localeCompare(b.requestedDate) ||
  a.customerId.localeCompare(b.customerId);

/**
 * Places each suggestion, most urgent first, on the first day from its own on that the customer takes deliveries and
 * its depot has a stop left. One that waited past a closure may go up to MAX_SPREAD_DAYS later, past its p90 if need
 * be (it is already late; `pastLatest` marks it for the warning); any other goes no later than its p90. With no such
 * day it keeps its own, over capacity. Deterministic: the same candidates and bookings give the same days.
 */
export function placeByCapacity(candidates: readonly SuggestionCandidate[], capacity: DayCapacity): PlacedSuggestion[] {
  const load = new Map<string, number>();
  const key = (depotId: string, day: string): string => `${depotId}|${day}`;
  for (const [depotId, days] of capacity.booked) for (const [day, count] of days) load.set(key(depotId, day), count);
  return [...candidates].sort(byUrgency).map((candidate) => {
    const { depotId } = candidate;
    const stops = depotId === undefined ? 0 : (capacity.stopsPerDay.get(depotId) ?? 0);
    const day = depotId !== undefined && stops > 0 ? dayWithRoom(candidate, (d) => (load.get(key(depotId, d)) ?? 0) < stops, capacity.closures) : candidate.requestedDate;
    if (depotId !== undefined) load.set(key(depotId, day), (load.get(key(depotId, day)) ?? 0) + 1);
    return { customerId: candidate.customerId, requestedDate: day, ownDate: candidate.requestedDate, pastLatest: day > candidate.requestedDate && day > candidate.latestDate };
  });
}

function dayWithRoom(candidate: SuggestionCandidate, hasRoom: (day: string) => boolean, closures: ClosureList): string {
  const furthest = addDays(candidate.requestedDate, MAX_SPREAD_DAYS);
  const last = candidate.afterClosure !== undefined || candidate.latestDate > furthest ? furthest : candidate.latestDate;
  for (let day = candidate.requestedDate; day <= last; day = addDays(day, 1)) {
    if (isOpenDay(closuresFor(closures, candidate.district), day, candidate.closedDays) && hasRoom(day)) return day;
  }
  return candidate.requestedDate;
}

/** Suggestions on one day, as the report and the warnings count them. */
export interface DayCount {
  readonly requestedDate: string;
  readonly customers: number;
}

export const countByDay = (days: readonly string[]): DayCount[] => {
  const counts = new Map<string, number>();
  for (const day of days) counts.set(day, (counts.get(day) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([requestedDate, customers]) => ({ requestedDate, customers }));
};

/** The suggestions whose own day is one of some days: how many, how many stayed, where the rest went and how many of those past p90. */
export interface SpreadLoad {
  readonly customers: number;
  readonly kept: number;
  readonly spread: readonly DayCount[];
  readonly pastLatest: number;
}

export function spreadLoad(placed: readonly PlacedSuggestion[], ownDays: ReadonlySet<string>): SpreadLoad {
  const own = placed.filter((p) => ownDays.has(p.ownDate));
  const moved = own.filter((p) => p.requestedDate !== p.ownDate);
  return { customers: own.length, kept: own.length - moved.length, spread: countByDay(moved.map((p) => p.requestedDate)), pastLatest: moved.filter((p) => p.pastLatest).length };
}

/** The days, earliest first, some suggestion had as its own and left because its depot's trucks were full. */
export const fullDays = (placed: readonly PlacedSuggestion[]): string[] => [...new Set(placed.filter((p) => p.requestedDate !== p.ownDate).map((p) => p.ownDate))].sort();

/** A day as the office writes it on a note, 12/11. */
export const monthDay = (day: string): string => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** The note a suggestion placed after its own day carries: why it is later. */
export const suggestionDayMessages: MessageCatalogue = {
  'SUGGESTION.LATER_AFTER_CLOSURE': {
    'zh-TW': '{closure}後配送量大，依用完日先後排入 {date}',
    en: 'Many deliveries after {closure}: placed on {date} by when the gas runs out',
  },
  'SUGGESTION.LATER': {
    'zh-TW': '當日配送量已滿，依用完日先後排入 {date}',
    en: 'The day was full: placed on {date} by when the gas runs out',
  },
  'SUGGESTION.HELD_FOR_STOCK': {
    'zh-TW': '實瓶庫存不足，未自動確認：請聯絡客戶，有貨後再確認',
    en: 'Not confirmed automatically: not enough full cylinders in stock. Call the customer, and confirm once there are',
  },
};
