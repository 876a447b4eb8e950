/**
 * 延長工時: a few days on which some or all drivers of a depot work past their regular shift (a 寒流's extra calls), kept as
 * its own record so the drivers' regular shifts stay as they are and nobody has to remember to put them back.
 */
import { daysBetween } from '../calendar';
import { calendarDateSchema, docIdSchema, timeOfDaySchema, z } from '../schema';
import { actorSchema } from '../users/user';
import type { Depot, Driver, Vehicle } from './fleet';

/** A cold wave lasts days, not weeks: a longer stretch is a new regular shift, changed on the driver. */
export const MAX_OVERTIME_DAYS = 14;

export const overtimeInputSchema = z
  .object({
    depotId: docIdSchema.describe("The depot whose drivers (by their regular truck's depot) work longer"),
    driverIds: z.array(docIdSchema).max(200).optional().describe("Only these drivers; absent or empty: every driver of the depot"),
    from: calendarDateSchema.describe('First day it holds'),
    to: calendarDateSchema.describe(`Last day it holds (at most ${MAX_OVERTIME_DAYS} days from \`from\`)`),
    end: timeOfDaySchema.describe("When the drivers' day ends instead (their shift's start stays)"),
    reason: z.string().trim().min(1).max(60).describe('Why, shown with the days: 寒流'),
  })
  .refine((o) => o.to >= o.from && daysBetween(o.from, o.to) < MAX_OVERTIME_DAYS, { message: 'OVERTIME.BAD_RANGE', path: ['to'] })
  .openapi('OvertimeInput', { example: { depotId: 'depot-zhonghe', from: '2030-01-15', to: '2030-01-17', end: '19:00', reason: '寒流' } });
export type OvertimeInput = z.infer<typeof overtimeInputSchema>;

export const overtimeSchema = z
  .object({
    id: z.string(),
    depotId: z.string(),
    /** Empty: every driver of the depot, those added later included. */
    driverIds: z.array(z.string()),
    from: calendarDateSchema,
    to: calendarDateSchema,
    end: timeOfDaySchema,
    reason: z.string(),
    createdBy: actorSchema,
    createdAt: z.string(),
  })
  .openapi('Overtime');
export type Overtime = z.infer<typeof overtimeSchema>;

export const overtimeMessages = {
  'OVERTIME.BAD_RANGE': { 'zh-TW': `結束日不可早於開始日，且最多 ${MAX_OVERTIME_DAYS} 天`, en: `The last day cannot be before the first, and it covers at most ${MAX_OVERTIME_DAYS} days` },
  'OVERTIME.END_BEFORE_START': { 'zh-TW': '延長後的下班時間須晚於司機的上班時間', en: "The new end of the day must be after the drivers' shift starts" },
  'OVERTIME.NO_DRIVERS': { 'zh-TW': '這個站點沒有這些司機', en: 'These drivers do not work at this depot' },
  'OVERTIME.NOT_FOUND': { 'zh-TW': '找不到這筆延長工時（可能已被刪除）', en: 'This overtime was not found (it may have been removed)' },
} as const;

/** The depot a driver works from: their regular truck's. */
const depotOfDriver = (driver: Pick<Driver, 'vehicleId'>, vehicles: readonly Pick<Vehicle, 'id' | 'depotId'>[]): string | undefined =>
  vehicles.find((v) => v.id === driver.vehicleId)?.depotId;

const covers = (o: Overtime, driver: Pick<Driver, 'id' | 'vehicleId'>, date: string, vehicles: readonly Pick<Vehicle, 'id' | 'depotId'>[]): boolean =>
  o.from <= date && date <= o.to && (o.driverIds.length > 0 ? o.driverIds.includes(driver.id) : depotOfDriver(driver, vehicles) === o.depotId);

/** When `driver`'s day ends on `date` under the overtimes covering it (the latest where several do); none: no overtime. */
export function overtimeEndOn(overtimes: readonly Overtime[], driver: Pick<Driver, 'id' | 'vehicleId'>, date: string, vehicles: readonly Pick<Vehicle, 'id' | 'depotId'>[]): string | undefined {
  return overtimes
    .filter((o) => covers(o, driver, date, vehicles))
    .map((o) => o.end)
    .sort()
    .at(-1);
}

/** `driver` working until `end`: a later end only, since overtime never shortens a regular day. */
export function driverWorkingUntil<D extends Pick<Driver, 'shift'>>(driver: D, end: string): D {
  return end > driver.shift.end ? { ...driver, shift: { start: driver.shift.start, end } } : driver;
}

/** A depot whose yard stays open until `end` for drivers on overtime; without yard hours the shifts alone decide. */
export function yardOpenUntil<D extends Pick<Depot, 'hours'>>(depot: D, end: string): D {
  return depot.hours && end > depot.hours.end ? { ...depot, hours: { start: depot.hours.start, end } } : depot;
}

/**
 * The drivers an overtime for `input` covers, refused when it names none of the depot's or ends before one of them starts
 * (an end at or before the shift's start is no working day at all).
 */
export function checkOvertime(input: Pick<OvertimeInput, 'depotId' | 'driverIds' | 'end'>, drivers: readonly Driver[], vehicles: readonly Vehicle[]): { ok: true } | { ok: false; code: keyof typeof overtimeMessages; driverIds: string[] } {
  const named = input.driverIds ?? [];
  const covered = drivers.filter((d) => d.active && depotOfDriver(d, vehicles) === input.depotId && (named.length === 0 || named.includes(d.id)));
  if (covered.length === 0 || covered.length < new Set(named).size) {
    const known = new Set(covered.map((d) => d.id));
    return { ok: false, code: 'OVERTIME.NO_DRIVERS', driverIds: named.filter((id) => !known.has(id)) };
  }
  const early = covered.filter((d) => input.end <= d.shift.start);
  return early.length > 0 ? { ok: false, code: 'OVERTIME.END_BEFORE_START', driverIds: early.map((d) => d.id) } : { ok: true };
}
