/**
 * What the office and the drivers do to registered cylinders, as pure steps over the cylinders read in one transaction.
 * A batch is all or nothing: every serial is judged first, and any refusal refuses the whole batch with the list of
 * what was wrong with which serial (`CYLINDER.BATCH_REFUSED`, 422), so the office fixes the list and sends it again.
 */
import { conflict, DomainError } from '../../errors';
import type { Actor } from '../../events';
import { calendarDateSchema, docIdSchema, z } from '../../schema';
import { cylinderSizeSchema } from '../cylinder';
import { STOCK_STATES } from '../stock';
import { CYLINDER_MATERIALS, mustScrap } from './deadline';
import { overdueRefusal } from './door';
import { serialSchema, withDerived, type CylinderEvent, type CylinderEventType, type CylinderLocation, type RegisteredCylinder } from './cylinder';

/** The most serials one request may carry: a truckload to the inspection station fits easily, and so does one transaction. */
export const MAX_BATCH = 500;

const depotIdSchema = docIdSchema;
const uniqueSerials = (serials: readonly string[]) => new Set(serials).size === serials.length;
const serialListSchema = z.array(serialSchema).min(1).max(MAX_BATCH).refine(uniqueSerials, 'CYLINDER.DUPLICATE_SERIAL');

export const newCylinderSchema = z
  .object({
    serial: serialSchema,
    size: cylinderSizeSchema,
    material: z.enum(CYLINDER_MATERIALS).default('steel'),
    factoryTestedOn: calendarDateSchema,
    /** The last periodic inspection, when the cylinder has had one (its 合格標示); absent or null: never re-inspected. */
    lastInspectedOn: calendarDateSchema.nullable().default(null),
  })
  .refine((c) => c.lastInspectedOn === null || c.lastInspectedOn >= c.factoryTestedOn, { message: 'CYLINDER.INSPECTED_BEFORE_FACTORY_TEST', path: ['lastInspectedOn'] });
export type NewCylinder = z.infer<typeof newCylinderSchema>;

export const registerCylindersInputSchema = z
  .object({
    /** Where the new cylinders stand. */
    depotId: depotIdSchema,
    cylinders: z
      .array(newCylinderSchema)
      .min(1)
      .max(MAX_BATCH)
      .refine((cs) => uniqueSerials(cs.map((c) => c.serial)), 'CYLINDER.DUPLICATE_SERIAL'),
  })
  .openapi('RegisterCylindersRequest', {
    example: {
      depotId: 'depot-zhonghe',
      cylinders: [
        { serial: 'TW20-123456', size: 20, material: 'steel', factoryTestedOn: '2012-04-10', lastInspectedOn: '2022-03-15' },
        { serial: 'TW50-000777', size: 50, material: 'steel', factoryTestedOn: '2024-06-01' },
      ],
    },
  });
export type RegisterCylindersInput = z.infer<typeof registerCylindersInputSchema>;

export const sendToInspectionInputSchema = z
  .object({ serials: serialListSchema, station: z.string().trim().min(1).max(60).optional() })
  .openapi('SendCylindersToInspectionRequest', { example: { serials: ['TW20-123456', 'TW50-000777'], station: '新北容器檢驗場' } });
export type SendToInspectionInput = z.infer<typeof sendToInspectionInputSchema>;

export const INSPECTION_OUTCOMES = ['passed', 'failed'] as const;

export const inspectionResultsInputSchema = z
  .object({
    /** Where the cylinders that passed come back to. */
    depotId: depotIdSchema,
    results: z
      .array(z.object({ serial: serialSchema, result: z.enum(INSPECTION_OUTCOMES), inspectedOn: calendarDateSchema }))
      .min(1)
      .max(MAX_BATCH)
      .refine((rs) => uniqueSerials(rs.map((r) => r.serial)), 'CYLINDER.DUPLICATE_SERIAL'),
  })
  .openapi('CylinderInspectionResultsRequest', {
    example: {
      depotId: 'depot-zhonghe',
      results: [
        { serial: 'TW20-123456', result: 'passed', inspectedOn: '2026-11-27' },
        { serial: 'TW50-000777', result: 'failed', inspectedOn: '2026-11-27' },
      ],
    },
  });
export type InspectionResultsInput = z.infer<typeof inspectionResultsInputSchema>;

