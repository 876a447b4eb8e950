import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreCylinderRegisterStore } from '../adapters/firestore/cylinder-register-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { taipeiDate } from '../domain/clock';
import {
  cylinderExportQuerySchema,
  cylinderEventSchema,
  cylinderListQuerySchema,
  cylinderRegisterCsv,
  cylinderSummary,
  summaryCounts,
  cylinderSummarySchema,
  inspectionResultsInputSchema,
  moveCylindersInputSchema,
  moveCylinders,
  recordInspectionResults,
  registerCylinders,
  registerCylindersInputSchema,
  registeredCylinderSchema,
  scrapCylinders,
  scrapCylindersInputSchema,
  sendToInspection,
  sendToInspectionInputSchema,
  serialSchema,
  type CylinderChange,
  type CylinderLocation,
  type OperationContext,
  type RegisteredCylinder,
  type SerialError,
} from '../domain/cylinders/register';
import { DomainError } from '../domain/errors';
import { z } from '../domain/schema';
import { actorOf, type Principal } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, route, type HttpFunctionDef } from '../http/endpoint';
import type { Locale } from '../http/locale';
import { messageFor } from '../http/messages';
import { byNameSchema, withByNames } from './use-cases/by-names';

const STAFF = ['admin', 'office'] as const;
const itemsSchema = z.object({ items: z.array(registeredCylinderSchema) });
const customerLabelSchema = z.string().openapi({ description: 'The customer as the office knows them, code and name (「C0012 林家麵店」)', example: 'C0012 林家麵店' });
const listedCylinderSchema = registeredCylinderSchema.extend({
  customerLabel: customerLabelSchema.optional().openapi({ description: 'Where the cylinder stands at a customer: that customer’s code and name; absent elsewhere, and when the customer is gone' }),
});
const BATCH_NOTE =
  'One transaction, all or nothing: a single serial refused answers 422 CYLINDER.BATCH_REFUSED with `details.errors` (serial, code, localised message) and nothing is written. The same Idempotency-Key answers the first answer again.';

async function operationContext(principal: Principal, requestId: string): Promise<OperationContext> {
  const now = (await container()).clock.now();
  return { id: idFromRequest('cyl', requestId), by: actorOf(principal), now, today: taipeiDate(now) };
}

/** A batch refusal with each serial's reason in the caller's language, for the office to fix the list. */
function localised(err: unknown, locale: Locale): unknown {
  if (!(err instanceof DomainError) || err.code !== 'CYLINDER.BATCH_REFUSED') return err;
  const errors = (err.details?.['errors'] as SerialError[]).map((e) => ({ ...e, message: messageFor(e.code, locale, e.code, { ...e }) }));
  return new DomainError(err.code, err.kind, err.message, { ...err.details, errors });
}

/** Runs a batch through the store: the serials read and changed in one transaction. */
async function batch(serials: readonly string[], locale: Locale, plan: (current: ReadonlyMap<string, RegisteredCylinder>) => CylinderChange[]): Promise<RegisteredCylinder[]> {
  try {
    return await firestoreCylinderRegisterStore((await container()).db).change(serials, plan);
  } catch (err) {
    throw localised(err, locale);
  }
}

const customersAt = (locations: readonly (CylinderLocation | null)[]): string[] => locations.flatMap((l) => (l?.kind === 'customer' ? [l.customerId] : []));

/**
 * The customers the cylinders stand at (and, for a history, came from or went to), code and name, in one read of two fields
 * each, so a screen names them without asking for each customer.
 */
const customerLabels = async (db: Firestore, locations: readonly (CylinderLocation | null)[]) => firestoreCustomerStore(db).labels(customersAt(locations));

/** 404 `DEPOT.NOT_FOUND` for a depot not on record. */
const assertDepot = async (depotId: string): Promise<void> => {
  await firestoreFleetStore((await container()).db).depot(depotId);
};

