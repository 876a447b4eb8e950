import { http } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreFleetStore, type FleetCollection, type RecordOf } from '../adapters/firestore/fleet-store';
import { firestoreOvertimeStore } from '../adapters/firestore/overtime-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import {
  createDepot,
  createDepotInputSchema,
  createDriver,
  createDriverInputSchema,
  createVehicle,
  createVehicleInputSchema,
  checkOvertime,
  deactivateDepot,
  deactivateDriver,
  deactivateVehicle,
  depotContacts,
  depotContactSchema,
  depotSchema,
  driverSchema,
  overtimeInputSchema,
  overtimeSchema,
  updateDepot,
  updateDepotInputSchema,
  updateDriver,
  updateDriverInputSchema,
  updateVehicle,
  updateVehicleInputSchema,
  vehicleSchema,
  type FleetSnapshot,
  type Stamp,
} from '../domain/fleet';
import { invalid } from '../domain/errors';
import { z } from '../domain/schema';
import { taipeiDate } from '../domain/clock';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, idParams, route, type HttpFunctionDef } from '../http/endpoint';

/** Office plans routes with the fleet, so it reads; only admins change it. */
const readers = ['admin', 'office'] as const;
const admins = ['admin'] as const;

/** One kind of fleet record and the pure rules that create, change and retire it. */
interface FleetKind<C extends FleetCollection, TCreate, TUpdate> {
  readonly collection: C;
  /** Singular, for the docs. */
  readonly noun: string;
  readonly idPrefix: string;
  readonly schema: z.ZodType;
  readonly createBody: z.ZodType<TCreate>;
  readonly updateBody: z.ZodType<TUpdate>;
  create(id: string, input: TCreate, fleet: FleetSnapshot, stamp: Stamp): RecordOf<C>;
  update(current: RecordOf<C>, patch: TUpdate, fleet: FleetSnapshot, stamp: Stamp): RecordOf<C>;
  deactivate(current: RecordOf<C>, fleet: FleetSnapshot, stamp: Stamp): RecordOf<C>;
  /**
   * What else retiring means outside the fleet. It runs after the record is retired and again on
   * every repeat of the call, so a failure between the two steps heals when the admin retries.
   */
  afterRetire?(id: string, c: Container): Promise<void>;
}

async function deps(uid: string) {
  const c = await container();
  return { c, store: firestoreFleetStore(c.db), stamp: { by: uid, at: c.clock.now() } };
}

function kindRoutes<C extends FleetCollection, TCreate, TUpdate>(k: FleetKind<C, TCreate, TUpdate>): HttpFunctionDef['routes'] {
  const base = `/${k.collection}`;
  return [
    route({
      method: 'GET',
      path: base,
      roles: readers,
      docs: { summary: `Every ${k.noun}, retired ones included (\`active: false\`)`, response: z.object({ items: z.array(k.schema) }) },
      async handle() {
        const c = await container();
        return { body: { items: await firestoreFleetStore(c.db).list(k.collection) } };
      },
    }),
    route({
      method: 'POST',
      path: base,
      roles: admins,
      docs: { summary: `Add a ${k.noun}`, response: k.schema, successStatus: 201 },
      body: k.createBody,
      async handle({ body, principal, requestId }) {
        const { store, stamp } = await deps(principal.uid);
        const id = idFromRequest(k.idPrefix, requestId);
        return { status: 201, body: await store.create(k.collection, id, (fleet) => k.create(id, body, fleet, stamp)) };
      },
    }),
    route({
      method: 'PATCH',
      path: `${base}/:id`,
      roles: admins,
      docs: { summary: `Change a ${k.noun}`, response: k.schema },
      params: idParams,
      body: k.updateBody,
      async handle({ params, body, principal }) {
        const { store, stamp } = await deps(principal.uid);
        return { body: await store.update(k.collection, params.id, (current, fleet) => k.update(current, body, fleet, stamp)) };
      },
    }),
    route({
      method: 'POST',
      path: `${base}/:id/deactivate`,
      roles: admins,
      docs: {
        summary: `Retire a ${k.noun}; it stays on record because routes and orders name it`,
        description: 'Retired records are no longer offered to route planning or assignment. Retiring twice changes nothing.',
        response: k.schema,
      },
      params: idParams,
      async handle({ params, principal }) {
        const { c, store, stamp } = await deps(principal.uid);
        const retired = await store.update(k.collection, params.id, (current, fleet) => k.deactivate(current, fleet, stamp));
        await k.afterRetire?.(params.id, c);
        return { body: retired };
      },
    }),
  ];
}

