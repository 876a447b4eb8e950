import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreRouteStore } from '../adapters/firestore/route-store';
import { firestoreSafetyInspectionStore } from '../adapters/firestore/safety-inspection-store';
import { taipeiDate } from '../domain/clock';
import { assertCanReadCustomer, canReadCustomer } from '../domain/customers/permissions';
import { notFound } from '../domain/errors';
import {
  assertStopOnOwnRoute,
  driverIdOf,
  dueCustomerSchema,
  dueListPage,
  dueRangeOf,
  dueListQuerySchema,
  filingPeriodSchema,
  inspectedCustomerOf,
  assertInspectedByToday,
  recordInspection,
  safetyFilingCsv,
  safetyInspectionInputSchema,
  safetyInspectionSchema,
  safetyRegisterCsv,
  safetyRegisterQuerySchema,
  safetySummarySchema,
  technicianOf,
  withoutSignature,
  type InspectingDriver,
} from '../domain/safety';
import { docIdSchema, z } from '../domain/schema';
import { actorOf, type Principal } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, idParams, route, type HttpFunctionDef } from '../http/endpoint';

const staff = ['admin', 'office'] as const;

/**
 * The driver recording an inspection, checked before anything is written: the customer must be at a stop of their own
 * route on the day inspected (an inspection queued offline may reach the server after midnight). Null for the office and
 * admins, who enter paper forms for any customer.
 */
async function inspectingDriver(principal: Principal, customerId: string, inspectedOn: string): Promise<InspectingDriver | null> {
  if (principal.role !== 'driver') return null;
  const c = await container();
  const driverId = driverIdOf(principal);
  assertStopOnOwnRoute(await firestoreRouteStore(c.db, c.publisher).ofDate(inspectedOn), driverId, customerId);
  return firestoreFleetStore(c.db).driver(driverId);
}

/**
 * 用戶安全檢查 (消防法 §15-1): certified technicians' inspections of customers' gas installations, the list of customers
 * due for one and the filing for the fire department. The driver app's per-stop view lives on the driver function
 * (`safety-inspections-driver.ts`).
 */
