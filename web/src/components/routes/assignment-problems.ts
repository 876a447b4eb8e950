import { ApiError } from '../../lib/api-client';
import { formatList, formatTime } from '../../lib/format';

/** The refusal of an assignment or a publish whose driver or truck cannot take the route (functions/src/functions/routes.ts). */
export const ASSIGNMENT_IMPOSSIBLE = 'ROUTE.ASSIGNMENT_IMPOSSIBLE';

/**
 * One reason, as `error.details.problems` lists it (functions/src/domain/routes/assignment.ts `assignmentProblems`): a code
 * and the figures behind it.
 */
export interface AssignmentProblem {
  code: string;
  detail: Record<string, unknown>;
}

/** Which driver and truck were refused, and why. */
export interface AssignmentRefusal {
  driverId: string;
  vehicleId: string;
  problems: AssignmentProblem[];
  /** The route of the driver's the stops handed over (改派) would have joined. */
  intoRouteId?: string;
}

const isProblem = (value: unknown): value is AssignmentProblem =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['code'] === 'string' && typeof (value as Record<string, unknown>)['detail'] === 'object';

/** The refusal's driver, truck and reasons; null for any other failure (the API's message then says it all). */
export function assignmentRefusalOf(error: unknown): AssignmentRefusal | null {
  if (!(error instanceof ApiError) || error.code !== ASSIGNMENT_IMPOSSIBLE) return null;
  const { driverId, vehicleId, problems, intoRouteId } = error.details ?? {};
  if (typeof driverId !== 'string' || typeof vehicleId !== 'string' || !Array.isArray(problems)) return null;
  return { driverId, vehicleId, problems: problems.filter(isProblem), ...(typeof intoRouteId === 'string' ? { intoRouteId } : {}) };
}

/** How the page names the fleet and the day's routes it knows (an id stands in for one it does not). */
export interface FleetNames {
  driver(id: string): string;
  plate(id: string): string;
  depot(id: string): string;
  route(id: string): string;
  /** The customer of an order, by order id. */
  customer(orderId: string): string;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * One reason in words, naming the driver, the truck (by plate), the depots and the clashing route as the office knows
 * them, with the figures the API gave: the shift against the route's hours, the load against the truck's limit.
 */
export function assignmentProblemText(problem: AssignmentProblem, refusal: AssignmentRefusal, names: FleetNames, t: Translate, locale: string): string {
  const d = problem.detail;
  const params: Record<string, unknown> = {
    driver: names.driver(text(d['driverId']) || refusal.driverId),
    plate: names.plate(text(d['vehicleId']) || refusal.vehicleId),
  };
  switch (problem.code) {
    case 'SKILL_MISSING':
      params['skills'] = formatList(
        (Array.isArray(d['missing']) ? d['missing'] : []).map((s) => t('routes.assignmentProblems.skill', { skill: t(`admin.fleet.skill.${text(s)}`) })),
        locale,
      );
      break;
    case 'SHIFT_TOO_SHORT': {
      const shift = (d['shift'] ?? {}) as Record<string, unknown>;
      Object.assign(params, {
        start: typeof d['routeStartsAt'] === 'string' ? formatTime(d['routeStartsAt']) : '',
        end: typeof d['routeEndsAt'] === 'string' ? formatTime(d['routeEndsAt']) : '',
        shiftStart: text(shift['start']),
        shiftEnd: text(shift['end']),
      });
      break;
    }
    case 'CAPACITY_WEIGHT':
    case 'CAPACITY_SLOTS':
      for (const key of ['needKg', 'capacityKg', 'needSlots', 'cylinderSlots']) params[key] = text(d[key]);
      break;
    case 'DEPOT_MISMATCH':
      Object.assign(params, { vehicleDepot: names.depot(text(d['vehicleDepotId'])), routeDepot: names.depot(text(d['routeDepotId'])) });
      break;
    case 'DRIVER_BUSY':
    case 'VEHICLE_BUSY':
      params['route'] = names.route(text(d['routeId']));
      break;
    case 'TIME_WINDOW':
      Object.assign(params, {
        customer: names.customer(text(d['orderId'])),
        eta: typeof d['eta'] === 'string' ? formatTime(d['eta']) : '',
        windowEnd: text(d['windowEnd']),
        route: names.route(text(refusal.intoRouteId)),
      });
      // A stop after the day's early closing where it is delivered (提早收工) names the closing, on any route.
      if (typeof d['closure'] === 'string') return t('routes.assignmentProblems.TIME_WINDOW_CLOSING', { ...params, closure: d['closure'] });
      break;
    case 'DRIVER_INACTIVE':
    case 'VEHICLE_INACTIVE':
      break;
    default:
      return t('routes.assignmentProblems.other', { code: problem.code });
  }
  return t(`routes.assignmentProblems.${problem.code}`, params);
}