export const scrapCylindersInputSchema = z
  .object({ serials: serialListSchema, reason: z.string().trim().min(1).max(200) })
  .openapi('ScrapCylindersRequest', { example: { serials: ['TW20-000123'], reason: '瓶身嚴重鏽蝕' } });
export type ScrapCylindersInput = z.infer<typeof scrapCylindersInputSchema>;

export const moveCylindersInputSchema = z
  .object({
    serials: serialListSchema,
    toDepotId: depotIdSchema,
    /** Full or empty: the depots' stock moves so. The register cannot tell (a cylinder is filled without it), so the office says. */
    state: z.enum(STOCK_STATES),
  })
  .openapi('MoveCylindersRequest', { example: { serials: ['TW20-123456'], toDepotId: 'depot-sanchong', state: 'empty' } });
export type MoveCylindersInput = z.infer<typeof moveCylindersInputSchema>;

/** What a delivery may name (driver app): the serials left at the customer and those taken back. */
export const deliveryCylinderSerialsSchema = z
  .object({ delivered: z.array(serialSchema).max(200).default([]), collected: z.array(serialSchema).max(200).default([]) })
  .refine((s) => uniqueSerials([...s.delivered, ...s.collected]), 'CYLINDER.DUPLICATE_SERIAL')
  .openapi('DeliveryCylinderSerials', { example: { delivered: ['TW20-123456'], collected: ['TW20-654321'] } });
export type DeliveryCylinderSerials = z.infer<typeof deliveryCylinderSerialsSchema>;

/** Why one serial of a batch cannot be done; `nextInspectionDue` for a deadline refusal. */
export interface SerialError {
  readonly serial: string;
  readonly code: string;
  readonly nextInspectionDue?: string;
}

/** A cylinder's next state and the event that records the change. */
export interface CylinderChange {
  readonly cylinder: RegisteredCylinder;
  readonly event: CylinderEvent;
}

export interface OperationContext {
  /** The event id: one operation writes one event per cylinder, so the operation's id is unique under each. */
  readonly id: string;
  readonly by: Actor;
  readonly now: Date;
  /** Today in Taipei. */
  readonly today: string;
}

type Step = (c: RegisteredCylinder) => SerialError | CylinderChange;
type EventDetail = Partial<Pick<CylinderEvent, 'orderId' | 'customerId' | 'station' | 'inspectedOn' | 'reason' | 'state'>>;

const refusal = (c: RegisteredCylinder, code: string): SerialError => ({ serial: c.serial, code });

/** The cylinder moved to `to` with the event that says so. */
function change(c: RegisteredCylinder, ctx: OperationContext, type: CylinderEventType, to: CylinderLocation, next: Partial<Pick<RegisteredCylinder, 'status' | 'lastInspectedOn'>>, detail: EventDetail = {}): CylinderChange {
  const at = ctx.now.toISOString();
  return {
    cylinder: withDerived({ ...c, ...next, location: to, updatedAt: at }),
    event: { id: ctx.id, serial: c.serial, type, at, by: ctx.by, from: c.location, to, ...detail },
  };
}

/** The code for a cylinder not standing at a depot in service, or null when it is. */
function notAtDepot(c: RegisteredCylinder): string | null {
  if (c.status === 'scrapped') return 'CYLINDER.SCRAPPED';
  if (c.status === 'atInspection') return 'CYLINDER.AT_INSPECTION';
  return c.location.kind === 'customer' ? 'CYLINDER.AT_CUSTOMER' : null;
}

const isChange = (r: SerialError | CylinderChange): r is CylinderChange => 'event' in r;

/**
 * Applies `step` to every serial, or to none.
 * @throws `CYLINDER.BATCH_REFUSED` (precondition) with `details.errors` (serial and code, in the order given) when any
 * serial is unregistered or refused.
 */
export function applyBatch(serials: readonly string[], current: ReadonlyMap<string, RegisteredCylinder>, step: Step): CylinderChange[] {
  const results = serials.map((serial) => {
    const c = current.get(serial);
    return c ? step(c) : { serial, code: 'CYLINDER.NOT_REGISTERED' };
  });
  const errors = results.filter((r): r is SerialError => !isChange(r));
  if (errors.length > 0) throw batchRefused(errors);
  return results.filter(isChange);
}

