import { moneySchema, timeOfDaySchema, z } from '../schema';
import { taiwanLocationSchema } from '../customers/address';
import type { CylinderSize } from '../cylinders';

/** `depots/{id}`: where vehicles start and end their day and refill. */
export const depotSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  address: z.string().min(1),
  location: taiwanLocationSchema,
});
export type Depot = z.infer<typeof depotSchema>;

/** `vehicles/{id}`. */
export const vehicleSchema = z.object({
  id: z.string().min(1),
  /** Taiwanese plate, e.g. `KLA-1234` or `123-AB`. */
  plate: z.string().regex(/^[A-Z0-9]{2,4}-[A-Z0-9]{2,4}$/),
  /** Payload limit in kg of full cylinders (gas plus steel). */
  capacityKg: z.number().int().positive(),
  /** How many cylinders fit standing in the rack, whatever their size. */
  cylinderSlots: z.number().int().positive(),
  depotId: z.string().min(1),
  /** NT$ per km driven (fuel and wear). */
  costPerKm: moneySchema,
  /** NT$ for using the vehicle at all on a day. */
  fixedCost: moneySchema,
});
export type Vehicle = z.infer<typeof vehicleSchema>;

/** What a driver may handle beyond household 20 kg deliveries. */
export const DRIVER_SKILLS = ['cylinder_50kg', 'industrial'] as const;
export type DriverSkill = (typeof DRIVER_SKILLS)[number];

/** `drivers/{id}`. */
export const driverSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  phone: z.string().min(1),
  skills: z.array(z.enum(DRIVER_SKILLS)),
  shift: z.object({ start: timeOfDaySchema, end: timeOfDaySchema }),
  vehicleId: z.string().min(1),
  active: z.boolean(),
});
export type Driver = z.infer<typeof driverSchema>;

/** The weight of a full cylinder: gas plus the steel (tare) of that size. */
const TARE_KG: Readonly<Record<CylinderSize, number>> = { 4: 7, 10: 13, 16: 15, 20: 17, 50: 42 };

export const fullCylinderKg = (size: CylinderSize): number => size + TARE_KG[size];
