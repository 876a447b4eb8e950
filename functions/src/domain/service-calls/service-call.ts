/**
 * 報修: a customer's call about their gas installation that is not an order — a gas smell (an emergency), a regulator
 * (調整器), hose (管線) or appliance problem, a request for a safety check (安檢). The office or the customer opens it, the
 * office sends a driver at an agreed time, and the driver closes it with what came of the visit.
 */
import { conflict, DomainError, notFound } from '../errors';
import { buildEvent, type Actor, type OutboxEntry } from '../events';
import { CONTACT_FOLLOWING_STATUSES, isCollectionOnly, type Order } from '../orders';
import { SAFETY_ITEMS, type SafetyItem } from '../safety/checklist';
import type { SupplyStop } from '../safety/due';
import { docIdSchema, instantSchema, z, type MessageCatalogue } from '../schema';
import { actorSchema } from '../users/user';

export const SERVICE_CALL_KINDS = ['gas_smell', 'regulator', 'hose', 'appliance', 'safety_check', 'other'] as const;
export type ServiceCallKind = (typeof SERVICE_CALL_KINDS)[number];

/** A gas smell may be a leak: the caller is told what to do at once and the office drops everything else. */
export const isUrgentKind = (kind: ServiceCallKind): boolean => kind === 'gas_smell';

export const SERVICE_CALL_STATUSES = ['open', 'assigned', 'closed'] as const;

/**
 * What the visit came to. `unsafe`: the installation cannot be used safely, so the driver stopped the supply (停止供氣)
 * and the customer is due a safety inspection before the next cylinder goes in.
 */
export const SERVICE_CALL_OUTCOMES = ['fixed', 'parts_replaced', 'follow_up', 'unsafe'] as const;

export const SERVICE_CALL_TEXT_MAX = 500;

export const openServiceCallInputSchema = z
  .object({
    customerId: docIdSchema,
    kind: z.enum(SERVICE_CALL_KINDS),
    description: z.string().trim().min(1).max(SERVICE_CALL_TEXT_MAX),
    /** Whether someone is there to let the driver in. */
    someoneHome: z.boolean(),
    /** When the caller would like the visit, in their words (「今天下午」); the office agrees the time when it assigns. */
    preferredTime: z.string().trim().max(60).optional(),
  })
  .openapi('OpenServiceCallRequest', {
    example: { customerId: 'cust-0001', kind: 'gas_smell', description: '廚房有瓦斯味，已關閉開關', someoneHome: true, preferredTime: '越快越好' },
  });
export type OpenServiceCallInput = z.infer<typeof openServiceCallInputSchema>;

export const assignServiceCallInputSchema = z
  .object({
    driverId: docIdSchema,
    /** When the driver is expected at the customer's. */
    scheduledAt: instantSchema,
  })
  .openapi('AssignServiceCallRequest', { example: { driverId: 'drv-1', scheduledAt: '2026-12-01T06:30:00.000Z' } });
export type AssignServiceCallInput = z.infer<typeof assignServiceCallInputSchema>;

export const closeServiceCallInputSchema = z
  .object({
    outcome: z.enum(SERVICE_CALL_OUTCOMES),
    note: z.string().trim().max(SERVICE_CALL_TEXT_MAX).optional(),
    /** The checklist items found unsafe; required with `unsafe`, they stay open on the customer's safety record. */
    unsafeItems: z.array(z.enum(SAFETY_ITEMS)).max(SAFETY_ITEMS.length).optional(),
    /** When it was closed at the customer's: a close the driver's phone queued without signal arrives later (see `closedAt`). */
    at: instantSchema.optional(),
  })
  // A stopped supply is told to the next inspector by what was wrong; parts or a follow-up need the words for the office.
  .refine((input) => input.outcome !== 'unsafe' || (input.unsafeItems ?? []).length > 0, { message: 'SERVICE_CALL.UNSAFE_ITEMS_REQUIRED', path: ['unsafeItems'] })
  .refine((input) => input.outcome === 'fixed' || input.outcome === 'unsafe' || (input.note ?? '') !== '', { message: 'SERVICE_CALL.NOTE_REQUIRED', path: ['note'] })
  .openapi('CloseServiceCallRequest', { example: { outcome: 'parts_replaced', note: '更換調整器一只' } });
export type CloseServiceCallInput = z.infer<typeof closeServiceCallInputSchema>;

/** The customer as the office and the driver need them on the call: who, where, a number to ring. */
export const serviceCallCustomerSchema = z.object({ code: z.string(), name: z.string(), address: z.string(), phone: z.string() });
export type ServiceCallCustomer = z.infer<typeof serviceCallCustomerSchema>;

