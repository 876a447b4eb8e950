import { container } from '../adapters/container';
import { firestoreCylinderRegisterStore } from '../adapters/firestore/cylinder-register-store';
import { firestoreRouteStore } from '../adapters/firestore/route-store';
import { cylindersToCollect, routeCylindersToCollectSchema } from '../domain/cylinders/register';
import { driverIdOf, ownVisibleRoute } from '../domain/safety';
import { docIdSchema, z } from '../domain/schema';
import { route } from '../http/endpoint';

/**
 * The driver app's view of the registered cylinders to take back at each stop (容器管理: past or near their periodic
 * inspection deadline), served by the driver function under `/api/driver/routes/:routeId/cylinders-to-collect`.
 */
export const driverCylinderRoutes = [
  route({
    method: 'GET',
    path: '/routes/:routeId/cylinders-to-collect',
    roles: ['driver'],
    docs: {
      summary: "The registered cylinders at each customer of one's own visible route that are past their inspection deadline on the route's day, or due within 30 days",
      description: 'For the driver to bring them back for inspection (消防法 §15-4); another driver’s route, or a draft, is 404.',
      response: routeCylindersToCollectSchema,
    },
    params: z.object({ routeId: docIdSchema }),
    async handle({ params, principal }) {
      const c = await container();
      const current = ownVisibleRoute(await firestoreRouteStore(c.db, c.publisher).find(params.routeId), driverIdOf(principal), params.routeId);
      const customerIds = current.stops.map((s) => s.customerId);
      const atCustomers = await firestoreCylinderRegisterStore(c.db).atCustomers(customerIds);
      return { body: cylindersToCollect(customerIds, atCustomers, current.date) };
    },
  }),
];
