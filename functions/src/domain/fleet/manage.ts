import { phoneSchema } from '../customers/customer';
import { taiwanLocationSchema } from '../customers/address';
import { conflict, invalid } from '../errors';
import { moneySchema, timeOfDaySchema, timeWindowSchema, z } from '../schema';
import { ADDRESSED_AS_MAX, DRIVER_SKILLS, isActive, PLATE_PATTERN, safetyCertificateSchema, type Depot, type Driver, type Vehicle } from './fleet';

const nameSchema = z.string().trim().min(1).max(60);
const refSchema = z.string().trim().min(1).max(128);
/** A PATCH that would change nothing is a mistake worth telling the caller about. */
const someField = <T extends object>(s: z.ZodType<T>) => s.refine((p) => Object.keys(p).length > 0, 'FLEET.NOTHING_TO_CHANGE');

/** A PATCH over a record: a field set to `null` is removed (back to its default), an absent one kept as it is. */
function patched<T extends object>(record: T, patch: object): T {
  const next: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next as T;
}

/** The stops a day one truck of a depot may be set to make (`Depot.stopsPerTruck`). */
export const STOPS_PER_TRUCK_RANGE = { min: 1, max: 200 } as const;
const stopsPerTruckSchema = z
  .number()
  .int('DEPOT.STOPS_PER_TRUCK_INVALID')
  .min(STOPS_PER_TRUCK_RANGE.min, 'DEPOT.STOPS_PER_TRUCK_INVALID')
  .max(STOPS_PER_TRUCK_RANGE.max, 'DEPOT.STOPS_PER_TRUCK_INVALID');

/** A yard's permitted storage (kg): the permits of an LPG retailer's 容器儲存場所 run to a few tonnes. */
export const PERMITTED_STORAGE_KG_MAX = 100_000;
const permittedStorageKgSchema = z.number().int('DEPOT.PERMITTED_STORAGE_INVALID').min(1, 'DEPOT.PERMITTED_STORAGE_INVALID').max(PERMITTED_STORAGE_KG_MAX, 'DEPOT.PERMITTED_STORAGE_INVALID');

const depotFields = z.object({
  name: nameSchema,
  address: z.string().trim().min(1).max(200),
  /** Required, with no default: every route of the depot starts and ends here, so a guess would move the whole fleet. */
  location: z.object(taiwanLocationSchema.shape, 'DEPOT.LOCATION_REQUIRED'),
  hours: timeWindowSchema.optional(),
  sameDayCutoff: timeOfDaySchema.optional(),
  phone: phoneSchema.optional(),
  stopsPerTruck: stopsPerTruckSchema.optional(),
  permittedStorageKg: permittedStorageKgSchema.optional(),
});
export const createDepotInputSchema = depotFields.openapi('CreateDepotRequest', {
  example: {
    name: '幸福氣 板橋站',
    address: '新北市板橋區文化路一段100號',
    location: { lat: 25.0143, lng: 121.4672 },
    hours: { start: '07:00', end: '19:00' },
    sameDayCutoff: '15:00',
    phone: '(02)2961-1234',
  },
});
export type CreateDepotInput = z.infer<typeof createDepotInputSchema>;
/**
 * `hours: null` removes the yard hours (the drivers' shifts alone decide again), `sameDayCutoff: null` the same-day
 * cut-off, `phone: null` the phone, `stopsPerTruck: null` the depot's own figure (the default applies again), `permittedStorageKg: null` the permit's
 * figure; an absent field is left as it is.
 */
export const updateDepotInputSchema = someField(
  depotFields
    .partial()
    .extend({ hours: timeWindowSchema.nullable().optional(), sameDayCutoff: timeOfDaySchema.nullable().optional(), phone: phoneSchema.nullable().optional(), stopsPerTruck: stopsPerTruckSchema.nullable().optional(), permittedStorageKg: permittedStorageKgSchema.nullable().optional() }),
).openapi('UpdateDepotRequest', { example: { address: '新北市板橋區文化路一段120號', hours: null, sameDayCutoff: '14:30' } });
export type UpdateDepotInput = z.infer<typeof updateDepotInputSchema>;

