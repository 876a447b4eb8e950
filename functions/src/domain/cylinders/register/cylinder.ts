/**
 * 容器管理: the register of individual cylinders by their stamped serial (鋼印號碼), where each one is, and its history.
 * `cylinders/{serial}` holds the cylinder with its derived deadline; `cylinders/{serial}/events/{id}` what happened to it.
 */
import { calendarDateSchema, instantSchema, z } from '../../schema';
import { actorSchema } from '../../users/user';
import { cylinderSizeSchema } from '../cylinder';
import { STOCK_STATES } from '../stock';
import { CYLINDER_MATERIALS, nextInspectionDue, retiresOn, type DeadlineFacts } from './deadline';

/** 鋼印號碼 as stamped: letters, digits and '-', 4–20 of them, kept upper-case (also the document id). */
export const serialSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{4,20}$/, 'CYLINDER.SERIAL_INVALID')
  .openapi({ description: '鋼印號碼: letters, digits and -, 4–20, upper-cased', example: 'TW20-123456' });

export const CYLINDER_STATUSES = ['inService', 'atInspection', 'scrapped'] as const;
export type CylinderStatus = (typeof CYLINDER_STATUSES)[number];

export const cylinderLocationSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('depot'), depotId: z.string() }),
    z.object({ kind: z.literal('customer'), customerId: z.string() }),
    z.object({ kind: z.literal('inspection'), station: z.string().optional() }),
    z.object({ kind: z.literal('scrapped') }),
  ])
  .openapi('CylinderLocation', { example: { kind: 'depot', depotId: 'depot-zhonghe' } });
export type CylinderLocation = z.infer<typeof cylinderLocationSchema>;

/** One string per place, for the list's `location` filter: `depot:<id>`, `customer:<id>`, `inspection`, `scrapped`. */
export function locationKey(l: CylinderLocation): string {
  switch (l.kind) {
    case 'depot':
      return `depot:${l.depotId}`;
    case 'customer':
      return `customer:${l.customerId}`;
    default:
      return l.kind;
  }
}

export const registeredCylinderSchema = z
  .object({
    serial: z.string(),
    size: cylinderSizeSchema,
    material: z.enum(CYLINDER_MATERIALS),
    factoryTestedOn: calendarDateSchema,
    /** Null when never re-inspected since the factory test. */
    lastInspectedOn: calendarDateSchema.nullable(),
    /** 檢驗期限, derived: the last day it may be filled and delivered. */
    nextInspectionDue: calendarDateSchema,
    /** Derived: the day it reaches its service life (steel 30 years, composite 20) and must be scrapped. */
    retiresOn: calendarDateSchema,
    status: z.enum(CYLINDER_STATUSES),
    location: cylinderLocationSchema,
    /** `locationKey(location)`, stored for the list's filter. */
    locationKey: z.string(),
    registeredAt: instantSchema,
    updatedAt: instantSchema,
  })
  .openapi('RegisteredCylinder', {
    example: {
      serial: 'TW20-123456',
      size: 20,
      material: 'steel',
      factoryTestedOn: '2012-04-10',
      lastInspectedOn: '2022-03-15',
      nextInspectionDue: '2027-03-15',
      retiresOn: '2042-04-10',
      status: 'inService',
      location: { kind: 'depot', depotId: 'depot-zhonghe' },
      locationKey: 'depot:depot-zhonghe',
      registeredAt: '2026-11-28T02:00:00.000Z',
      updatedAt: '2026-11-28T02:00:00.000Z',
    },
  });
export type RegisteredCylinder = z.infer<typeof registeredCylinderSchema>;

/** `transferred`: it stayed at a shop whose owner changed (過戶), and is the new owner's customer record's now. */
export const CYLINDER_EVENT_TYPES = ['registered', 'delivered', 'collected', 'sentToInspection', 'inspectionPassed', 'inspectionFailed', 'scrapped', 'moved', 'transferred'] as const;
export type CylinderEventType = (typeof CYLINDER_EVENT_TYPES)[number];

/** `cylinders/{serial}/events/{id}`: one thing that happened to the cylinder, by whom and when; never changed. */
export const cylinderEventSchema = z
  .object({
    id: z.string(),
    serial: z.string(),
    type: z.enum(CYLINDER_EVENT_TYPES),
    at: instantSchema,
    by: actorSchema,
    from: cylinderLocationSchema.nullable(),
    to: cylinderLocationSchema,
    orderId: z.string().optional(),
    customerId: z.string().optional(),
    station: z.string().optional(),
    inspectedOn: calendarDateSchema.optional(),
    reason: z.string().optional(),
    /** 移轉營業所: whether it went full or empty, as the office said (the depots' stock moved so). */
    state: z.enum(STOCK_STATES).optional(),
  })
  .openapi('CylinderEvent', {
    example: { id: 'dlv-0b7f2a4e2f7c4a619d6f', serial: 'TW20-123456', type: 'delivered', at: '2026-11-28T03:10:00.000Z', by: { uid: 'u-driver1', role: 'driver' }, from: { kind: 'depot', depotId: 'depot-zhonghe' }, to: { kind: 'customer', customerId: 'cust-0001' }, orderId: 'ord-1', customerId: 'cust-0001' },
  });
export type CylinderEvent = z.infer<typeof cylinderEventSchema>;

/** The cylinder as stored: the facts with the derived deadline, retirement day and location key worked out again. */
export function withDerived(
  c: DeadlineFacts & Pick<RegisteredCylinder, 'serial' | 'status' | 'location' | 'registeredAt' | 'updatedAt'>,
): RegisteredCylinder {
  return {
    serial: c.serial,
    size: c.size,
    material: c.material,
    factoryTestedOn: c.factoryTestedOn,
    lastInspectedOn: c.lastInspectedOn,
    nextInspectionDue: nextInspectionDue(c),
    retiresOn: retiresOn(c),
    status: c.status,
    location: c.location,
    locationKey: locationKey(c.location),
    registeredAt: c.registeredAt,
    updatedAt: c.updatedAt,
  };
}