export const serviceCallAssignmentSchema = z.object({
  driverId: z.string(),
  driverName: z.string(),
  /** The driver's 對客稱呼 when sent, which the customer is told instead of a name derived from `driverName`. */
  driverAddressedAs: z.string().optional(),
  scheduledAt: instantSchema,
  at: instantSchema,
  by: actorSchema,
});

export const serviceCallResultSchema = z.object({
  outcome: z.enum(SERVICE_CALL_OUTCOMES),
  note: z.string().optional(),
  unsafeItems: z.array(z.enum(SAFETY_ITEMS)).optional(),
  at: instantSchema,
  by: actorSchema,
});

/**
 * `serviceCalls/{id}`: one call. What the caller said is never edited; `driverId` (top level, for firestore.rules and the
 * driver's query) names the driver while it is theirs to visit, and stays on the closed call as who went.
 */
export const serviceCallSchema = openServiceCallInputSchema
  .extend({
    id: z.string().min(1),
    customer: serviceCallCustomerSchema,
    urgent: z.boolean(),
    status: z.enum(SERVICE_CALL_STATUSES),
    openedAt: instantSchema,
    openedBy: actorSchema,
    driverId: z.string().optional(),
    assignment: serviceCallAssignmentSchema.optional(),
    result: serviceCallResultSchema.optional(),
  })
  .openapi('ServiceCall');
export type ServiceCall = z.infer<typeof serviceCallSchema>;

export function openServiceCall(input: OpenServiceCallInput, ctx: { readonly id: string; readonly customer: ServiceCallCustomer; readonly by: Actor; readonly now: Date }): ServiceCall {
  return {
    id: ctx.id,
    customerId: input.customerId,
    customer: ctx.customer,
    kind: input.kind,
    urgent: isUrgentKind(input.kind),
    description: input.description,
    someoneHome: input.someoneHome,
    ...(input.preferredTime ? { preferredTime: input.preferredTime } : {}),
    status: 'open',
    openedAt: ctx.now.toISOString(),
    openedBy: ctx.by,
  };
}

function assertNotClosed(call: ServiceCall): void {
  if (call.status === 'closed') throw conflict('SERVICE_CALL.CLOSED', `Service call ${call.id} was closed at ${call.result?.at}`, { closedAt: call.result?.at });
}

/**
 * Sends a driver (again: the office may hand it to someone else until it is closed, and the first driver no longer sees it).
 * @throws `SERVICE_CALL.CLOSED` (409); `SERVICE_CALL.DRIVER_INACTIVE` (422) for a driver no longer in service.
 */
export function assignServiceCall(
  call: ServiceCall,
  input: AssignServiceCallInput,
  ctx: {
    readonly driver: { readonly id: string; readonly name: string; readonly addressedAs?: string | undefined; readonly active: boolean };
    readonly by: Actor;
    readonly now: Date;
  },
): ServiceCall {
  assertNotClosed(call);
  if (!ctx.driver.active) throw new DomainError('SERVICE_CALL.DRIVER_INACTIVE', 'precondition', `Driver ${ctx.driver.id} is not in service`, { path: 'driverId' });
  const { id, name, addressedAs } = ctx.driver;
  return {
    ...call,
    status: 'assigned',
    driverId: id,
    assignment: { driverId: id, driverName: name, ...(addressedAs ? { driverAddressedAs: addressedAs } : {}), scheduledAt: input.scheduledAt, at: ctx.now.toISOString(), by: ctx.by },
  };
}

/**
 * When a close happened: the time it says (the driver's phone, whose queue may send it long after, past midnight even),
 * held within the call's life, not before it was sent (or opened) nor after it arrived (a phone clock running ahead).
 */
function closedAt(call: ServiceCall, said: string | undefined, now: Date): string {
  const arrived = now.toISOString();
  const at = said ? new Date(said).toISOString() : arrived;
  const earliest = call.assignment?.at ?? call.openedAt;
  if (at > arrived) return arrived;
  return at < earliest ? earliest : at;
}

/**
 * Closes the call with what came of it: the assigned driver after the visit, or the office (a call settled on the
 * phone, a false alarm), as of when it says it was closed (`closedAt`). Another driver's call is "not found", like a
 * missing one.
 * @throws `SERVICE_CALL.NOT_FOUND` (404) for a driver the call is not assigned to; `SERVICE_CALL.CLOSED` (409).
 */
