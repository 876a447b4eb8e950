/** What a driver may do with safety inspections: inspect at today's own stops, and see which of them are due. */
import { DomainError, notFound } from '../errors';
import { safetyCertificateSchema, type SafetyCertificate } from '../fleet/fleet';
import { isDriverVisible, type Route } from '../routes';
import { z } from '../schema';
import type { Principal } from '../users/user';
import { DUE_SOON_DAYS, safetyDueOf, safetyDueSchema, type SafetyDue, type SupplyStop } from './due';
import { certificateValid, type SafetySummary } from './inspection';

/** @throws `AUTH.FORBIDDEN` for a driver account linked to no driver. */
export function driverIdOf(principal: Principal): string {
  if (!principal.driverId) throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'The account is linked to no driver');
  return principal.driverId;
}

/** The driver's own route as the driver app may see it (published or later); any other is "not found". */
export function ownVisibleRoute<R extends Route>(route: R | null, driverId: string, id: string): R {
  if (!route || route.driverId !== driverId || !isDriverVisible(route)) throw notFound('ROUTE.NOT_FOUND', `Route ${id} not found`, { id });
  return route;
}

/**
 * A driver inspects where they deliver: the customer must have a stop on one of the driver's own visible routes of
 * `routes` (today's). Anyone else's customer is "not found", so ids leak nothing.
 */
export function assertStopOnOwnRoute(routes: readonly Route[], driverId: string, customerId: string): void {
  const onRoute = routes.some((r) => r.driverId === driverId && isDriverVisible(r) && r.stops.some((s) => s.customerId === customerId));
  if (!onRoute) throw notFound('CUSTOMER.NOT_FOUND', `Customer ${customerId} is on none of driver ${driverId}'s routes that day`, { id: customerId });
}

export const driverRouteSafetySchema = z
  .object({
    /** Customer id → whether an inspection is due at that stop (never inspected, or due within 30 days). */
    customers: z.record(z.string(), safetyDueSchema),
    /** The driver holds a certificate valid today, so may record inspections. */
    canInspect: z.boolean(),
    certificate: safetyCertificateSchema.nullable(),
  })
  .openapi('DriverRouteSafety');
export type DriverRouteSafety = z.infer<typeof driverRouteSafetySchema>;

/**
 * The safety status of each stop of a route, for the driver app to flag the stops due for an inspection and to warn of a
 * supply stopped (停止供氣) by a service call (`supplyStops`: customer id → the stop, for the stopped ones).
 */
export function driverRouteSafety(
  route: Pick<Route, 'stops'>,
  summaries: ReadonlyMap<string, SafetySummary | undefined>,
  certificate: SafetyCertificate | undefined,
  today: string,
  supplyStops: ReadonlyMap<string, SupplyStop> = new Map(),
): DriverRouteSafety {
  const customerIds = [...new Set(route.stops.map((s) => s.customerId))];
  // A failed inspection's re-check falls due within the window, but not at the visit that found the fault; a stopped
  // supply is due at every visit until an inspection lifts it.
  const dueAtStop = (summary: SafetySummary | undefined, stop: SupplyStop | undefined): SafetyDue => {
    const status = safetyDueOf(summary, today, DUE_SOON_DAYS, stop);
    return summary?.lastInspectedOn === today && !stop ? { ...status, due: false } : status;
  };
  return {
    customers: Object.fromEntries(customerIds.map((id) => [id, dueAtStop(summaries.get(id), supplyStops.get(id))])),
    canInspect: certificateValid(certificate, today),
    certificate: certificate ?? null,
  };
}