const vehicleFields = z.object({
  plate: z.string().trim().toUpperCase().regex(PLATE_PATTERN, 'VEHICLE.PLATE_INVALID'),
  capacityKg: z.number().int().min(1, 'VEHICLE.CAPACITY_INVALID').max(20_000, 'VEHICLE.CAPACITY_INVALID'),
  cylinderSlots: z.number().int().min(1, 'VEHICLE.SLOTS_INVALID').max(500, 'VEHICLE.SLOTS_INVALID'),
  depotId: refSchema,
  costPerKm: moneySchema.max(1_000),
  fixedCost: moneySchema.max(100_000),
});
export const createVehicleInputSchema = vehicleFields.openapi('CreateVehicleRequest', {
  example: { plate: 'KLZ-3301', capacityKg: 1500, cylinderSlots: 36, depotId: 'depot-zhonghe', costPerKm: 10, fixedCost: 1800 },
});
export type CreateVehicleInput = z.infer<typeof createVehicleInputSchema>;
export const updateVehicleInputSchema = someField(vehicleFields.partial()).openapi('UpdateVehicleRequest', { example: { capacityKg: 1800, cylinderSlots: 40 } });
export type UpdateVehicleInput = z.infer<typeof updateVehicleInputSchema>;

/** The NT$ an hour a driver's cost may be set to (the form shows the same bounds). */
export const HOURLY_COST_RANGE = { min: 100, max: 2_000 } as const;