export function closeServiceCall(call: ServiceCall, input: CloseServiceCallInput, ctx: { readonly by: Actor; readonly driverId?: string | undefined; readonly now: Date }): ServiceCall {
  if (ctx.by.role === 'driver' && (call.status !== 'assigned' || call.driverId !== ctx.driverId)) {
    throw notFound('SERVICE_CALL.NOT_FOUND', `Service call ${call.id} is not assigned to driver ${ctx.driverId}`, { id: call.id });
  }
  assertNotClosed(call);
  const unsafeItems: SafetyItem[] = input.outcome === 'unsafe' ? [...new Set(input.unsafeItems ?? [])] : [];
  return {
    ...call,
    status: 'closed',
    result: {
      outcome: input.outcome,
      ...(input.note ? { note: input.note } : {}),
      ...(unsafeItems.length ? { unsafeItems } : {}),
      at: closedAt(call, input.at, ctx.now),
      by: ctx.by,
    },
  };
}

/** An order booked before the supply stopped that would still bring cylinders (`heldOrdersOf`), as the office is told of it. */
export type HeldOrder = Pick<Order, 'id' | 'status' | 'requestedDate'>;

/**
 * The customer's orders that would still bring cylinders to an installation just found unsafe: booked before the stop,
 * not yet delivered, not collection-only. A pending one can no longer be confirmed (`assertSupplyOpen`); one confirmed, on a
 * route or on the truck is not taken back by the system, whose driver may be at the door: the office decides (cancel it,
 * or make it 回收空瓶) and tells the driver, so the unsafe alert names them. Earliest day first.
 */
export const heldOrdersOf = (orders: readonly Order[]): HeldOrder[] =>
  orders
    .filter((o) => (CONTACT_FOLLOWING_STATUSES as readonly string[]).includes(o.status) && !isCollectionOnly(o))
    .map((o) => ({ id: o.id, status: o.status, requestedDate: o.requestedDate }))
    .sort((a, b) => a.requestedDate.localeCompare(b.requestedDate) || a.id.localeCompare(b.id));

/**
 * What the office must hear of at once, as alerts (警示) on the `system-alerts` topic, written with the call in its
 * transaction: an urgent call opened (critical: someone may be smelling a leak now), and a call closed with the supply
 * stopped (the office tells the customer what to fix and books the inspection, and decides on the `held` orders still
 * bringing cylinders, which the alert names). Nothing else about a call is announced: the office and the driver read
 * calls live.
 */
export function serviceCallAlerts(before: ServiceCall | null, after: ServiceCall, held: readonly HeldOrder[] = []): OutboxEntry[] {
  const alert = (suffix: string, type: string, severity: 'critical' | 'warning', at: string, by: Actor, extra: Record<string, unknown> = {}): OutboxEntry => ({
    topic: 'system-alerts',
    event: buildEvent({
      id: `${after.id}-${suffix}`,
      type,
      occurredAt: new Date(at),
      actor: by,
      subject: `serviceCalls/${after.id}`,
      sequence: 1,
      data: { severity, customerId: after.customerId, serviceCallId: after.id, kind: after.kind, ...extra },
    }),
  });
  if (before === null) return after.urgent ? [alert('urgent', 'system.service_call_urgent', 'critical', after.openedAt, after.openedBy)] : [];
  const closedUnsafe = before.status !== 'closed' && after.result?.outcome === 'unsafe';
  const orders = held.length > 0 ? { orders: held.map((o) => ({ ...o })) } : {};
  return closedUnsafe && after.result ? [alert('unsafe', 'system.service_call_unsafe', 'warning', after.result.at, after.result.by, orders)] : [];
}

/**
 * The customer's supply stop (停止供氣) once `call` is closed: a new one from an unsafe outcome (the call's Taipei day),
 * else none to write.
 */
export function supplyStopOf(call: ServiceCall, closedOn: string): SupplyStop | null {
  if (call.result?.outcome !== 'unsafe') return null;
  return { serviceCallId: call.id, since: closedOn, items: call.result.unsafeItems ?? [] };
}

export const serviceCallMessages: MessageCatalogue = {
  'SERVICE_CALL.NOT_FOUND': { 'zh-TW': '找不到這筆報修', en: 'Service call not found' },
  'SERVICE_CALL.CLOSED': { 'zh-TW': '這筆報修已經結案', en: 'This service call is already closed' },
  'SERVICE_CALL.DRIVER_INACTIVE': { 'zh-TW': '這位司機已停用，請改派其他司機', en: 'This driver is no longer in service; choose another' },
  'SERVICE_CALL.UNSAFE_ITEMS_REQUIRED': { 'zh-TW': '停止供氣時請勾選不安全的項目', en: 'Tick the items found unsafe when stopping the supply' },
  'SERVICE_CALL.NOTE_REQUIRED': { 'zh-TW': '請說明更換的零件或需要後續處理的事項', en: 'Say which parts were replaced or what needs following up' },
};
