import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreServiceCallStore } from '../adapters/firestore/service-call-store';
import { taipeiDate } from '../domain/clock';
import { isActive } from '../domain/fleet/fleet';
import { inspectedCustomerOf } from '../domain/safety';
import {
  assignServiceCall,
  assignServiceCallInputSchema,
  closeServiceCall,
  closeServiceCallInputSchema,
  openServiceCall,
  openServiceCallInputSchema,
  serviceCallAlerts,
  serviceCallCustomerEvents,
  serviceCallSchema,
  supplyStopOf,
  type HeldOrder,
  type ServiceCall,
} from '../domain/service-calls';
import { docIdSchema, z } from '../domain/schema';
import { actorOf, assertMayReadCustomer } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, idParams, route, type HttpFunctionDef } from '../http/endpoint';

/** A customer's calls shown at once in the drawer and the portal. */
const CALLS_SHOWN = 50;

/** A change's alerts for the office and its news for the customer (報修通知), written with it. */
const announce = (before: ServiceCall, after: ServiceCall, held: readonly HeldOrder[]) => [...serviceCallAlerts(before, after, held), ...serviceCallCustomerEvents(before, after)];

async function stores() {
  const c = await container();
  return { c, calls: firestoreServiceCallStore(c.db, c.publisher) };
}

/**
 * 報修 (service calls): a gas smell, a regulator, hose or appliance problem, a safety check asked for. The office and the
 * customer open them, the office sends a driver, the driver closes them; the office page and the driver's phone read
 * `serviceCalls` live (firestore.rules), so only the customer's list is served here.
 */
export const serviceCallsFunction: HttpFunctionDef = {
  name: 'service-calls',
  routes: [
    route({
      method: 'POST',
      path: '/',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: "Open a service call for a customer: the office taking a phone call, or the customer in the portal for themself; the same Idempotency-Key answers the first call again",
        description:
          'A gas smell (`gas_smell`) is urgent: the call says `urgent: true` and the office is alerted at once (a critical alert, system.service_call_urgent). Another customer’s id, for a customer, is 404 CUSTOMER.NOT_FOUND.',
        response: serviceCallSchema,
        successStatus: 201,
      },
      body: openServiceCallInputSchema,
      async handle({ body, principal, requestId }) {
        assertMayReadCustomer(principal, body.customerId);
        const { c, calls } = await stores();
        const customer = await firestoreCustomerStore(c.db).get(body.customerId);
        const now = c.clock.now();
        const call = openServiceCall(body, { id: idFromRequest('svc', requestId), customer: inspectedCustomerOf(customer), by: actorOf(principal), now });
        return { status: 201, body: await calls.open(call, serviceCallAlerts(null, call), now) };
      },
    }),
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: "A customer's service calls, newest first (a customer reads only their own; another's is 404)",
        response: z.object({ items: z.array(serviceCallSchema) }),
      },
      query: z.object({ customerId: docIdSchema }),
      async handle({ query, principal }) {
        assertMayReadCustomer(principal, query.customerId);
        const { calls } = await stores();
        return { body: { items: await calls.ofCustomer(query.customerId, CALLS_SHOWN) } };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/assign',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Send a driver at an agreed time (again, to hand it to another driver until it is closed): it shows on that driver’s phone only',
        description:
          'A closed call is 409 SERVICE_CALL.CLOSED; a driver not in service 422 SERVICE_CALL.DRIVER_INACTIVE, an unknown one 404 DRIVER.NOT_FOUND. The customer is told who comes and when (LINE / SMS, in their language, by the notifyServiceCalls consumer on a `service_call.dispatched` event) when someone is first sent and whenever the time moves or another driver takes the call; a retry tells them nothing.',
        response: serviceCallSchema,
      },
      params: idParams,
      body: assignServiceCallInputSchema,
      async handle({ params, body, principal }) {
        const { c, calls } = await stores();
        const driver = await firestoreFleetStore(c.db).driver(body.driverId);
        const now = c.clock.now();
        const assigned = await calls.change(
          params.id,
          (current) => assignServiceCall(current, body, { driver: { id: driver.id, name: driver.name, addressedAs: driver.addressedAs, active: isActive(driver) }, by: actorOf(principal), now }),
          { announce, stop: () => null, now },
        );
        return { body: assigned };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/close',
      roles: ['admin', 'office', 'driver'],
      docs: {
        summary: 'Close a call with what came of it: the driver it is assigned to, after the visit, or the office',
        description:
          'Another driver’s call is 404 SERVICE_CALL.NOT_FOUND; a closed one 409 SERVICE_CALL.CLOSED. `unsafe` (the supply stopped, 停止供氣) needs the `unsafeItems`: they are written on the customer as `supplyStop` in the same transaction, so the driver’s stop cards warn and the customer is due a safety inspection until one passes; the office is alerted (system.service_call_unsafe), the alert naming the customer’s orders booked before that still bring cylinders (`data.orders`), which the office cancels or makes collection-only: none is taken back by itself. From then on an order with cylinders for the customer is 422 ORDER.SUPPLY_STOPPED until an inspection passes. `at`, when the driver closed it (the phone queues a close made without signal), dates the close and the stop, held between the call being sent and the request’s arrival. The customer is told how it ended (`service_call.closed`, notifyServiceCalls), an unsafe close in words: what was found, that the gas is stopped and that an inspection brings it back.',
        response: serviceCallSchema,
      },
      params: idParams,
      body: closeServiceCallInputSchema,
      async handle({ params, body, principal }) {
        const { c, calls } = await stores();
        const now = c.clock.now();
        const closed = await calls.change(params.id, (current) => closeServiceCall(current, body, { by: actorOf(principal), driverId: principal.driverId, now }), {
          announce,
          // From the Taipei day it was closed at the customer's, however late a phone without signal sent it.
          stop: (after) => supplyStopOf(after, taipeiDate(after.result ? new Date(after.result.at) : now)),
          now,
        });
        return { body: closed };
      },
    }),
  ],
};

http('service-calls', createHttpHandler(serviceCallsFunction, async () => (await container()).http));
