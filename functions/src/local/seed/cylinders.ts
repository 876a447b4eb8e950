/**
 * The demo's cylinder register (容器管理): one registered cylinder for every cylinder the demo counts — those on site at
 * the customers (`cylindersOnSite`) and the fulls and empties of each depot's opening stock — plus a few dozen at the
 * inspection station and some scrapped. Ages spread over 0–29 years (a quarter factory-tested before 2005-03-01, so on
 * the old tables), a few composite; each one's inspections follow the domain's own deadline rule, and about one in
 * twenty-five missed its last one, so it is overdue: at a depot, waiting to be sent to inspection; at a customer only when
 * its deadline passed there, since a driver may not leave a cylinder past its 檢驗期限 (the delivery is dated on or before
 * the deadline, within the two months a customer's cylinder stays out, so the driver's to-collect list names it). Each
 * comes with its history in the shape the cylinders function writes (`cylinders/{serial}/events`, `demoCylinders`):
 * registered when the register was taken up (or when bought, if later), each inspection since (sent, passed on the day it
 * was inspected), then what brought it where it stands — left at its customer by the district's driver, sent to the
 * station, scrapped or failed there. Pure and deterministic, like the rest of the seed; every event before `today`, so
 * never after `now`.
 */
import { addDays, daysBetween, taipeiInstant } from '../../domain/calendar';
import type { Customer } from '../../domain/customers';
import { CYLINDER_SIZES, type CylinderSize, type DepotStock } from '../../domain/cylinders';
import type { Actor } from '../../domain/events';
import {
  mustScrap,
  nextInspectionDue,
  retiresOn,
  withDerived,
  type CylinderEvent,
  type CylinderEventType,
  type CylinderLocation,
  type CylinderStatus,
  type DeadlineFacts,
  type RegisteredCylinder,
} from '../../domain/cylinders/register';
import { depotOf, skillsNeeded, usualDriverFor } from './fleet';
import { driverActor, OFFICE_ACTOR } from './history';
import type { Rng } from './prng';

/** Per size, across both depots: cylinders at the inspection station and scrapped ones kept on the register. */
const AT_INSPECTION: Readonly<Record<CylinderSize, number>> = { 4: 3, 10: 5, 16: 6, 20: 24, 50: 8 };
const SCRAPPED: Readonly<Record<CylinderSize, number>> = { 4: 4, 10: 6, 16: 8, 20: 36, 50: 12 };
/** Composite cylinders are light, so the small sizes. */
const COMPOSITE_SHARE: Readonly<Record<CylinderSize, number>> = { 4: 0.25, 10: 0.15, 16: 0.08, 20: 0.03, 50: 0 };
const OVERDUE_SHARE = 0.04;
/** Fewer at customers: the depot does not send out a cylinder about to fall due, so only the odd one falls due out there. */
const OVERDUE_AT_CUSTOMER_SHARE = 0.01;
/** A customer's cylinder was left there at most this many days before `today`: cylinders go round within a couple of months. */
const AT_CUSTOMER_DAYS = 60;
const STATIONS = ['新北市液化石油氣容器檢驗場', '台北市容器檢驗所'] as const;
/** Manufacturers' marks that start the stamped serials. */
const MARKS = ['KS', 'TF', 'SH', 'YL'] as const;
/** The office took the register up this long before `today`, over its first two months; cylinders bought since were registered on arrival. */
const REGISTER_TAKEN_UP_DAYS = 3 * 365;
const SCRAP_REASONS = ['瓶身嚴重鏽蝕', '護圈變形', '瓶閥損壞無法更換', '底座脫落'] as const;

interface Placed {
  readonly size: CylinderSize;
  readonly status: CylinderStatus;
  readonly location: CylinderLocation;
  /** The customer it stands at: its district's driver left it there. */
  readonly customer?: Customer;
}

/** A demo cylinder and its history (`cylinders/{serial}/events`), oldest first: the last event put it where it stands. */
export interface DemoCylinder {
  readonly cylinder: RegisteredCylinder;
  readonly events: readonly CylinderEvent[];
}

/** Every place a cylinder stands, one entry per cylinder. */
function places(customers: readonly Customer[], stocks: readonly DepotStock[], rng: Rng): Placed[] {
  const times = <T>(n: number, make: () => T): T[] => Array.from({ length: Math.max(0, n) }, make);
  const atCustomers = customers.flatMap((c) =>
    c.cylindersOnSite.flatMap((l) => times(l.count, () => ({ size: l.size, status: 'inService' as const, location: { kind: 'customer' as const, customerId: c.id }, customer: c }))),
  );
  const atDepots = stocks.flatMap((s) =>
    s.lines.flatMap((l) => times(l.full + l.empty, () => ({ size: l.size, status: 'inService' as const, location: { kind: 'depot' as const, depotId: s.depotId } }))),
  );
  const elsewhere = CYLINDER_SIZES.flatMap((size) => [
    ...times(AT_INSPECTION[size], () => ({ size, status: 'atInspection' as const, location: { kind: 'inspection' as const, station: rng.pick(STATIONS) } })),
    ...times(SCRAPPED[size], () => ({ size, status: 'scrapped' as const, location: { kind: 'scrapped' as const } })),
  ]);
  return [...atCustomers, ...atDepots, ...elsewhere];
}

