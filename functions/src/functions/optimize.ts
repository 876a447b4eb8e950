import { http } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreJobStore } from '../adapters/firestore/job-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import { invalid, notFound } from '../domain/errors';
import { isActive } from '../domain/fleet';
import type { Order } from '../domain/orders';
import { cancelJob, jobView, jobViewSchema, nearestDepotId, newJob, optimizeRequestSchema, type OptimizeRequest, type PlanStarter } from '../domain/routes';
import { docIdSchema, z } from '../domain/schema';
import { actorOf, type Principal } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, route, type HttpFunctionDef } from '../http/endpoint';

const staff = ['admin', 'office'] as const;
const jobParams = z.object({ jobId: docIdSchema });

async function deps() {
  const c = await container();
  return { c, jobs: firestoreJobStore(c.db, c.publisher), fleet: firestoreFleetStore(c.db) };
}

/** The caller as a plan's lock names them: a refused second start says who is planning. */
async function starterOf(c: Container, principal: Principal): Promise<PlanStarter> {
  const name = (await firestoreUserStore(c.db).displayNames([principal.uid])).get(principal.uid);
  return { ...actorOf(principal), ...(name ? { name } : {}) };
}

/** The orders a request plans: those named (each must be a confirmed order of the date), else the depot area's confirmed orders. */
async function resolveOrders(request: OptimizeRequest): Promise<string[]> {
  const { c, fleet } = await deps();
  const orders = c.db.collection('orders');
  if (request.orderIds) {
    const ids = [...new Set(request.orderIds)];
    const snaps = await c.db.getAll(...ids.map((id) => orders.doc(id)));
    const missing = snaps.filter((s) => !s.exists).map((s) => s.id);
    if (missing.length > 0) throw invalid('OPTIMIZE.UNKNOWN_ORDERS', `Unknown orders: ${missing.join(', ')}`, { orderIds: missing });
    const wrong = snaps.map((s) => s.data() as Order).filter((o) => o.status !== 'confirmed' || o.requestedDate !== request.date);
    if (wrong.length > 0) {
      throw invalid('OPTIMIZE.ORDERS_NOT_PLANNABLE', `Only confirmed orders of ${request.date} can be planned`, {
        orders: wrong.map((o) => ({ orderId: o.id, status: o.status, requestedDate: o.requestedDate })),
      });
    }
    return ids;
  }
  const [snap, depots] = await Promise.all([orders.where('requestedDate', '==', request.date).where('status', '==', 'confirmed').get(), fleet.depots()]);
  return snap.docs
    .map((d) => d.data() as Order)
    .filter((o) => o.location && nearestDepotId(o.location, depots.filter(isActive)) === request.depotId)
    .map((o) => o.id)
    .sort();
}

export const optimizeFunction: HttpFunctionDef = {
  name: 'optimize',
  routes: [
    route({
      method: 'POST',
      path: '/',
      roles: staff,
      docs: {
        summary: "Start planning a day's routes; answers at once with the job to watch",
        description:
          'The job runs in `optimizeRoutes`; its document shows live progress and, at the end, the draft route ids and the orders left out with reasons. ' +
          'One plan of a depot and day at a time: 409 `OPTIMIZE.PLAN_RUNNING` (naming who started the other and when) while another is queued or running.',
        response: z.object({ jobId: z.string() }),
        successStatus: 202,
      },
      body: optimizeRequestSchema,
      async handle({ body, principal, requestId }) {
        const { c, jobs, fleet } = await deps();
        if (!isActive(await fleet.depot(body.depotId))) throw invalid('DEPOT.CLOSED', `Depot ${body.depotId} is closed`, { path: 'depotId' });
        if (body.vehicleIds) {
          const known = new Set((await fleet.vehicles()).filter(isActive).map((v) => v.id));
          const unknown = body.vehicleIds.filter((id) => !known.has(id));
          if (unknown.length > 0) throw invalid('OPTIMIZE.UNKNOWN_VEHICLES', `Unknown vehicles: ${unknown.join(', ')}`, { vehicleIds: unknown });
        }
        const orderIds = await resolveOrders(body);
        if (orderIds.length === 0) throw invalid('OPTIMIZE.NO_ORDERS', `No confirmed orders for ${body.date} at ${body.depotId}`);
        const now = c.clock.now();
        const id = idFromRequest('opt', requestId);
        const { orderIds: _asked, ...rest } = body;
        const job = await jobs.create(newJob(id, { ...rest, orderIds }, actorOf(principal), now), await starterOf(c, principal), { actor: actorOf(principal), now });
        return { status: 202, body: { jobId: job.id } };
      },
    }),
    route({
      method: 'GET',
      path: '/:jobId',
      roles: staff,
      docs: { summary: 'An optimisation job: status, progress, draft routes and unassigned orders', response: jobViewSchema },
      params: jobParams,
      async handle({ params }) {
        const { c, jobs } = await deps();
        const job = await jobs.find(params.jobId);
        if (!job) throw notFound('OPTIMIZE.JOB_NOT_FOUND', `Job ${params.jobId} not found`, { id: params.jobId });
        return { body: jobView(job, c.clock.now()) };
      },
    }),
    route({
      method: 'POST',
      path: '/:jobId/cancel',
      roles: staff,
      docs: { summary: 'Cancel a queued job, or ask a running one to stop', response: jobViewSchema },
      params: jobParams,
      async handle({ params, principal }) {
        const { c, jobs } = await deps();
        const now = c.clock.now();
        return { body: jobView(await jobs.mutate(params.jobId, (j) => cancelJob(j, now), { actor: actorOf(principal), now }), now) };
      },
    }),
    route({
      method: 'POST',
      path: '/:jobId/rerun',
      roles: staff,
      docs: {
        summary: 'Run a failed, stale or cancelled job again; it replaces its own drafts',
        description: 'Refused with 409 `OPTIMIZE.PLAN_RUNNING` while another plan of the same depot and day is queued or running.',
        response: jobViewSchema,
        successStatus: 202,
      },
      params: jobParams,
      async handle({ params, principal }) {
        const { c, jobs } = await deps();
        const now = c.clock.now();
        const job = await jobs.rerun(params.jobId, await starterOf(c, principal), { actor: actorOf(principal), now });
        return { status: 202, body: jobView(job, now) };
      },
    }),
  ],
};

http('optimize', createHttpHandler(optimizeFunction, async () => (await container()).http));
