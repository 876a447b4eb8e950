/**
 * The demo's cylinder register (容器管理): one registered cylinder for every cylinder the demo counts — those on site at
 * the customers (`cylindersOnSite`) and the fulls and empties of each depot's opening stock — plus a few dozen at the
 * inspection station and some scrapped. Ages spread over 0–29 years (a quarter factory-tested before 2005-03-01, so on
 * the old tables), a few composite; each one's inspections follow the domain's own deadline rule, and about one in
 * twenty-five missed its last one, so it is overdue. Pure and deterministic, like the rest of the seed; all registered
 * when the stocktake was taken (`registeredAt`), never after `now`; no history (`demoCylinders`).
 */
import { addDays } from '../../domain/calendar';
import type { Customer } from '../../domain/customers';
import { CYLINDER_SIZES, type CylinderSize, type DepotStock } from '../../domain/cylinders';
import {
  mustScrap,
  nextInspectionDue,
  retiresOn,
  withDerived,
  type CylinderLocation,
  type CylinderStatus,
  type DeadlineFacts,
  type RegisteredCylinder,
} from '../../domain/cylinders/register';
import type { Rng } from './prng';

/** Per size, across both depots: cylinders at the inspection station and scrapped ones kept on the register. */
const AT_INSPECTION: Readonly<Record<CylinderSize, number>> = { 4: 3, 10: 5, 16: 6, 20: 24, 50: 8 };
const SCRAPPED: Readonly<Record<CylinderSize, number>> = { 4: 4, 10: 6, 16: 8, 20: 36, 50: 12 };
/** Composite cylinders are light, so the small sizes. */
const COMPOSITE_SHARE: Readonly<Record<CylinderSize, number>> = { 4: 0.25, 10: 0.15, 16: 0.08, 20: 0.03, 50: 0 };
const OVERDUE_SHARE = 0.04;
const STATIONS = ['新北市液化石油氣容器檢驗場', '台北市容器檢驗所'] as const;
/** Manufacturers' marks that start the stamped serials. */
const MARKS = ['KS', 'TF', 'SH', 'YL'] as const;

interface Placed {
  readonly size: CylinderSize;
  readonly status: CylinderStatus;
  readonly location: CylinderLocation;
}

/** Every place a cylinder stands, one entry per cylinder. */
function places(customers: readonly Customer[], stocks: readonly DepotStock[], rng: Rng): Placed[] {
  const times = <T>(n: number, make: () => T): T[] => Array.from({ length: Math.max(0, n) }, make);
  const atCustomers = customers.flatMap((c) =>
    c.cylindersOnSite.flatMap((l) => times(l.count, () => ({ size: l.size, status: 'inService' as const, location: { kind: 'customer' as const, customerId: c.id } }))),
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

/**
 * The last inspection a cylinder had by `today`: each one a few weeks before its deadline, by the domain's rule. An overdue
 * cylinder missed the last one that fell due.
 */
function lastInspection(facts: Omit<DeadlineFacts, 'lastInspectedOn'>, today: string, rng: Rng, overdue: boolean): string | null {
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
  return done.at(-1) ?? null;
}

/**
 * The demo's register, built with the domain's `withDerived`. No history is seeded: a `cylinders/{serial}/events`
 * collection per cylinder would make the seed's per-collection counts 1,500 lines long; a cylinder's history starts with
 * what happens to it in the demo.
 */
export function demoCylinders(rng: Rng, customers: readonly Customer[], stocks: readonly DepotStock[], today: string, registeredAt: string): RegisteredCylinder[] {
  const placed = places(customers, stocks, rng.fork('places'));
  return placed.map((p, i) => {
    const r = rng.fork(`cylinder-${i}`);
    const material = r.chance(COMPOSITE_SHARE[p.size]) ? ('composite' as const) : ('steel' as const);
    // Steel up to 29 years old, composite up to 19; a cylinder at a depot or customer is still within its service life.
    const maxDays = (material === 'composite' ? 19 : 29) * 365;
    const factoryTestedOn = addDays(today, -r.int(30, maxDays));
    const facts = { size: p.size, material, factoryTestedOn };
    // One at the station went there because its deadline had come, like an overdue one in service.
    const lastInspectedOn = lastInspection(facts, today, r, p.status === 'atInspection' || (p.status === 'inService' && r.chance(OVERDUE_SHARE)));
    const mark = MARKS[i % MARKS.length] ?? 'KS';
    const serial = `${mark}${factoryTestedOn.slice(2, 4)}-${String(100_000 + i * 7)}`;
    return withDerived({ serial, ...facts, lastInspectedOn, status: p.status, location: p.location, registeredAt, updatedAt: registeredAt });
  });
}