type Facts = Omit<DeadlineFacts, 'lastInspectedOn'>;

/**
 * The inspections a cylinder had by `today`, oldest first: each one a few weeks before its deadline, by the domain's rule.
 * An overdue cylinder missed the last one that fell due.
 */
function inspections(facts: Facts, today: string, rng: Rng, overdue: boolean): string[] {
  const done: string[] = [];
  let c: DeadlineFacts = { ...facts, lastInspectedOn: null };
  for (;;) {
    const due = nextInspectionDue(c);
    const on = addDays(due, -rng.int(3, 60));
    // The last period of its life ends the day before it retires: the cylinder is scrapped then, not inspected.
    if (due === addDays(retiresOn(c), -1) || on >= today || mustScrap(c, on) || on <= (c.lastInspectedOn ?? c.factoryTestedOn)) break;
    done.push(on);
    c = { ...c, lastInspectedOn: on };
  }
  if (overdue && done.length > 0) done.pop();
  return done;
}

/** 檢驗期限 after these inspections. */
const dueAfter = (facts: Facts, inspectedOn: readonly string[]): string => nextInspectionDue({ ...facts, lastInspectedOn: inspectedOn.at(-1) ?? null });

/**
 * A cylinder at a customer that missed its inspection: its deadline has to have come while it stood there, after it was
 * left on or before it, within the days it has been out. When the one drawn does not, its factory test is moved (the
 * inspections drawn again from the same `draws`, so they move with it) to put the deadline on a day drawn in that window;
 * when moving cannot do it (an age band or its service life in the way), it is not overdue after all.
 */
function overdueWhileOut(facts: Facts, inspectedOn: string[], today: string, rng: Rng, draws: () => Rng, oldest: string): { facts: Facts; inspectedOn: string[] } {
  const from = addDays(today, -AT_CUSTOMER_DAYS);
  const fits = (f: Facts, done: readonly string[]) => {
    const due = dueAfter(f, done);
    return due >= from && due < today && f.factoryTestedOn >= oldest && !mustScrap(f, today);
  };
  if (fits(facts, inspectedOn)) return { facts, inspectedOn };
  const moved = { ...facts, factoryTestedOn: addDays(facts.factoryTestedOn, daysBetween(dueAfter(facts, inspectedOn), addDays(today, -rng.int(1, AT_CUSTOMER_DAYS)))) };
  const again = inspections(moved, today, draws(), true);
  return fits(moved, again) ? { facts: moved, inspectedOn: again } : { facts, inspectedOn: inspections(facts, today, draws(), false) };
}

/** The later of two calendar days. */
const later = (a: string, b: string): string => (a < b ? b : a);
/** The earlier of two calendar days. */
const earlier = (a: string, b: string): string => (a < b ? a : b);

/** A wall-clock minute of the day as `HH:MM`. */
const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

interface HistoryFacts {
  readonly serial: string;
  readonly factoryTestedOn: string;
  readonly inspectedOn: readonly string[];
  readonly placed: Placed;
  /** The depot it comes back to from the station, and leaves from for its customer. */
  readonly depotId: string;
  /** For one at a customer: the district's driver who left it there. */
  readonly driverId?: string;
  /** Its 檢驗期限 as it stands: it was left at its customer no later. */
  readonly deliverBy: string;
}

/**
 * What happened to a cylinder, oldest first, as the cylinders function records it: registered at its depot, each
 * inspection since then (sent to a station a few days before, passed on the day inspected, back at the depot), and the
 * step that brought it where it stands. Office hours in Taipei, every event on a day before `today`, each after the one
 * before it.
 */