/** The serials quoted in a message: the first few, so the text stays readable for a long list. */
const listed = (serials: readonly string[]): string => (serials.length > 5 ? `${serials.slice(0, 5).join(', ')} …` : serials.join(', '));

export const batchRefused = (errors: readonly SerialError[]): DomainError =>
  new DomainError('CYLINDER.BATCH_REFUSED', 'precondition', `${errors.length} cylinders refused`, { count: errors.length, serialList: listed(errors.map((e) => e.serial)), errors });

/**
 * The new cylinders, at the depot, in service.
 * @throws `CYLINDER.ALREADY_REGISTERED` (conflict) listing the serials already on the register;
 * `CYLINDER.BATCH_REFUSED` for a factory test or inspection after today.
 */
export function registerCylinders(input: RegisterCylindersInput, existing: readonly string[], ctx: OperationContext): CylinderChange[] {
  if (existing.length > 0) throw conflict('CYLINDER.ALREADY_REGISTERED', `${existing.length} serials already registered`, { serials: existing, serialList: listed(existing) });
  const future = input.cylinders.filter((c) => c.factoryTestedOn > ctx.today || (c.lastInspectedOn ?? '') > ctx.today).map((c) => ({ serial: c.serial, code: 'CYLINDER.FUTURE_DATE' }));
  if (future.length > 0) throw batchRefused(future);
  const at = ctx.now.toISOString();
  const to: CylinderLocation = { kind: 'depot', depotId: input.depotId };
  return input.cylinders.map((n) => ({
    cylinder: withDerived({ ...n, status: 'inService', location: to, registeredAt: at, updatedAt: at }),
    event: { id: ctx.id, serial: n.serial, type: 'registered', at, by: ctx.by, from: null, to },
  }));
}

/** Off to the inspection station: only from a depot, in service, not yet at its service life (that one is scrapped). */
export const sendToInspection = (input: SendToInspectionInput, current: ReadonlyMap<string, RegisteredCylinder>, ctx: OperationContext): CylinderChange[] =>
  applyBatch(input.serials, current, (c) => {
    const code = notAtDepot(c) ?? (mustScrap(c, ctx.today) ? 'CYLINDER.PAST_SERVICE_LIFE' : null);
    if (code) return refusal(c, code);
    const to: CylinderLocation = input.station ? { kind: 'inspection', station: input.station } : { kind: 'inspection' };
    return change(c, ctx, 'sentToInspection', to, { status: 'atInspection' }, input.station ? { station: input.station } : {});
  });

/**
 * The station's verdicts: a pass starts a new period from the day inspected and brings the cylinder back to the depot;
 * a failure scraps it. Only cylinders at inspection; not on a day after today nor before the last inspection; a cylinder
 * that had reached its service life on that day cannot pass.
 */
export function recordInspectionResults(input: InspectionResultsInput, current: ReadonlyMap<string, RegisteredCylinder>, ctx: OperationContext): CylinderChange[] {
  const byResult = new Map(input.results.map((r) => [r.serial, r]));
  return applyBatch(
    input.results.map((r) => r.serial),
    current,
    (c) => {
      const r = byResult.get(c.serial);
      if (!r) return refusal(c, 'CYLINDER.NOT_REGISTERED');
      if (c.status === 'scrapped') return refusal(c, 'CYLINDER.SCRAPPED');
      if (c.status !== 'atInspection') return refusal(c, 'CYLINDER.NOT_AT_INSPECTION');
      if (r.inspectedOn > ctx.today) return refusal(c, 'CYLINDER.FUTURE_DATE');
      if (r.inspectedOn < (c.lastInspectedOn ?? c.factoryTestedOn)) return refusal(c, 'CYLINDER.INSPECTED_BEFORE_LAST');
      const station = c.location.kind === 'inspection' && c.location.station ? { station: c.location.station } : {};
      if (r.result === 'failed') return change(c, ctx, 'inspectionFailed', { kind: 'scrapped' }, { status: 'scrapped' }, { ...station, inspectedOn: r.inspectedOn });
      if (mustScrap(c, r.inspectedOn)) return refusal(c, 'CYLINDER.PAST_SERVICE_LIFE');
      return change(c, ctx, 'inspectionPassed', { kind: 'depot', depotId: input.depotId }, { status: 'inService', lastInspectedOn: r.inspectedOn }, { ...station, inspectedOn: r.inspectedOn });
    },
  );
}

