import { aDriver, aVehicle, DEPOT } from '../routes/test-support/fleet-mother';
import { DomainError, type ErrorKind } from '../errors';
import { exampleOf } from '../schema';
import {
  createDepot,
  createDepotInputSchema,
  createDriver,
  createDriverInputSchema,
  createVehicle,
  createVehicleInputSchema,
  deactivateDepot,
  deactivateDriver,
  deactivateVehicle,
  updateDepot,
  updateDepotInputSchema,
  updateDriver,
  updateDriverInputSchema,
  updateVehicle,
  updateVehicleInputSchema,
  type FleetSnapshot,
} from './manage';
import { isActive } from './fleet';

const stamp = { by: 'u-admin', at: new Date('2026-11-28T02:00:00Z') };
const fleet: FleetSnapshot = {
  depots: [DEPOT, { ...DEPOT, id: 'depot-closed', active: false }],
  vehicles: [aVehicle('veh-1', { plate: 'KLA-1001' }), aVehicle('veh-2', { plate: 'KLA-1002' }), aVehicle('veh-old', { plate: 'KLA-9999', active: false })],
  drivers: [aDriver('drv-1', 'veh-1'), aDriver('drv-old', 'veh-2', { active: false })],
};
const vehicleInput = { plate: 'KLZ-3301', capacityKg: 1500, cylinderSlots: 36, depotId: DEPOT.id, costPerKm: 10, fixedCost: 1800 };

function failure(fn: () => unknown): { code: string; kind: ErrorKind } {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, kind: err.kind };
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('fleet input schemas', () => {
  it.each([createDepotInputSchema, updateDepotInputSchema, createVehicleInputSchema, updateVehicleInputSchema, createDriverInputSchema, updateDriverInputSchema])(
    'accept their own OpenAPI example (%#)',
    (schema) => {
      expect(schema.safeParse(exampleOf(schema)).success).toBe(true);
    },
  );

  it('normalise a plate to upper case and report a malformed one, a zero capacity and slots with catalogue codes', () => {
    expect(createVehicleInputSchema.parse({ ...vehicleInput, plate: ' klz-3301 ' }).plate).toBe('KLZ-3301');
    const bad = createVehicleInputSchema.safeParse({ ...vehicleInput, plate: 'KLZ 3301', capacityKg: 0, cylinderSlots: 0 });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['plate', 'VEHICLE.PLATE_INVALID'],
      ['capacityKg', 'VEHICLE.CAPACITY_INVALID'],
      ['cylinderSlots', 'VEHICLE.SLOTS_INVALID'],
    ]);
  });

  it('refuse a shift that ends before it starts and an empty patch', () => {
    const shift = createDriverInputSchema.safeParse({ ...exampleOf(createDriverInputSchema) as object, shift: { start: '17:00', end: '08:00' } });
    expect(shift.success ? null : shift.error.issues[0]?.message).toBe('TIME.WINDOW_END_BEFORE_START');
    const empty = updateVehicleInputSchema.safeParse({ unknown: 1 });
    expect(empty.success ? null : empty.error.issues[0]?.message).toBe('FLEET.NOTHING_TO_CHANGE');
  });

  it("refuse a driver's hourly cost that is negative, a fraction, out of range or not a number, with one catalogue code", () => {
    const driver = exampleOf(createDriverInputSchema) as object;
    for (const hourlyCost of [-250, 250.5, 99, 2_001, '250']) {
      const bad = createDriverInputSchema.safeParse({ ...driver, hourlyCost });
      expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['hourlyCost', 'DRIVER.HOURLY_COST_INVALID']]);
    }
    expect(createDriverInputSchema.parse({ ...driver, hourlyCost: 100 }).hourlyCost).toBe(100);
    expect(createDriverInputSchema.parse(driver)).toMatchObject({ hourlyCost: 280 });
    const patch = updateDriverInputSchema.safeParse({ hourlyCost: -1 });
    expect(patch.success ? null : patch.error.issues[0]?.message).toBe('DRIVER.HOURLY_COST_INVALID');
  });

  it("refuse a depot's same-day cut-off that is no time of day", () => {
    const bad = updateDepotInputSchema.safeParse({ sameDayCutoff: '25:00' });
    expect(bad.success ? null : bad.error.issues[0]?.message).toBe('TIME.INVALID_TIME_OF_DAY');
    expect(createDepotInputSchema.parse(exampleOf(createDepotInputSchema)).sameDayCutoff).toBe('15:00');
  });

  it('store a driver phone in display form and each skill once', () => {
    const parsed = createDriverInputSchema.parse({ name: '蔡承恩', phone: '0933456789', skills: ['industrial', 'industrial'], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-1' });
    expect(parsed.phone).toBe('0933-456-789');
    expect(parsed.skills).toEqual(['industrial']);
  });
});