const driverFields = z.object({
  name: nameSchema,
  phone: phoneSchema,
  skills: z.array(z.enum(DRIVER_SKILLS)).max(DRIVER_SKILLS.length * 2).transform((s) => [...new Set(s)]),
  shift: timeWindowSchema,
  /** The driver's regular truck. */
  vehicleId: refSchema,
  addressedAs: z.string().trim().min(1, 'DRIVER.ADDRESSED_AS_INVALID').max(ADDRESSED_AS_MAX, 'DRIVER.ADDRESSED_AS_INVALID').optional(),
  safetyCertificate: safetyCertificateSchema.optional(),
  /** Whole NT$ an hour: under half the minimum wage or over eight times a driver's pay is a typo, not a cost. */
  hourlyCost: z
    .number('DRIVER.HOURLY_COST_INVALID')
    .int('DRIVER.HOURLY_COST_INVALID')
    .min(HOURLY_COST_RANGE.min, 'DRIVER.HOURLY_COST_INVALID')
    .max(HOURLY_COST_RANGE.max, 'DRIVER.HOURLY_COST_INVALID')
    .optional(),
});
export const createDriverInputSchema = driverFields.openapi('CreateDriverRequest', {
  example: { name: '蔡承恩', phone: '0933-456-789', skills: ['cylinder_50kg'], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-01', hourlyCost: 280 },
});
export type CreateDriverInput = z.infer<typeof createDriverInputSchema>;
/**
 * `safetyCertificate: null` removes the certificate (the driver may no longer record inspections), `hourlyCost: null`
 * the driver's own cost (planning uses its default again), `addressedAs: null` the 對客稱呼 (customers are told the name
 * derived from `name` again); an absent field is left as it is.
 */
export const updateDriverInputSchema = someField(
  driverFields.partial().extend({
    safetyCertificate: safetyCertificateSchema.nullable().optional(),
    hourlyCost: driverFields.shape.hourlyCost.unwrap().nullable().optional(),
    addressedAs: driverFields.shape.addressedAs.unwrap().nullable().optional(),
  }),
).openapi('UpdateDriverRequest', {
  example: { skills: ['cylinder_50kg', 'industrial'], safetyCertificate: { number: '北市消安字第 1120456 號', validUntil: '2028-06-30' }, hourlyCost: 300, addressedAs: '張簡師傅' },
});
export type UpdateDriverInput = z.infer<typeof updateDriverInputSchema>;

/** The whole fleet as one write sees it, so rules spanning records (unique plate, links) are checked together. */
export interface FleetSnapshot {
  readonly depots: readonly Depot[];
  readonly vehicles: readonly Vehicle[];
  readonly drivers: readonly Driver[];
}

/** Who changes a record, and when. */
export interface Stamp {
  readonly by: string;
  readonly at: Date;
}

const created = (s: Stamp) => ({ active: true, createdAt: s.at.toISOString(), createdBy: s.by, updatedAt: s.at.toISOString(), updatedBy: s.by });
const touched = (s: Stamp) => ({ updatedAt: s.at.toISOString(), updatedBy: s.by });

/** Deactivating twice changes nothing, so a retried request is harmless. */
function retired<T extends { active?: boolean | undefined }>(item: T, stamp: Stamp): T {
  return isActive(item) ? { ...item, active: false, ...touched(stamp) } : item;
}

function assertDepotInService(depotId: string, fleet: FleetSnapshot): void {
  const depot = fleet.depots.find((d) => d.id === depotId);
  if (!depot || !isActive(depot)) throw invalid('VEHICLE.DEPOT_UNAVAILABLE', `Depot ${depotId} is unknown or closed`, { path: 'depotId' });
}

/** A plate belongs to at most one truck in service; a retired truck's plate may be registered again. */
function assertPlateFree(plate: string, vehicleId: string, fleet: FleetSnapshot): void {
  const holder = fleet.vehicles.find((v) => v.plate === plate && v.id !== vehicleId && isActive(v));
  if (holder) throw conflict('VEHICLE.PLATE_TAKEN', `Plate ${plate} belongs to ${holder.id}`, { plate, vehicleId: holder.id });
}

function assertVehicleInService(vehicleId: string, fleet: FleetSnapshot): void {
  const vehicle = fleet.vehicles.find((v) => v.id === vehicleId);
  if (!vehicle || !isActive(vehicle)) throw invalid('DRIVER.VEHICLE_UNAVAILABLE', `Vehicle ${vehicleId} is unknown or retired`, { path: 'vehicleId' });
}

export function createDepot(id: string, input: CreateDepotInput, stamp: Stamp): Depot {
  return { id, ...input, ...created(stamp) };
}

export function updateDepot(depot: Depot, patch: UpdateDepotInput, stamp: Stamp): Depot {
  return { ...patched(depot, patch), ...touched(stamp) };
}

/** A depot closes only once no truck in service starts there. */
export function deactivateDepot(depot: Depot, fleet: FleetSnapshot, stamp: Stamp): Depot {
  const based = fleet.vehicles.filter((v) => v.depotId === depot.id && isActive(v)).map((v) => v.id);
  if (based.length > 0) throw conflict('DEPOT.HAS_ACTIVE_VEHICLES', `Depot ${depot.id} still has trucks in service`, { vehicleIds: based });
  return retired(depot, stamp);
}

export function createVehicle(id: string, input: CreateVehicleInput, fleet: FleetSnapshot, stamp: Stamp): Vehicle {
  assertDepotInService(input.depotId, fleet);
  assertPlateFree(input.plate, id, fleet);
  return { id, ...input, ...created(stamp) };
}

export function updateVehicle(vehicle: Vehicle, patch: UpdateVehicleInput, fleet: FleetSnapshot, stamp: Stamp): Vehicle {
  if (patch.depotId !== undefined && patch.depotId !== vehicle.depotId) assertDepotInService(patch.depotId, fleet);
  if (patch.plate !== undefined && isActive(vehicle)) assertPlateFree(patch.plate, vehicle.id, fleet);
  return { ...vehicle, ...patch, ...touched(stamp) };
}

/** A truck retires only once no driver in service has it as their regular truck. */
export function deactivateVehicle(vehicle: Vehicle, fleet: FleetSnapshot, stamp: Stamp): Vehicle {
  const regulars = fleet.drivers.filter((d) => d.vehicleId === vehicle.id && d.active).map((d) => d.id);
  if (regulars.length > 0) throw conflict('VEHICLE.HAS_ACTIVE_DRIVER', `Vehicle ${vehicle.id} is still driven by ${regulars.join(', ')}`, { driverIds: regulars });
  return retired(vehicle, stamp);
}

export function createDriver(id: string, input: CreateDriverInput, fleet: FleetSnapshot, stamp: Stamp): Driver {
  assertVehicleInService(input.vehicleId, fleet);
  return { id, ...input, ...created(stamp) };
}

export function updateDriver(driver: Driver, patch: UpdateDriverInput, fleet: FleetSnapshot, stamp: Stamp): Driver {
  if (patch.vehicleId !== undefined && patch.vehicleId !== driver.vehicleId) assertVehicleInService(patch.vehicleId, fleet);
  return { ...patched(driver, patch), ...touched(stamp) };
}

export function deactivateDriver(driver: Driver, stamp: Stamp): Driver {
  return retired(driver, stamp);
}

export const fleetMessages = {
  'FLEET.NOTHING_TO_CHANGE': { 'zh-TW': '請至少修改一個欄位', en: 'Change at least one field' },
  'VEHICLE.PLATE_INVALID': { 'zh-TW': '車牌格式不正確（例：KLA-1234）', en: 'Invalid plate (e.g. KLA-1234)' },
  'VEHICLE.CAPACITY_INVALID': { 'zh-TW': '載重須為 1–20000 公斤的整數', en: 'Capacity must be a whole number of kg between 1 and 20000' },
  'VEHICLE.SLOTS_INVALID': { 'zh-TW': '鋼瓶格位須為 1–500 的整數', en: 'Cylinder slots must be a whole number between 1 and 500' },
  'VEHICLE.PLATE_TAKEN': { 'zh-TW': '此車牌已屬於另一輛使用中的車輛', en: 'This plate belongs to another truck in service' },
  'DEPOT.STOPS_PER_TRUCK_INVALID': { 'zh-TW': '每車每日停靠數須為 1 到 200 的整數', en: 'Stops per truck a day must be a whole number from 1 to 200' },
  'DEPOT.PERMITTED_STORAGE_INVALID': { 'zh-TW': '許可儲存量須為 1 到 100,000 公斤的整數', en: 'The permitted storage must be a whole number of kg from 1 to 100,000' },
  'VEHICLE.DEPOT_UNAVAILABLE': { 'zh-TW': '站點不存在或已停用', en: 'The depot does not exist or is closed' },
  'VEHICLE.HAS_ACTIVE_DRIVER': { 'zh-TW': '仍有在職司機以此車為固定車輛，請先調整司機', en: 'Drivers in service still use this truck; reassign them first' },
  'DEPOT.HAS_ACTIVE_VEHICLES': { 'zh-TW': '此站點仍有使用中的車輛，請先移轉或停用', en: 'Trucks in service still start here; move or retire them first' },
  'DEPOT.CLOSED': { 'zh-TW': '此站點已停用', en: 'This depot is closed' },
  'DEPOT.LOCATION_REQUIRED': {
    'zh-TW': '請標出站點位置（依地址定位、在地圖上點選或填入座標）：每條路線由此出發、回到此處',
    en: "Give the depot's position (locate it from the address, click the map or type it): every route starts and ends there",
  },
  'DRIVER.HOURLY_COST_INVALID': {
    'zh-TW': `每小時成本須為 ${HOURLY_COST_RANGE.min}–${HOURLY_COST_RANGE.max} 元的整數`,
    en: `The hourly cost must be a whole number of NT$ between ${HOURLY_COST_RANGE.min} and ${HOURLY_COST_RANGE.max}`,
  },
  'DRIVER.VEHICLE_UNAVAILABLE': { 'zh-TW': '車輛不存在或已停用', en: 'The truck does not exist or is retired' },
  'DRIVER.ADDRESSED_AS_INVALID': {
    'zh-TW': `對客稱呼須為 1–${ADDRESSED_AS_MAX} 個字（留空則由姓名帶出，例：陳師傅）`,
    en: `How customers address the driver must be 1 to ${ADDRESSED_AS_MAX} characters (leave it empty to derive it from the name)`,
  },
} as const;