/** Admin management of depots, trucks and drivers, which route planning reads. */
export const fleetFunction: HttpFunctionDef = {
  name: 'fleet',
  routes: [
    route({
      method: 'GET',
      path: '/contacts',
      roles: 'public',
      docs: {
        summary: 'Whom to phone, for the pages before sign-in (忘記密碼, 開通帳號): the name and phone of each depot in service that has one',
        description: 'Read-only and open to anyone, so it answers nothing else of a depot (no address, position, hours or who changed it).',
        response: z.object({ items: z.array(depotContactSchema) }),
      },
      async handle() {
        const c = await container();
        return { body: { items: depotContacts(await firestoreFleetStore(c.db).depots()) } };
      },
    }),
    route({
      method: 'GET',
      path: '/overtimes',
      roles: readers,
      docs: { summary: '延長工時 still holding today or ahead, by first day', response: z.object({ items: z.array(overtimeSchema) }) },
      async handle() {
        const c = await container();
        return { body: { items: await firestoreOvertimeStore(c.db).endingOnOrAfter(taipeiDate(c.clock.now())) } };
      },
    }),
    route({
      method: 'POST',
      path: '/overtimes',
      roles: admins,
      docs: {
        summary: "延長工時: some or all drivers of a depot work until `end` on a few days, their regular shifts left as they are",
        description:
          "Planning, route edits, 指派 and the driver ranking give those drivers' trucks until `end` on those days (the yard stays open for them), a day closing early (提早收工) still ending at its closing. At most 14 days (`OVERTIME.BAD_RANGE`); `OVERTIME.NO_DRIVERS` when it names no driver of the depot (by their regular truck), `OVERTIME.END_BEFORE_START` when `end` is not after one of their shifts' start, each reported on its field (`driverIds`, `end`) with the drivers in `details.driverIds`. A retry with the same Idempotency-Key stores it once.",
        response: overtimeSchema,
        successStatus: 201,
      },
      body: overtimeInputSchema,
      async handle({ body, principal, requestId }) {
        const c = await container();
        const fleet = firestoreFleetStore(c.db);
        const [drivers, vehicles] = await Promise.all([fleet.drivers(), fleet.vehicles()]);
        const check = checkOvertime(body, drivers, vehicles);
        if (!check.ok) {
          // Reported on the field it is about (the drivers chosen, or the day's new end), so the admin's form shows it there.
          const path = check.code === 'OVERTIME.NO_DRIVERS' ? 'driverIds' : 'end';
          throw invalid(check.code, `Overtime at ${body.depotId} refused: ${check.code}`, { path, driverIds: check.driverIds });
        }
        const overtime = { id: idFromRequest('ot', requestId), ...body, driverIds: [...new Set(body.driverIds ?? [])], createdBy: actorOf(principal), createdAt: c.clock.now().toISOString() };
        return { status: 201, body: await firestoreOvertimeStore(c.db).create(overtime) };
      },
    }),
    route({
      method: 'DELETE',
      path: '/overtimes/:id',
      roles: admins,
      docs: { summary: 'Remove a 延長工時: its drivers work their regular shifts on its days again. An unknown one is 404 OVERTIME.NOT_FOUND', successStatus: 204 },
      params: idParams,
      async handle({ params }) {
        const c = await container();
        await firestoreOvertimeStore(c.db).remove(params.id);
        return { status: 204, body: null };
      },
    }),
    ...kindRoutes({
      collection: 'depots',
      noun: 'depot',
      idPrefix: 'depot',
      schema: depotSchema,
      createBody: createDepotInputSchema,
      updateBody: updateDepotInputSchema,
      create: (id, input, _fleet, stamp) => createDepot(id, input, stamp),
      update: (current, patch, _fleet, stamp) => updateDepot(current, patch, stamp),
      deactivate: deactivateDepot,
    }),
    ...kindRoutes({
      collection: 'vehicles',
      noun: 'vehicle',
      idPrefix: 'veh',
      schema: vehicleSchema,
      createBody: createVehicleInputSchema,
      updateBody: updateVehicleInputSchema,
      create: createVehicle,
      update: updateVehicle,
      deactivate: deactivateVehicle,
    }),
    ...kindRoutes({
      collection: 'drivers',
      noun: 'driver',
      idPrefix: 'drv',
      schema: driverSchema,
      createBody: createDriverInputSchema,
      updateBody: updateDriverInputSchema,
      create: createDriver,
      update: updateDriver,
      deactivate: (current, _fleet, stamp) => deactivateDriver(current, stamp),
      async afterRetire(id, c) {
        // Their sessions end here at once, as an admin disabling the account would have them (changeAccount).
        for (const uid of await firestoreUserStore(c.db).disableDriverAccounts(id, c.clock.now())) c.verifier.forget(uid);
      },
    }),
  ],
};

http('fleet', createHttpHandler(fleetFunction, async () => (await container()).http));