describe('creating fleet records', () => {
  it('stamps who created a record and when, in service', () => {
    expect(createDepot('depot-new', { name: '板橋站', address: '新北市板橋區文化路一段100號', location: { lat: 25.01, lng: 121.46 } }, stamp)).toMatchObject({
      id: 'depot-new',
      active: true,
      createdAt: '2026-11-28T02:00:00.000Z',
      createdBy: 'u-admin',
      updatedBy: 'u-admin',
    });
  });

  it('refuses a plate a truck in service already has, but not a retired truck’s plate', () => {
    expect(failure(() => createVehicle('veh-new', { ...vehicleInput, plate: 'KLA-1002' }, fleet, stamp))).toEqual({ code: 'VEHICLE.PLATE_TAKEN', kind: 'conflict' });
    expect(createVehicle('veh-new', { ...vehicleInput, plate: 'KLA-9999' }, fleet, stamp).plate).toBe('KLA-9999');
  });

  it('puts a truck only at a depot that exists and is open', () => {
    expect(failure(() => createVehicle('veh-new', { ...vehicleInput, depotId: 'depot-closed' }, fleet, stamp)).code).toBe('VEHICLE.DEPOT_UNAVAILABLE');
    expect(failure(() => createVehicle('veh-new', { ...vehicleInput, depotId: 'depot-x' }, fleet, stamp)).kind).toBe('validation');
  });

  it('gives a driver only a truck in service', () => {
    const input = { name: '蔡承恩', phone: '0933-456-789', skills: [], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-old' };
    expect(failure(() => createDriver('drv-new', input, fleet, stamp)).code).toBe('DRIVER.VEHICLE_UNAVAILABLE');
    expect(createDriver('drv-new', { ...input, vehicleId: 'veh-2' }, fleet, stamp)).toMatchObject({ active: true, vehicleId: 'veh-2' });
  });
});

describe('changing fleet records', () => {
  it('changes capacity and keeps the creation stamp', () => {
    const truck = createVehicle('veh-new', vehicleInput, fleet, stamp);
    const later = { by: 'u-boss', at: new Date('2026-11-29T02:00:00Z') };
    expect(updateVehicle(truck, { capacityKg: 1800 }, fleet, later)).toMatchObject({ capacityKg: 1800, createdBy: 'u-admin', updatedBy: 'u-boss', updatedAt: '2026-11-29T02:00:00.000Z' });
  });

  it('lets a truck keep its own plate but not take another truck’s', () => {
    const [veh1] = fleet.vehicles;
    expect(updateVehicle(veh1!, { plate: 'KLA-1001' }, fleet, stamp).plate).toBe('KLA-1001');
    expect(failure(() => updateVehicle(veh1!, { plate: 'KLA-1002' }, fleet, stamp)).code).toBe('VEHICLE.PLATE_TAKEN');
  });

  it('moves a driver only to a truck in service', () => {
    const [drv1] = fleet.drivers;
    expect(failure(() => updateDriver(drv1!, { vehicleId: 'veh-old' }, fleet, stamp)).code).toBe('DRIVER.VEHICLE_UNAVAILABLE');
    expect(updateDriver(drv1!, { skills: ['industrial'] }, fleet, stamp).skills).toEqual(['industrial']);
  });

  it('gives a driver a safety certificate, keeps it through other changes and removes it with null', () => {
    const [drv1] = fleet.drivers;
    const certificate = { number: '北市消安字第 1120456 號', validUntil: '2028-06-30' };
    const certified = updateDriver(drv1!, updateDriverInputSchema.parse({ safetyCertificate: certificate }), fleet, stamp);
    expect(certified.safetyCertificate).toEqual(certificate);
    expect(updateDriver(certified, { skills: ['industrial'] }, fleet, stamp).safetyCertificate).toEqual(certificate);
    expect(updateDriver(certified, updateDriverInputSchema.parse({ safetyCertificate: null }), fleet, stamp)).not.toHaveProperty('safetyCertificate');
  });

  it("sets a driver's hourly cost, keeps it through other changes and goes back to the default with null", () => {
    const [drv1] = fleet.drivers;
    const costed = updateDriver(drv1!, updateDriverInputSchema.parse({ hourlyCost: 320 }), fleet, stamp);
    expect(costed.hourlyCost).toBe(320);
    expect(updateDriver(costed, { skills: ['industrial'] }, fleet, stamp).hourlyCost).toBe(320);
    expect(updateDriver(costed, updateDriverInputSchema.parse({ hourlyCost: null }), fleet, stamp)).not.toHaveProperty('hourlyCost');
  });

  it("sets a depot's same-day cut-off beside its hours, and removes either alone with null", () => {
    const depot = createDepot('depot-new', { ...createDepotInputSchema.parse(exampleOf(createDepotInputSchema)) }, stamp);
    const later = updateDepot(depot, updateDepotInputSchema.parse({ sameDayCutoff: '14:30' }), stamp);
    expect(later).toMatchObject({ sameDayCutoff: '14:30', hours: { start: '07:00', end: '19:00' } });
    const noHours = updateDepot(later, updateDepotInputSchema.parse({ hours: null }), stamp);
    expect(noHours).toMatchObject({ sameDayCutoff: '14:30' });
    expect(noHours).not.toHaveProperty('hours');
    expect(updateDepot(noHours, updateDepotInputSchema.parse({ sameDayCutoff: null }), stamp)).not.toHaveProperty('sameDayCutoff');
  });

  it("keeps the depot's phone for its customers, as a phone is written (0229611234 → (02)2961-1234), and removes it with null", () => {
    const depot = createDepot('depot-new', createDepotInputSchema.parse({ ...(exampleOf(createDepotInputSchema) as object), phone: '0229611234' }), stamp);
    expect(depot.phone).toBe('(02)2961-1234');
    expect(updateDepotInputSchema.safeParse({ phone: '123' }).error?.issues[0]?.message).toBe('CUSTOMER.PHONE_INVALID');
    expect(updateDepot(depot, updateDepotInputSchema.parse({ phone: null }), stamp)).not.toHaveProperty('phone');
  });

  it("keeps a depot's stops per truck a day for the nightly suggestions, refuses one outside 1–200, and removes it with null", () => {
    const depot = createDepot('depot-new', createDepotInputSchema.parse({ ...(exampleOf(createDepotInputSchema) as object), stopsPerTruck: 25 }), stamp);
    expect(depot.stopsPerTruck).toBe(25);
    expect([0, 201, 2.5].map((stopsPerTruck) => updateDepotInputSchema.safeParse({ stopsPerTruck }).error?.issues[0]?.message)).toEqual(Array(3).fill('DEPOT.STOPS_PER_TRUCK_INVALID'));
    expect(updateDepot(depot, updateDepotInputSchema.parse({ stopsPerTruck: null }), stamp)).not.toHaveProperty('stopsPerTruck');
  });

  it('keeps the permitted storage (許可儲存量, kg) an admin sets, refuses a figure that is no whole positive kg, and forgets it on null', () => {
    const depot = createDepot('depot-new', createDepotInputSchema.parse({ ...(exampleOf(createDepotInputSchema) as object), permittedStorageKg: 2000 }), stamp);
    expect(depot.permittedStorageKg).toBe(2000);
    expect([0, 100_001, 2.5].map((permittedStorageKg) => updateDepotInputSchema.safeParse({ permittedStorageKg }).error?.issues[0]?.message)).toEqual(Array(3).fill('DEPOT.PERMITTED_STORAGE_INVALID'));
    expect(updateDepot(depot, updateDepotInputSchema.parse({ permittedStorageKg: null }), stamp)).not.toHaveProperty('permittedStorageKg');
  });
});

describe('retiring fleet records', () => {
  it('retires a driver once; doing it again changes nothing', () => {
    const [drv1] = fleet.drivers;
    const retired = deactivateDriver(drv1!, stamp);
    expect(retired.active).toBe(false);
    expect(deactivateDriver(retired, { by: 'u-other', at: new Date() })).toBe(retired);
  });

  it('refuses to retire a truck a driver in service still drives, and retires it once the driver is gone', () => {
    const [veh1, veh2] = fleet.vehicles;
    expect(failure(() => deactivateVehicle(veh1!, fleet, stamp))).toEqual({ code: 'VEHICLE.HAS_ACTIVE_DRIVER', kind: 'conflict' });
    expect(isActive(deactivateVehicle(veh2!, fleet, stamp))).toBe(false);
  });

  it('closes a depot only when no truck in service starts there', () => {
    expect(failure(() => deactivateDepot(DEPOT, fleet, stamp)).code).toBe('DEPOT.HAS_ACTIVE_VEHICLES');
    expect(deactivateDepot(DEPOT, { ...fleet, vehicles: fleet.vehicles.map((v) => ({ ...v, active: false })) }, stamp).active).toBe(false);
  });

  it('counts seeded records without a flag as in service', () => {
    expect(isActive(DEPOT)).toBe(true);
    expect(isActive({ active: false })).toBe(false);
  });
});