export const safetyInspectionsFunction: HttpFunctionDef = {
  name: 'safety-inspections',
  routes: [
    route({
      method: 'POST',
      path: '/',
      roles: ['admin', 'office', 'driver'],
      docs: {
        summary: "Record a customer's safety inspection and move their `safety` summary; the same Idempotency-Key answers the first record again",
        description:
          'The office and admins enter paper forms for any customer and must name the `technician`; a driver records one at a customer with a stop on their own route on the day inspected (else 404 CUSTOMER.NOT_FOUND), on their own certificate, which must be valid that day (else 422 SAFETY.NO_CERTIFICATE). A day after today is 422 SAFETY.FUTURE_DATE. An inspection older than the summary’s (a back-filled form) is stored without moving the summary. The latest inspection leaving a failed leak test open stops the supply (停止供氣, `supplyStop` with its `inspectionId`) in the same transaction: orders with cylinders are then 422 ORDER.SUPPLY_STOPPED until a re-check passes, and the office is alerted (system.inspection_supply_stopped), the alert naming the orders booked before that still bring cylinders (`data.orders`), and the customer is told in words (safety_inspection.supply_stopped, notifyServiceCalls). The inspector may stop it by hand for an item the checklist does not stop on, `supplyStop: { reason }` (400 SAFETY.STOP_REASON_REQUIRED without one, SAFETY.STOP_ITEMS_REQUIRED when no item is left to fix): the stop then names every item left to fix and the reason.',
        response: z.object({ inspection: safetyInspectionSchema, summary: safetySummarySchema }),
        successStatus: 201,
      },
      body: safetyInspectionInputSchema,
      async handle({ body, principal, requestId }) {
        const c = await container();
        const now = c.clock.now();
        const today = taipeiDate(now);
        const by = actorOf(principal);
        assertInspectedByToday(body.inspectedOn, today);
        const technician = technicianOf(body, by, body.inspectedOn, await inspectingDriver(principal, body.customerId, body.inspectedOn));
        const id = idFromRequest('si', requestId);
        const stored = await firestoreSafetyInspectionStore(c.db).record(
          id,
          body.customerId,
          (customer) => recordInspection(body, { id, today, customer: inspectedCustomerOf(customer), technician, by, now }),
          c.publisher,
        );
        return { status: 201, body: stored };
      },
    }),
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: "A customer's safety inspections, newest first (a customer reads only their own; another's is 404)",
        description: 'Each confirmation names who signed and how, without the signature’s image: `GET /:id` answers one inspection with it.',
        response: z.object({ items: z.array(safetyInspectionSchema) }),
      },
      query: z.object({ customerId: docIdSchema, limit: z.coerce.number().int().min(1).max(100).default(20) }),
      async handle({ query, principal }) {
        assertCanReadCustomer(principal, query.customerId);
        const c = await container();
        const items = await firestoreSafetyInspectionStore(c.db).ofCustomer(query.customerId, query.limit);
        return { body: { items: items.map(withoutSignature) } };
      },
    }),
    route({
      method: 'GET',
      path: '/due',
      roles: staff,
      docs: {
        summary: 'Active customers due for an inspection within `withinDays` (default 30) or never inspected: most overdue first, then the soonest due; cursor pagination',
        response: z.object({ items: z.array(dueCustomerSchema), nextCursor: z.string().nullable(), total: z.number().int() }),
      },
      query: dueListQuerySchema,
      async handle({ query }) {
        const c = await container();
        const today = taipeiDate(c.clock.now());
        const { candidates, total } = await firestoreSafetyInspectionStore(c.db).dueRange(dueRangeOf(today, query));
        return { body: dueListPage(candidates, today, query, total) };
      },
    }),
    route({
      method: 'POST',
      path: '/due-keys',
      roles: ['admin'],
      docs: {
        summary: 'One-off backfill: write each customer’s `safetyDueKey` (what the due list is queried by) where missing or wrong; idempotent, a rerun writes nothing',
        description:
          'Customers stored before the key existed are missing from the due list until this has run once after the deploy. Every write of a customer or an inspection keeps the key from then on. Answers `{ customers, written }`.',
        response: z.object({ customers: z.number().int(), written: z.number().int() }),
      },
      async handle() {
        const c = await container();
        return { body: await firestoreSafetyInspectionStore(c.db).backfillDueKeys() };
      },
    }),
    route({
      method: 'GET',
      path: '/export',
      audit: 'read',
      roles: staff,
      docs: {
        summary: '申報用 用戶安全檢查資料: the inspections of a period (at most a year) as CSV (text/csv, UTF-8 with BOM, headers in the caller’s language) for the fire department',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends, one inspection per row, oldest first' }),
        contentType: 'text/csv',
      },
      query: filingPeriodSchema,
      async handle({ query, locale }) {
        const c = await container();
        const store = firestoreSafetyInspectionStore(c.db);
        const inspections = await store.between(query.from, query.to);
        const summaries = await store.summariesOf(inspections.map((i) => i.customerId));
        const file = `safety-inspections-${query.from}-${query.to}.csv`;
        return {
          body: safetyFilingCsv(inspections.map((inspection) => ({ inspection, current: summaries.get(inspection.customerId) })), locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/register',
      audit: 'read',
      roles: staff,
      docs: {
        summary: '用戶名冊 with their safety inspections: every active customer (or those of `districts`) with the last inspection day, result, items still to fix, next due day and status, as CSV (text/csv, UTF-8 with BOM, headers in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends, one customer per row, by district then customer code' }),
        contentType: 'text/csv',
      },
      query: safetyRegisterQuerySchema,
      async handle({ query, locale }) {
        const c = await container();
        const today = taipeiDate(c.clock.now());
        const customers = await firestoreSafetyInspectionStore(c.db).registerOf(query.districts ?? []);
        return {
          body: safetyRegisterCsv(customers, today, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="safety-register-${today}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/:id',
      roles: ['admin', 'office', 'customer'],
      docs: {
        summary: 'One inspection with the signature of whoever confirmed it on site, for its printed record (staff; a customer their own, another’s 404 SAFETY.INSPECTION_NOT_FOUND)',
        response: safetyInspectionSchema,
      },
      params: idParams,
      async handle({ params, principal }) {
        const c = await container();
        const inspection = await firestoreSafetyInspectionStore(c.db).one(params.id);
        // Another customer's record answers as one that does not exist: its id says nothing of whose it is.
        if (!inspection || !canReadCustomer(principal, inspection.customerId)) throw notFound('SAFETY.INSPECTION_NOT_FOUND', `Safety inspection ${params.id} not found`, { id: params.id });
        return { body: inspection };
      },
    }),
  ],
};

http('safety-inspections', createHttpHandler(safetyInspectionsFunction, async () => (await container()).http));