/**
 * 容器管理: the register of individual cylinders by their stamped serial (鋼印號碼), their periodic-inspection deadlines
 * (消防法 §15-4) and the 容器管理資料 file (§15-1). Deliveries name cylinders through the driver function.
 */
export const cylindersFunction: HttpFunctionDef = {
  name: 'cylinders',
  routes: [
    route({
      method: 'POST',
      path: '/',
      roles: STAFF,
      docs: {
        summary: 'Register up to 500 cylinders at a depot, in service, with their inspection deadline',
        description: `A serial already registered answers 409 CYLINDER.ALREADY_REGISTERED listing them (\`details.serials\`), and nothing is written; a factory test or inspection after today is 422; an unknown depot 404. ${BATCH_NOTE}`,
        response: itemsSchema,
        successStatus: 201,
      },
      body: registerCylindersInputSchema,
      async handle({ body, principal, requestId, locale }) {
        await assertDepot(body.depotId);
        const ctx = await operationContext(principal, requestId);
        const items = await batch(
          body.cylinders.map((c) => c.serial),
          locale,
          (current) => registerCylinders(body, [...current.keys()], ctx),
        );
        return { status: 201, body: { items } };
      },
    }),
    route({
      method: 'GET',
      path: '/',
      roles: STAFF,
      docs: {
        summary: 'The register, paged: by serial, or with `dueWithinDays` the cylinders due within that many days or overdue, soonest deadline first',
        description: 'Filters combine: `status`, `size`, `location` (`depot:<id>`, `customer:<id>`, `inspection`, `scrapped`). Pass `nextCursor` back as `cursor`.',
        response: z.object({ items: z.array(listedCylinderSchema), nextCursor: z.string().nullable() }),
      },
      query: cylinderListQuerySchema,
      async handle({ query }) {
        const c = await container();
        const page = await firestoreCylinderRegisterStore(c.db).list(query, taipeiDate(c.clock.now()));
        const labels = await customerLabels(c.db, page.items.map((x) => x.location));
        const items = page.items.map((x) => {
          const customerLabel = x.location.kind === 'customer' ? labels.get(x.location.customerId) : undefined;
          return customerLabel === undefined ? x : { ...x, customerLabel };
        });
        return { body: { items, nextCursor: page.nextCursor } };
      },
    }),
    route({
      method: 'GET',
      path: '/summary',
      roles: STAFF,
      docs: { summary: 'Counts by status, overdue and due within 30 / 90 days, in all and per size', response: cylinderSummarySchema },
      async handle() {
        const c = await container();
        const today = taipeiDate(c.clock.now());
        return { body: cylinderSummary(await firestoreCylinderRegisterStore(c.db).summaryCounts(summaryCounts(today)), today) };
      },
    }),
    route({
      method: 'GET',
      path: '/export',
      audit: 'read',
      roles: STAFF,
      docs: {
        summary: '容器管理資料: every cylinder the list’s filters take in as CSV (text/csv, UTF-8 with BOM, headers in the caller’s language)',
        description: 'The filters are the list’s, unpaged: `dueWithinDays=0` the cylinders past their 檢驗期限 (or due today), `dueWithinDays=30` those due within 30 days and the overdue; `status`, `size`, `location` as on the list.',
        response: z.string().openapi({ description: '鋼印號碼, 容量, 材質, 出廠耐壓試驗日期, 最近檢驗日期, 下次檢驗期限, 狀態, 所在位置; one cylinder per row by serial' }),
        contentType: 'text/csv',
      },
      query: cylinderExportQuerySchema,
      async handle({ query, locale }) {
        const c = await container();
        const store = firestoreCylinderRegisterStore(c.db);
        const cylinders = await store.all(query, taipeiDate(c.clock.now()));
        const [depots, customers] = await Promise.all([firestoreFleetStore(c.db).depots(), customerLabels(c.db, cylinders.map((x) => x.location))]);
        const names = { depots: new Map(depots.map((d) => [d.id, d.name])), customers };
        const file = `cylinders-${taipeiDate(c.clock.now())}.csv`;
        return {
          body: cylinderRegisterCsv(cylinders, names, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/:serial',
      roles: STAFF,
      docs: {
        summary: 'One cylinder with its history, newest first (at most 100 events); the serial in any case',
        description:
          'Each event names who recorded it (`byName`, the account\'s display name now); `customerLabels` names the customers the cylinder and its events stand at, came from or went to. An unregistered serial is 404 CYLINDER.NOT_FOUND.',
        response: z.object({ cylinder: registeredCylinderSchema, events: z.array(cylinderEventSchema.and(byNameSchema)), customerLabels: z.record(z.string(), customerLabelSchema) }),
      },
      params: z.object({ serial: serialSchema }),
      async handle({ params }) {
        const { db } = await container();
        const { cylinder, events } = await firestoreCylinderRegisterStore(db).get(params.serial);
        const [named, labels] = await Promise.all([withByNames(db, events), customerLabels(db, [cylinder.location, ...events.flatMap((e) => [e.from, e.to])])]);
        return { body: { cylinder, events: named, customerLabels: Object.fromEntries(labels) } };
      },
    }),
    route({
      method: 'POST',
      path: '/inspection/send',
      roles: STAFF,
      docs: {
        summary: 'Send cylinders standing at a depot to the inspection station (定期檢驗)',
        description: `Refused: a cylinder at a customer, already at inspection, scrapped, or at its service life (scrap it instead). ${BATCH_NOTE}`,
        response: itemsSchema,
      },
      body: sendToInspectionInputSchema,
      async handle({ body, principal, requestId, locale }) {
        const ctx = await operationContext(principal, requestId);
        return { body: { items: await batch(body.serials, locale, (current) => sendToInspection(body, current, ctx)) } };
      },
    }),
    route({
      method: 'POST',
      path: '/inspection/results',
      roles: STAFF,
      docs: {
        summary: "The station's results: a pass starts a new period from the day inspected and brings the cylinder back to the depot; a failure scraps it",
        description: `Only cylinders at inspection; a day after today, or before the last inspection, is refused; a cylinder past its service life cannot pass. An unknown depot is 404. ${BATCH_NOTE}`,
        response: itemsSchema,
      },
      body: inspectionResultsInputSchema,
      async handle({ body, principal, requestId, locale }) {
        await assertDepot(body.depotId);
        const ctx = await operationContext(principal, requestId);
        return { body: { items: await batch(body.results.map((r) => r.serial), locale, (current) => recordInspectionResults(body, current, ctx)) } };
      },
    }),
    route({
      method: 'POST',
      path: '/scrap',
      roles: STAFF,
      docs: { summary: 'Scrap cylinders (報廢) at a depot or the inspection station, with the reason', description: `A cylinder at a customer has to be collected first. ${BATCH_NOTE}`, response: itemsSchema },
      body: scrapCylindersInputSchema,
      async handle({ body, principal, requestId, locale }) {
        const ctx = await operationContext(principal, requestId);
        return { body: { items: await batch(body.serials, locale, (current) => scrapCylinders(body, current, ctx)) } };
      },
    }),
    route({
      method: 'POST',
      path: '/move',
      roles: STAFF,
      docs: {
        summary: 'Move cylinders in service from one depot to another, full or empty as `state` says: out of their depots’ stock and into the new one’s',
        description: `The stock movements (transferOut / transferIn) are written in the same transaction; one taking a depot’s fulls or empties below zero is 409 STOCK.NOT_ENOUGH_FULL / STOCK.NOT_ENOUGH_EMPTY and nothing is written. An unknown depot is 404. ${BATCH_NOTE}`,
        response: itemsSchema,
      },
      body: moveCylindersInputSchema,
      async handle({ body, principal, requestId, locale }) {
        await assertDepot(body.toDepotId);
        const ctx = await operationContext(principal, requestId);
        return { body: { items: await batch(body.serials, locale, (current) => moveCylinders(body, current, ctx)) } };
      },
    }),
  ],
};

http('cylinders', createHttpHandler(cylindersFunction, async () => (await container()).http));
