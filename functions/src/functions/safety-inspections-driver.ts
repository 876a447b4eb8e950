import { container } from '../adapters/container';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreRouteStore } from '../adapters/firestore/route-store';
import { firestoreSafetyInspectionStore } from '../adapters/firestore/safety-inspection-store';
import { taipeiDate } from '../domain/clock';
import { driverIdOf, driverRouteSafety, driverRouteSafetySchema, ownVisibleRoute } from '../domain/safety';
import { docIdSchema, z } from '../domain/schema';
import { route } from '../http/endpoint';

/**
 * The driver app's view of which stops are due for a safety inspection (用戶安全檢查), served by the driver function
 * under `/api/driver/routes/:routeId/safety`.
 */
export const driverSafetyRoutes = [
  route({
    method: 'GET',
    path: '/routes/:routeId/safety',
    roles: ['driver'],
    docs: {
      summary: "Whether each customer of one's own visible route is due for a safety inspection, and whether the driver may record one",
      description:
        'Due: never inspected, the next inspection falls within 30 days, or a service call stopped the supply (`supplyStopped`: no cylinder until an inspection passes). Another driver’s route, or a draft, is 404.',
      response: driverRouteSafetySchema,
    },
    params: z.object({ routeId: docIdSchema }),
    async handle({ params, principal }) {
      const c = await container();
      const driverId = driverIdOf(principal);
      const current = ownVisibleRoute(await firestoreRouteStore(c.db, c.publisher).find(params.routeId), driverId, params.routeId);
      const customerIds = current.stops.map((s) => s.customerId);
      const safety = firestoreSafetyInspectionStore(c.db);
      const [summaries, stops, driver] = await Promise.all([safety.summariesOf(customerIds), safety.supplyStopsOf(customerIds), firestoreFleetStore(c.db).driver(driverId)]);
      return { body: driverRouteSafety(current, summaries, driver.safetyCertificate, taipeiDate(c.clock.now()), stops) };
    },
  }),
];
