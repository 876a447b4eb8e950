import type { DeliveryRoute } from '../../lib/types';

/**
 * The route of the new driver's that stops leaving a route (改派: a started route's, or some of a published one's) join
 * rather than a second route of theirs, as the API chooses it (functions/src/domain/routes/handover.ts `joinableRoute`,
 * pinned equal by the test): the one they are driving that day, else the next they drive; none when all have ended.
 */
export function joinedRoute(routes: readonly DeliveryRoute[], driverId: string, date: string): DeliveryRoute | undefined {
  const open = routes.filter((r) => r.driverId === driverId && r.date === date && (r.status === 'published' || r.status === 'in_progress'));
  return open.find((r) => r.status === 'in_progress') ?? [...open].sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? ''))[0];
}