function history(f: HistoryFacts, today: string, rng: Rng): CylinderEvent[] {
  const events: CylinderEvent[] = [];
  const home: CylinderLocation = { kind: 'depot', depotId: f.depotId };
  let last: CylinderLocation = home;
  let lastDay = '';
  const record = (type: CylinderEventType, day: string, minutes: number, to: CylinderLocation, by: Actor, detail: Partial<Pick<CylinderEvent, 'customerId' | 'station' | 'inspectedOn' | 'reason'>> = {}) => {
    const previous = events.at(-1)?.at;
    const wanted = taipeiInstant(day, clock(minutes));
    // Two steps drawn for one day keep their order: the later one half an hour after the first.
    const at = previous && wanted <= previous ? new Date(Date.parse(previous) + 30 * 60_000).toISOString() : wanted;
    events.push({ id: `${type}-${day}`, serial: f.serial, type, at, by, from: events.length === 0 ? null : last, to, ...detail });
    last = to;
    lastDay = day;
  };
  const notBefore = (day: string): string => later(day, lastDay);
  const atStation = (station: string): CylinderLocation => ({ kind: 'inspection', station });
  const send = (day: string, station: string) => record('sentToInspection', notBefore(day), rng.int(9 * 60, 11 * 60), atStation(station), OFFICE_ACTOR, { station });

  const registeredOn = later(addDays(f.factoryTestedOn, rng.int(1, 10)), addDays(today, -REGISTER_TAKEN_UP_DAYS + rng.int(0, 60)));
  record('registered', registeredOn, rng.int(9 * 60, 17 * 60), home, OFFICE_ACTOR);
  for (const on of f.inspectedOn.filter((d) => d > registeredOn)) {
    const station = rng.pick(STATIONS);
    send(addDays(on, -rng.int(1, 7)), station);
    record('inspectionPassed', on, rng.int(14 * 60, 17 * 60), home, OFFICE_ACTOR, { station, inspectedOn: on });
  }
  const { status, location } = f.placed;
  if (location.kind === 'customer' && f.driverId) {
    const day = earlier(addDays(today, -rng.int(1, AT_CUSTOMER_DAYS)), f.deliverBy);
    record('delivered', notBefore(day), rng.int(9 * 60, 17 * 60), location, driverActor(f.driverId), { customerId: location.customerId });
  } else if (status === 'atInspection' && location.kind === 'inspection') {
    send(addDays(today, -rng.int(1, 19)), location.station ?? rng.pick(STATIONS));
  } else if (status === 'scrapped') {
    const day = notBefore(addDays(today, -rng.int(7, 400)));
    if (rng.chance(0.5)) {
      const station = rng.pick(STATIONS);
      send(addDays(day, -rng.int(1, 7)), station);
      record('inspectionFailed', day, rng.int(14 * 60, 17 * 60), location, OFFICE_ACTOR, { station, inspectedOn: day });
    } else {
      record('scrapped', day, rng.int(9 * 60, 17 * 60), location, OFFICE_ACTOR, { reason: rng.pick(SCRAP_REASONS) });
    }
  }
  return events;
}

/**
 * The demo's register, built with the domain's `withDerived`, each cylinder with its history. The history draws from a
 * stream of its own per cylinder (`history-<i>`), so the cylinders are those the register had before it was seeded.
 */
export function demoCylinders(rng: Rng, customers: readonly Customer[], stocks: readonly DepotStock[], today: string): DemoCylinder[] {
  const placed = places(customers, stocks, rng.fork('places'));
  const depots = [...new Set(stocks.map((s) => s.depotId))];
  return placed.map((p, i) => {
    const r = rng.fork(`cylinder-${i}`);
    const material = r.chance(COMPOSITE_SHARE[p.size]) ? ('composite' as const) : ('steel' as const);
    // Steel up to 29 years old, composite up to 19; a cylinder at a depot or customer is still within its service life.
    const oldest = addDays(today, -(material === 'composite' ? 19 : 29) * 365);
    const drawn: Facts = { size: p.size, material, factoryTestedOn: addDays(today, -r.int(30, daysBetween(oldest, today))) };
    // One at the station went there because its deadline had come, like an overdue one in service.
    const overdue = p.status === 'atInspection' || (p.status === 'inService' && r.chance(p.customer ? OVERDUE_AT_CUSTOMER_SHARE : OVERDUE_SHARE));
    const draws = () => r.fork('inspections');
    const first = inspections(drawn, today, draws(), overdue);
    const { facts, inspectedOn } = overdue && p.customer ? overdueWhileOut(drawn, first, today, r, draws, oldest) : { facts: drawn, inspectedOn: first };
    const { factoryTestedOn } = facts;
    const mark = MARKS[i % MARKS.length] ?? 'KS';
    const serial = `${mark}${factoryTestedOn.slice(2, 4)}-${String(100_000 + i * 7)}`;
    const h = rng.fork(`history-${i}`);
    // It belongs to the depot it stands at, its customer's driver's, else one drawn.
    const driverId = p.customer ? usualDriverFor(p.customer.address.district, skillsNeeded([{ size: p.size, quantity: 1 }], p.customer)) : undefined;
    const depotId = p.location.kind === 'depot' ? p.location.depotId : driverId ? depotOf(driverId) : h.pick(depots);
    const events = history({ serial, factoryTestedOn, inspectedOn, placed: p, depotId, deliverBy: dueAfter(facts, inspectedOn), ...(driverId ? { driverId } : {}) }, today, h);
    const registeredAt = events[0]?.at ?? taipeiInstant(today, '00:00');
    const updatedAt = events.at(-1)?.at ?? registeredAt;
    const cylinder = withDerived({ serial, ...facts, lastInspectedOn: inspectedOn.at(-1) ?? null, status: p.status, location: p.location, registeredAt, updatedAt });
    return { cylinder, events };
  });
}
