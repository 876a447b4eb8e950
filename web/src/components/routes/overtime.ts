/** 延長工時 as the planning page shows it: a route's driver kept past their shift on its day (set by admins through the API). */

export interface Overtime {
  readonly id: string;
  readonly depotId: string;
  /** Empty: every driver of the depot (by their regular truck). */
  readonly driverIds: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly end: string;
  readonly reason: string;
}

interface RouteOnDay {
  readonly date: string;
  readonly driverId?: string | undefined;
  readonly vehicleId?: string | undefined;
}

/**
 * When the route's driver (its own, else its truck's regular one) works until on its day, where an overtime keeps them later
 * than their shift (the latest where several do), as planning gives them; undefined otherwise.
 */
export function overtimeUntil(
  route: RouteOnDay,
  overtimes: readonly Overtime[],
  drivers: readonly { readonly id: string; readonly vehicleId: string; readonly shift: { readonly end: string } }[],
  vehicles: readonly { readonly id: string; readonly depotId: string }[],
): string | undefined {
  const driver = route.driverId ? drivers.find((d) => d.id === route.driverId) : drivers.find((d) => d.vehicleId === route.vehicleId);
  if (!driver) return undefined;
  const depotId = vehicles.find((v) => v.id === driver.vehicleId)?.depotId;
  const end = overtimes
    .filter((o) => o.from <= route.date && route.date <= o.to && (o.driverIds.length > 0 ? o.driverIds.includes(driver.id) : o.depotId === depotId))
    .map((o) => o.end)
    .sort()
    .at(-1);
  return end && end > driver.shift.end ? end : undefined;
}
