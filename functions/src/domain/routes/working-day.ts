/**
 * The one answer to "what hours does a driver, and the yard they load at, work on a day": the regular shift, later under a
 * 延長工時 (overtime), ended by a day closing early (提早收工), which wins over overtime since the whole company stops then.
 */
import { closingOn, closuresFor, type ClosurePeriod } from '../closures';
import { driverWorkingUntil, overtimeEndOn, yardOpenUntil, type Depot, type Driver, type Overtime, type Vehicle } from '../fleet';
import type { Order } from '../orders';
import { depotClosingAt, driverClosingAt, type StopClosings } from './planning';

/** What changes working hours from day to day. */
export interface WorkingDays {
  /** The whole company's days closing early. */
  readonly closings: readonly ClosurePeriod[];
  readonly overtimes: readonly Overtime[];
  /** To tell a driver's depot (their regular truck's) for an overtime of all of a depot's drivers. */
  readonly vehicles: readonly Pick<Vehicle, 'id' | 'depotId'>[];
}

/** `driver` as a route on `date` holds them: until their overtime's end where one covers the day, by the day's closing. */
export function shiftOn<D extends Driver>(driver: D, date: string, days: WorkingDays): D {
  const end = overtimeEndOn(days.overtimes, driver, date, days.vehicles);
  const worked = end ? driverWorkingUntil(driver, end) : driver;
  const closing = closingOn(days.closings, date);
  return closing ? driverClosingAt(worked, closing.closesAt) : worked;
}

/**
 * `depot`'s yard on `date` for `drivers`' trucks: open until the latest of their overtimes' ends (someone has to take the
 * empties back), closed by the day's closing. A driver without overtime is still held to their own shift by `solverVehicle`.
 */
export function yardOn<D extends Pick<Depot, 'hours'>>(depot: D, date: string, drivers: readonly Driver[], days: WorkingDays): D {
  const end = drivers.map((d) => overtimeEndOn(days.overtimes, d, date, days.vehicles)).filter((e): e is string => e !== undefined).sort().at(-1);
  const open = end ? yardOpenUntil(depot, end) : depot;
  const closing = closingOn(days.closings, date);
  return closing ? depotClosingAt(open, closing.closesAt) : open;
}

/**
 * Where `date` ends early for each of `orders` (提早收工 of the whole company or of its district, the earliest, `closingOn`
 * after `closuresFor`), as planning reads it: a district's closing holds a route's stops there, not its driver's shift.
 */
export function stopClosingsOn(orders: readonly (Pick<Order, 'id' | 'district'> | null)[], closings: readonly ClosurePeriod[], date: string): StopClosings {
  return new Map(
    orders.flatMap((o) => {
      const closing = o && closingOn(closuresFor(closings, o.district), date);
      return closing ? [[o.id, { name: closing.name, closesAt: closing.closesAt }] as const] : [];
    }),
  );
}
