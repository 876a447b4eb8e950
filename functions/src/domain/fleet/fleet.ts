import { calendarDateSchema, docIdSchema, instantSchema, moneySchema, timeOfDaySchema, timeWindowSchema, z } from '../schema';
import { taiwanLocationSchema } from '../customers/address';
import type { CylinderSize } from '../cylinders';

/**
 * Who created and last changed a record. Absent on records the demo seed wrote; `active: false`
 * retires a depot or truck (absent means in service), because routes and orders keep their ids.
 */
const managedFields = {
  active: z.boolean().optional(),
  createdAt: instantSchema.optional(),
  createdBy: z.string().min(1).optional(),
  updatedAt: instantSchema.optional(),
  updatedBy: z.string().min(1).optional(),
};

/** `depots/{id}`: where vehicles start and end their day and refill. */
export const depotSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  address: z.string().min(1),
  location: taiwanLocationSchema,
  /**
   * When the yard is open for loading (Taipei times): trucks leave after it opens, reload and come
   * back before it closes. Unset: the drivers' shifts alone decide.
   */
  hours: timeWindowSchema.optional(),
  /**
   * From this Taipei time of day on, a customer can no longer order for today in the portal: the day's routes are planned
   * and loaded by then. Unset: no cut-off. Office staff still book today after it (they phone the driver).
   */
  sameDayCutoff: timeOfDaySchema.optional(),
  /** The number the depot's customers phone (the portal shows it where it asks them to call). */
  phone: z.string().min(1).optional(),
  /**
   * Stops one of its trucks makes in a day, which bounds the nightly suggestions put on a day (`placeByCapacity` in
   * domain/predictions/suggestion-days.ts). Unset: DEFAULT_STOPS_PER_TRUCK there.
   */
  stopsPerTruck: z.number().int().positive().max(200).optional(),
  /** 容器儲存場所 許可儲存量: the LPG (kg) the yard's permit allows, which 鋼瓶庫存 weighs its fulls against. Unset: not known. */
  permittedStorageKg: z.number().int().positive().optional(),
  ...managedFields,
});
export type Depot = z.infer<typeof depotSchema>;

/**
 * What anyone may read of a depot before signing in (忘記密碼, 開通帳號 say whom to phone, and the customer is not known
 * there): the name and the number, nothing else (no address, position or hours).
 */
export const depotContactSchema = z.object({ name: z.string().min(1), phone: z.string().min(1) });
export type DepotContact = z.infer<typeof depotContactSchema>;

/** The depots in service that have a phone, by name; each field copied by name so a new depot field never leaks here. */
export const depotContacts = (depots: readonly Depot[]): DepotContact[] =>
  depots
    .flatMap((d) => (isActive(d) && d.phone ? [{ name: d.name, phone: d.phone }] : []))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hant'));

/** Taiwanese plate, e.g. `KLA-1234` or `123-AB`. */
export const PLATE_PATTERN = /^[A-Z0-9]{2,4}-[A-Z0-9]{2,4}$/;

/** `vehicles/{id}`. */
export const vehicleSchema = z.object({
  id: z.string().min(1),
  plate: z.string().regex(PLATE_PATTERN),
  /** Payload limit in kg of full cylinders (gas plus steel). */
  capacityKg: z.number().int().positive(),
  /** How many cylinders fit standing in the rack, whatever their size. */
  cylinderSlots: z.number().int().positive(),
  depotId: docIdSchema,
  /** NT$ per km driven (fuel and wear). */
  costPerKm: moneySchema,
  /** NT$ for using the vehicle at all on a day. */
  fixedCost: moneySchema,
  ...managedFields,
});
export type Vehicle = z.infer<typeof vehicleSchema>;

/** What a driver may handle beyond household 20 kg deliveries. */
export const DRIVER_SKILLS = ['cylinder_50kg', 'industrial'] as const;
export type DriverSkill = (typeof DRIVER_SKILLS)[number];

/**
 * 安全技術人員合格證書: the certificate (from a registered training body) that lets a driver perform the 供氣安全檢查
 * of 消防法 §15-1 at customers; it is valid through `validUntil` (a Taipei calendar date).
 */
export const safetyCertificateSchema = z
  .object({
    number: z.string().trim().min(1).max(40),
    validUntil: calendarDateSchema,
  })
  .openapi('SafetyCertificate', { example: { number: '北市消安字第 1120456 號', validUntil: '2028-06-30' } });
export type SafetyCertificate = z.infer<typeof safetyCertificateSchema>;

/** The longest 對客稱呼 (a surname and 師傅, a nickname, a name in Latin letters), so a message stays one line. */
export const ADDRESSED_AS_MAX = 12;

/** `drivers/{id}`. */
export const driverSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  phone: z.string().min(1),
  skills: z.array(z.enum(DRIVER_SKILLS)),
  shift: z.object({ start: timeOfDaySchema, end: timeOfDaySchema }),
  vehicleId: docIdSchema,
  /**
   * 對客稱呼: what customers are told to expect at the door (報修通知), as written (張簡師傅, 阿明). Absent: derived from
   * `name` (`technicianName`), which cannot tell 張簡明 (張 簡明) from 張簡嘉宏 (張簡 嘉宏) by every name.
   */
  addressedAs: z.string().min(1).max(ADDRESSED_AS_MAX).optional(),
  /** Absent: the driver may not record safety inspections. */
  safetyCertificate: safetyCertificateSchema.optional(),
  /** NT$ an hour of the driver's day costs (pay and allowances), which route planning weighs against km. Absent: the planning default. */
  hourlyCost: moneySchema.optional(),
  ...managedFields,
  active: z.boolean(),
});
export type Driver = z.infer<typeof driverSchema>;

/** In service: not deactivated. Seeded depots and trucks carry no flag and are in service. */
export const isActive = (item: { readonly active?: boolean | undefined }): boolean => item.active !== false;

/** The weight of a full cylinder: gas plus the steel (tare) of that size. */
const TARE_KG: Readonly<Record<CylinderSize, number>> = { 4: 7, 10: 13, 16: 15, 20: 17, 50: 42 };

export const fullCylinderKg = (size: CylinderSize): number => size + TARE_KG[size];
