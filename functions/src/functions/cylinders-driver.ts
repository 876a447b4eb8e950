import { container } from '../adapters/container';
import { firestoreCylinderRegisterStore } from '../adapters/firestore/cylinder-register-store';
import { firestoreRouteStore } from '../adapters/firestore/route-store';
import { cylindersToCollect, locationKey, routeCylindersToCollectSchema } from '../domain/cylinders/register';
import { driverIdOf, ownVisibleRoute } from '../domain/safety';
import { docIdSchema, z } from '../domain/schema';
import { route } from '../http/endpoint';

/**
 * The driver app's view of the registered cylinders to take back at each stop (容器管理: past or near their periodic
 * inspection deadline), and of those at the route's depot past it (or due on the day) that must not leave it, served by
 * the driver function under `/api/driver/routes/:routeId/cylinders-to-collect`.
 */
export const driverCylinderRoutes = [
  route({
    method: 'GET',
    path: '/routes/:routeId/cylinders-to-collect',
    roles: ['driver'],
    docs: {
      summary: "The registered cylinders at each customer of one's own visible route that are past their inspection deadline on the route's day, or due within 30 days",
      description:
        'For the driver to bring them back for inspection (消防法 §15-4); with `dueAtDepot`, the serials and deadlines of the cylinders in service at the route’s depot due on the route’s day or earlier, which the phone refuses to leave at a door while offline (the deliver call still refuses them, 422 `CYLINDER.INSPECTION_OVERDUE`). Another driver’s route, or a draft, is 404.',
      response: routeCylindersToCollectSchema,
    },
    params: z.object({ routeId: docIdSchema }),
    async handle({ params, principal }) {
      const c = await container();
      const current = ownVisibleRoute(await firestoreRouteStore(c.db, c.publisher).find(params.routeId), driverIdOf(principal), params.routeId);
      const customerIds = current.stops.map((s) => s.customerId);
      const register = firestoreCylinderRegisterStore(c.db);
      const [atCustomers, atDepot] = await Promise.all([
        register.atCustomers(customerIds),
        register.all({ location: locationKey({ kind: 'depot', depotId: current.depotId }), status: 'inService', dueWithinDays: 0 }, current.date),
      ]);
      return { body: cylindersToCollect(customerIds, atCustomers, current.date, atDepot) };
    },
  }),
];