/** 報廢: from a depot or the inspection station; a cylinder still at a customer has to be collected first. */
export const scrapCylinders = (input: ScrapCylindersInput, current: ReadonlyMap<string, RegisteredCylinder>, ctx: OperationContext): CylinderChange[] =>
  applyBatch(input.serials, current, (c) => {
    if (c.status === 'scrapped') return refusal(c, 'CYLINDER.SCRAPPED');
    if (c.location.kind === 'customer') return refusal(c, 'CYLINDER.AT_CUSTOMER');
    return change(c, ctx, 'scrapped', { kind: 'scrapped' }, { status: 'scrapped' }, { reason: input.reason });
  });

/** Between depots, full or empty as the office says: only cylinders in service at another depot. */
export const moveCylinders = (input: MoveCylindersInput, current: ReadonlyMap<string, RegisteredCylinder>, ctx: OperationContext): CylinderChange[] =>
  applyBatch(input.serials, current, (c) => {
    const code = notAtDepot(c) ?? (c.location.kind === 'depot' && c.location.depotId === input.toDepotId ? 'CYLINDER.ALREADY_THERE' : null);
    if (code) return refusal(c, code);
    return change(c, ctx, 'moved', { kind: 'depot', depotId: input.toDepotId }, {}, { state: input.state });
  });

export interface DeliveryContext extends OperationContext {
  readonly orderId: string;
  readonly customerId: string;
  /** The depot of the route: where collected cylinders go. */
  readonly depotId: string;
  /** The Taipei day the driver was at the door: the deadline is judged on it. */
  readonly day: string;
}

export interface DeliveryCylinders {
  readonly changes: CylinderChange[];
  /** Collected serials the register does not know as in service: nothing written, for the office to check. */
  readonly unknownSerials: string[];
}

/** Why a cylinder may not be left at a customer on `day`, or null when it may. */
function deliveryRefusal(c: RegisteredCylinder | undefined, serial: string, day: string): SerialError | null {
  if (!c) return { serial, code: 'CYLINDER.NOT_REGISTERED' };
  if (c.status !== 'inService') return { serial, code: 'CYLINDER.NOT_IN_SERVICE' };
  return overdueRefusal(c, day);
}

/**
 * A delivery's named cylinders: those left become the customer's (each registered, in service and within its deadline on
 * the day), those taken back go to the route's depot.
 * @throws the first refused serial's code (`CYLINDER.INSPECTION_OVERDUE`, `CYLINDER.NOT_REGISTERED`,
 * `CYLINDER.NOT_IN_SERVICE`; precondition) with its serial and every refusal in `details.errors`.
 */
export function deliverCylinders(serials: DeliveryCylinderSerials, current: ReadonlyMap<string, RegisteredCylinder>, ctx: DeliveryContext): DeliveryCylinders {
  const errors = serials.delivered.flatMap((s) => deliveryRefusal(current.get(s), s, ctx.day) ?? []);
  const first = errors[0];
  if (first) throw new DomainError(first.code, 'precondition', `Cylinder ${first.serial} may not be delivered`, { serial: first.serial, errors });
  const detail = { orderId: ctx.orderId, customerId: ctx.customerId };
  const delivered = serials.delivered.flatMap((s) => {
    const c = current.get(s);
    return c ? [change(c, { ...ctx, id: `dlv-${ctx.id}` }, 'delivered', { kind: 'customer', customerId: ctx.customerId }, {}, detail)] : [];
  });
  const collected = serials.collected.flatMap((s) => {
    const c = current.get(s);
    return c?.status === 'inService' ? [change(c, { ...ctx, id: `col-${ctx.id}` }, 'collected', { kind: 'depot', depotId: ctx.depotId }, {}, detail)] : [];
  });
  return { changes: [...delivered, ...collected], unknownSerials: serials.collected.filter((s) => current.get(s)?.status !== 'inService') };
}

/**
 * 過戶: the cylinders standing at the seller's shop stay where they are and are the new owner's from now on; no depot's
 * stock moves. Only those at a customer (the seller's, as read) change.
 */
export const transferAtCustomer = (cylinders: readonly RegisteredCylinder[], customerId: string, ctx: OperationContext): CylinderChange[] =>
  cylinders.filter((c) => c.location.kind === 'customer').map((c) => change(c, ctx, 'transferred', { kind: 'customer', customerId }, {}, { customerId }));
