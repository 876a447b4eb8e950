import type { Actor } from '../events';
import { conflict, DomainError, forbidden, invalid } from '../errors';
import { calendarDateSchema, docIdSchema, instantSchema, latLngSchema, moneySchema, timeOfDaySchema, timeWindowSchema, z, type TimeWindow } from '../schema';
import { cylinderSizeSchema, sizeQuantityListSchema, type CylinderSize, type SizeQuantity } from '../cylinders';
import { assertCanOrder, CUSTOMER_TYPES, LOCATION_PRECISIONS, PAYMENT_TERMS, type Customer } from '../customers';
import { customerPriceList, priceFor, priceLines, type PriceList, type PricingTerm } from '../pricing';
import { actorSchema, isStaff } from '../users/user';
import { addDays, weekday } from '../calendar';
import { taipeiDateTime } from '../clock';
import { closingOn, closureDetails, closureOn, closuresFor, nextOpenDay, type ClosureList, type ClosurePeriod } from '../closures';
import { defaultEmpties } from './empties';
import { contactOf, deliveryPlaceOf } from './place';
import { ORDER_STATUSES, type OrderStatus } from './status';
import { supplyStopSourceOf } from '../safety/due';

export const PRIORITIES = ['normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PAYMENT_METHODS = PAYMENT_TERMS;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** Where an order came from: reports and the forecast treat suggested and recurring orders apart. */
export const ORDER_SOURCES = ['office', 'portal', 'recurring', 'forecast'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

/** The example customer is seeded by the demo data, so the example can be posted as it is. */
export const EXAMPLE_CUSTOMER_ID = 'cust-0001';

/**
 * 回收空瓶: an order with no cylinders to leave, only empties to take back (a customer who leaves or changes supplier).
 * It costs nothing and bills nothing (no invoice, no statement line, no 月報 revenue), and is not a refill to the forecast.
 */
export const isCollectionOnly = (order: Pick<Order, 'items'>): boolean => order.items.length === 0;

export const reasonSchema = z.string().trim().min(1).max(200);
/** The driver's words beside a failure's picked reason: blank is none. */
export const failureNoteSchema = z.string().trim().max(200);

/**
 * 緊急配送: office staff deliver this one order on a closure day anyway (a customer whose only cylinder ran out in a
 * typhoon), saying why. The closure stays for everyone else: the portal, recurring orders and suggestions are still refused.
 */
export const closureOverrideInputSchema = z
  .object({ reason: reasonSchema })
  .openapi('ClosureOverrideRequest', { example: { reason: '緊急配送：獨居長者瓦斯用完' } });
export type ClosureOverrideInput = z.infer<typeof closureOverrideInputSchema>;

const closureOverrideField = closureOverrideInputSchema.optional().openapi({
  description: 'Staff only: deliver on a closure day anyway (an emergency delivery), saying why. A customer is refused ORDER.BUSINESS_CLOSED as without it',
});

export const createOrderInputSchema = z
  .object({
    /** Required for office staff; a customer may omit it (or give their own), and a head office name a branch it pays for. */
    customerId: docIdSchema.optional(),
    /** Empty for a collection-only order (回收空瓶, staff only), which then needs `emptiesToCollect`. */
    items: sizeQuantityListSchema,
    /**
     * Absent: one empty back per full of a size, up to the customer's cylinders there of it (`defaultEmpties`).
     * An empty list says on purpose that nothing is taken back.
     */
    emptiesToCollect: sizeQuantityListSchema.optional().openapi({
      description: "Absent: one empty per cylinder ordered, per size, up to the customer's cylinders on site of that size; [] takes none back",
    }),
    /** Defaults to the customer's payment terms. */
    paymentMethod: z.enum(PAYMENT_METHODS).optional(),
    requestedDate: calendarDateSchema,
    timeWindow: timeWindowSchema.optional(),
    priority: z.enum(PRIORITIES).default('normal'),
    notes: z.string().max(500).default(''),
    closureOverride: closureOverrideField,
  })
  .refine((o) => o.items.length > 0 || (o.emptiesToCollect?.length ?? 0) > 0, { message: 'ORDER.NO_ITEMS', path: ['items'] })
  .openapi('CreateOrderRequest', {
    example: {
      customerId: EXAMPLE_CUSTOMER_ID,
      items: [{ size: 20, quantity: 2 }],
      emptiesToCollect: [{ size: 20, quantity: 2 }],
      paymentMethod: 'cash',
      requestedDate: '2030-01-15',
      timeWindow: { start: '09:00', end: '12:00' },
      priority: 'normal',
      notes: '請先電話聯絡',
    },
  });
export type CreateOrderInput = z.infer<typeof createOrderInputSchema>;

/** What a PATCH carries besides the fields it changes: the version it was made on, a 緊急配送's or a move's reason. */
const NOT_PATCH_FIELDS: readonly string[] = ['version', 'closureOverride', 'reason'];

/** Fields a PATCH may touch; which of them are allowed depends on the status (`EDITABLE_FIELDS`). */
export const updateOrderInputSchema = z
  .object({
    /** Empty makes the order collection-only (回收空瓶, staff only), which then needs empties to collect. */
    items: sizeQuantityListSchema,
    emptiesToCollect: sizeQuantityListSchema,
    requestedDate: calendarDateSchema,
    timeWindow: timeWindowSchema.nullable(),
    priority: z.enum(PRIORITIES),
    notes: z.string().max(500),
    paymentMethod: z.enum(PAYMENT_METHODS),
    /**
     * The order's `version` the caller's change was made on (their screen showed it). Given, the change is refused
     * (409 ORDER.CHANGED) once someone else changed the order since, so nobody overwrites what they never saw.
     */
    version: z.number().int().min(0),
    /** With `requestedDate` on a closure day: see `closureOverrideInputSchema`. */
    closureOverride: closureOverrideField,
    /**
     * With `requestedDate`: why the order moves, a code of notifications' RESCHEDULE_REASONS (`plant_shortage` …) or words
     * typed, kept on the timeline and told to the customer in their language (a pending order's too).
     */
    reason: reasonSchema,
  })
  .partial()
  .refine((p) => Object.keys(p).some((k) => !NOT_PATCH_FIELDS.includes(k)), 'ORDER.EMPTY_PATCH')
  .refine((p) => p.reason === undefined || p.requestedDate !== undefined, { message: 'ORDER.REASON_NEEDS_DATE', path: ['reason'] })
  .openapi('UpdateOrderRequest', { example: { items: [{ size: 20, quantity: 1 }], priority: 'urgent', version: 3 } });
export type UpdateOrderInput = z.infer<typeof updateOrderInputSchema>;

/**
 * `reason`: the code of one picked from a list (a customer's `still_have_gas` …, see notifications' CANCEL_REASONS),
 * which each reader sees in their own language, or words typed; `note`: anything more, kept on the timeline entry.
 */
export const cancelOrderInputSchema = z
  .object({ reason: reasonSchema, note: z.string().trim().max(200).optional() })
  .openapi('CancelOrderRequest', { example: { reason: 'still_have_gas', note: '下週再叫' } });

export const timelineEntrySchema = z.object({
  at: instantSchema,
  by: actorSchema,
  /** null for the entry that records creation. */
  from: z.enum(ORDER_STATUSES).nullable(),
  to: z.enum(ORDER_STATUSES),
  note: z.string().optional(),
  reason: z.string().optional(),
  /** An entry that records a move to another day with its reason (`from` and `to` the status it stayed in). */
  rescheduled: z.object({ from: calendarDateSchema, to: calendarDateSchema }).optional(),
  /**
   * A move's closure (休息日) it was moved off, the reason each reader sees in their language, as the customer was told;
   * `districts` when it held only there (颱風停班停課 of some districts), so a reader does not take it for the whole company's;
   * `closesAt` when the day only closed early (提早收工), which the customer was told, not that nobody delivers;
   * `lifted` on the move back to its day once the closure no longer held there (恢復配送).
   */
  closure: z
    .object({
      name: z.string(),
      from: calendarDateSchema,
      to: calendarDateSchema,
      districts: z.array(z.string()).optional(),
      closesAt: timeOfDaySchema.optional(),
      lifted: z.literal(true).optional(),
    })
    .optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const pricedLineSchema = z.object({
  size: cylinderSizeSchema,
  quantity: z.number().int().min(1),
  unitPrice: moneySchema,
  subtotal: moneySchema,
});

/** What the driver recorded at the door (may differ from what was ordered). */
export const deliveryRecordSchema = z.object({
  at: instantSchema,
  delivered: sizeQuantityListSchema,
  emptiesCollected: sizeQuantityListSchema,
  cashCollected: moneySchema,
  /**
   * Serials of the cylinders taken back that the register did not know as in service (容器管理), kept so the driver's
   * stop and the office's order still name them once the upload's answer is gone. Absent when there were none.
   */
  unknownCollectedSerials: z.array(z.string()).min(1).optional(),
  /**
   * 補登: the first open day, when the delivery's Taipei day was already in the closed books (關帳) as the stop reached the
   * server (a phone's offline queue syncing late). Its charge counts on this day (statements, balances, ageing, 月報) so
   * a closed month stays as sent; `at` keeps when it was delivered. Absent on every delivery booked on its own day.
   */
  bookedOn: calendarDateSchema.optional(),
});
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;

export const orderSchema = z
  .object({
    id: z.string().min(1),
    customerId: z.string().min(1),
    /** Copied from the customer (`contactOf`), and kept up with them while the order is to be delivered: drivers read orders but not customers. */
    customerName: z.string(),
    /**
     * The customer's type when ordered, so 月報 counts the order where it was taken even after the customer changes type.
     * Absent on orders written before it was kept: the report falls back to the customer's current type for those.
     */
    customerType: z.enum(CUSTOMER_TYPES).optional(),
    district: z.string(),
    address: z.string(),
    location: latLngSchema.optional(),
    /**
     * How exactly `location` was known when ordered (the customer's precision then): a stop at a road's or a district's
     * centre is marked on the route's plan and sheet so the office checks the pin. Absent on orders written before it was
     * kept, or without a location.
     */
    locationPrecision: z.enum(LOCATION_PRECISIONS).optional(),
    phone: z.string().optional(),
    /** Once delivered: what was left at the door, priced (see `deliverOrder`). Empty on a collection-only order (`isCollectionOnly`). */
    items: z.array(pricedLineSchema),
    /** The lines as ordered, kept when the delivery differed from them. */
    orderedItems: z.array(pricedLineSchema).optional(),
    emptiesToCollect: sizeQuantityListSchema,
    total: moneySchema,
    paymentMethod: z.enum(PAYMENT_METHODS),
    requestedDate: calendarDateSchema,
    timeWindow: timeWindowSchema.optional(),
    priority: z.enum(PRIORITIES),
    status: z.enum(ORDER_STATUSES),
    routeId: z.string().optional(),
    driverId: z.string().optional(),
    /** Planned arrival from the published route: customers cannot read routes, so it is copied here. */
    eta: instantSchema.optional(),
    /** Why the stop failed: a code of `FAILURE_REASONS` the driver picked, or the words typed when none fitted. */
    failureReason: z.string().optional(),
    /** The driver's own words beside a picked reason (「門口有狗，按電鈴沒人應」), when they added any. */
    failureNote: z.string().optional(),
    cancelReason: z.string().optional(),
    notes: z.string(),
    source: z.enum(ORDER_SOURCES),
    recurringRuleId: z.string().optional(),
    /** The rule's occurrences a recurring order delivers: two when a closure moved one onto another's day. */
    recurringDates: z.array(calendarDateSchema).optional(),
    delivery: deliveryRecordSchema.optional(),
    /**
     * 緊急配送: staff placed or moved the order onto a closure day anyway (who, when, why, which closure). Moving it off the
     * closure drops it; a closure's 全部移到休息前／後 leaves such an order where it is.
     */
    closureOverride: z.object({ reason: z.string(), by: actorSchema, at: instantSchema, closure: z.string() }).optional(),
    timeline: z.array(timelineEntrySchema).min(1),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    createdBy: actorSchema,
  })
  .openapi('Order');
export type Order = z.infer<typeof orderSchema>;

/** What decides whether an order may be asked for a day. */
export interface DeliveryDayContext {
  readonly customer: Pick<Customer, 'closedDays'>;
  /** The distributor's closures (at least those from today on): nobody delivers on them where they hold (`closuresFor`). */
  readonly closures: ClosureList;
  /**
   * The days closing early (提早收工, `closesAt`), wherever they hold: no hours after the closing are taken. Absent for the
   * jobs' own orders (recurring, suggested), which the closing's list of orders to move then names.
   */
  readonly earlyClosings?: ClosureList;
  readonly by: Pick<Actor, 'role'>;
  /** Now; its Taipei time of day is held against `sameDayCutoff`. */
  readonly at: Date;
  /** Today's date in Taipei; nothing can be ordered for an earlier day. */
  readonly today: string;
  /**
   * From this Taipei time of day (`HH:mm`) on, a customer can no longer ask for today: the cut-off of the depot that serves
   * the order's place (`sameDayCutoffFor`). Absent: no cut-off.
   */
  readonly sameDayCutoff?: string | undefined;
}

export interface CreateOrderContext extends DeliveryDayContext {
  readonly id: string;
  readonly customer: Customer;
  /** The list: the order is priced from it as the customer pays it (their 合約價). */
  readonly priceList: PriceList;
  /** The 合約價 terms the customer prices by (`pricingTerms`, a branch's with its head office's); their own when absent. */
  readonly contractTerms?: readonly PricingTerm[] | undefined;
  readonly by: Actor;
  readonly source: OrderSource;
  readonly recurringRuleId?: string;
  readonly recurringDates?: readonly string[];
}

/** The context as it holds where an order is delivered (`Order.district`): a closure of other districts does not stop it. */
const atPlace = <C extends Pick<DeliveryDayContext, 'closures'>>(ctx: C, district: string): C => ({ ...ctx, closures: closuresFor(ctx.closures, district) });

const openOn = (ctx: DeliveryDayContext, date: string): boolean => !closureOn(ctx.closures, date) && !ctx.customer.closedDays.includes(weekday(date));

/** The first day after today an order can be delivered. A year covers any closure; a customer closed all week gets tomorrow. */
function firstOpenDayAfterToday(ctx: DeliveryDayContext): string {
  let day = addDays(ctx.today, 1);
  for (let tries = 0; tries < 366 && !openOn(ctx, day); tries += 1) day = addDays(day, 1);
  return openOn(ctx, day) ? day : addDays(ctx.today, 1);
}

/** Whether today's orders have closed for customers at `at`: from the cut-off minute on. */
export const pastSameDayCutoff = (at: Date, cutoff: string | undefined): boolean => cutoff !== undefined && taipeiDateTime(at).slice(11, 16) >= cutoff;

/** Who may deliver on a closure day anyway: office staff, who answer the phone; never a customer or a job. */
export const mayOverrideClosure = (by: Pick<Actor, 'role'>): boolean => isStaff(by);

type ClosedDayContext = Pick<DeliveryDayContext, 'customer' | 'closures' | 'by'>;

/** ORDER.BUSINESS_CLOSED for a day `closure` holds, `ctx.closures` being those of the order's place. */
function businessClosed(closure: ClosurePeriod, ctx: ClosedDayContext): DomainError {
  // The caller is told the day to pick instead: the first after the closure this customer takes deliveries on.
  const reopens = nextOpenDay(ctx.closures, addDays(closure.to, 1), ctx.customer.closedDays) ?? addDays(closure.to, 1);
  return new DomainError('ORDER.BUSINESS_CLOSED', 'precondition', `Closed ${closure.from}–${closure.to} (${closure.name})`, {
    path: 'requestedDate',
    ...closureDetails(closure),
    reopens,
    // Staff are told they may deliver through it (緊急配送); nobody else may.
    audience: mayOverrideClosure(ctx.by) ? 'staff' : 'others',
  });
}

/** The closure an order on `date` is delivered through (緊急配送, `overriding` given by staff), else undefined. */
function assertDeliverableOn(date: string, ctx: DeliveryDayContext, overriding?: { readonly reason: string }): ClosurePeriod | undefined {
  const { today } = ctx;
  if (date < today) {
    throw invalid('ORDER.REQUESTED_DATE_IN_PAST', `Requested date ${date} is before ${today}`, { path: 'requestedDate' });
  }
  const closure = closureOn(ctx.closures, date);
  if (closure && !(overriding && mayOverrideClosure(ctx.by))) throw businessClosed(closure, ctx);
  if (ctx.customer.closedDays.includes(weekday(date))) {
    throw invalid('ORDER.CUSTOMER_CLOSED', `The customer is closed on ${date}`, { path: 'requestedDate' });
  }
  // Only a customer is held to it: the office books today after the cut-off (they phone the driver), and orders the system
  // places (recurring, suggested) are the distributor's own plan.
  if (date === today && ctx.by.role === 'customer' && pastSameDayCutoff(ctx.at, ctx.sameDayCutoff)) {
    throw new DomainError('ORDER.SAME_DAY_CLOSED', 'precondition', `Orders for today close at ${ctx.sameDayCutoff}`, {
      path: 'requestedDate',
      cutoff: ctx.sameDayCutoff,
      earliestDate: firstOpenDayAfterToday(ctx),
    });
  }
  return closure;
}

/**
 * A day closing early (除夕's half day) takes no hours past its closing where it holds: nobody delivers then. No window
 * (the customer's usual hours) is taken; planning ends that day's shifts at the closing.
 * @throws `ORDER.AFTER_CLOSING` (path `timeWindow`, the closing's `closesAt`, name and days)
 */
function assertWithinHours(date: string, window: TimeWindow | undefined, district: string, ctx: Pick<DeliveryDayContext, 'earlyClosings'>): void {
  const closing = closingOn(closuresFor(ctx.earlyClosings ?? [], district), date);
  if (closing && window && window.end > closing.closesAt) {
    throw new DomainError('ORDER.AFTER_CLOSING', 'precondition', `Deliveries on ${date} end at ${closing.closesAt} (${closing.name})`, {
      path: 'timeWindow',
      ...closureDetails(closing),
    });
  }
}

/**
 * The order's 緊急配送 record on `date`: `asked` (a new reason) is recorded as the caller's; without it the one the order
 * `kept` for that day stands. Undefined when the day is not closed.
 */
function closureOverrideOn(date: string, ctx: DeliveryDayContext & { readonly by: Actor }, asked: ClosureOverrideInput | undefined, kept?: Order['closureOverride']): Order['closureOverride'] {
  const closure = assertDeliverableOn(date, ctx, asked ?? kept);
  if (!closure) return undefined;
  if (!asked) return kept;
  return { reason: asked.reason, by: { uid: ctx.by.uid, role: ctx.by.role }, at: ctx.at.toISOString(), closure: closure.name };
}

/**
 * Confirming a pending order promises its day: on a day a closure holds where it is delivered, only one delivered through
 * it (緊急配送, its `closureOverride`) is confirmed; the others are moved off the closure, or marked, first. An order
 * confirmed or planned already is not asked again (taking one off its route is what a closed day needs).
 * @throws `ORDER.BUSINESS_CLOSED`, as a new order on that day is refused
 */
export function assertConfirmableOn(order: Pick<Order, 'status' | 'requestedDate' | 'district' | 'closureOverride'>, ctx: ClosedDayContext): void {
  if (order.status !== 'pending' || order.closureOverride) return;
  const here = atPlace(ctx, order.district);
  const closure = closureOn(here.closures, order.requestedDate);
  if (closure) throw businessClosed(closure, here);
}

/**
 * A customer pays at the door or on the terms the office gave them: choosing 月結 or 轉帳 themselves would be credit
 * nobody granted (the driver collects nothing and no ledger follows a cash customer's balance).
 */
function assertPaymentMethodFor(customer: Pick<Customer, 'paymentTerms'>, method: PaymentMethod, by: Pick<Actor, 'role'>): void {
  if (by.role === 'customer' && method !== 'cash' && method !== customer.paymentTerms) {
    throw invalid('ORDER.PAYMENT_METHOD_NOT_OFFERED', `A ${customer.paymentTerms} customer cannot choose ${method}`, { path: 'paymentMethod' });
  }
}

/**
 * 停止供氣: no cylinder goes to an installation a service call or an inspection found unsafe until a safety inspection passes (which lifts
 * `supplyStop`), whoever books or confirms it, a nightly job included. Taking the cylinders away is still allowed: it is
 * the safe thing, so a collection-only order (`isCollectionOnly`) is not held.
 * @throws `ORDER.SUPPLY_STOPPED`, naming since when and what was found unsafe
 */
export function assertSupplyOpen(customer: Pick<Customer, 'id' | 'supplyStop'>, order: { readonly items: readonly unknown[] }, by: Pick<Actor, 'role'>): void {
  const stop = customer.supplyStop;
  if (!stop || order.items.length === 0) return;
  const source = supplyStopSourceOf(stop);
  throw new DomainError('ORDER.SUPPLY_STOPPED', 'precondition', `Supply to ${customer.id} stopped on ${stop.since} by ${stop.inspectionId ?? stop.serviceCallId}`, {
    path: 'customerId',
    since: stop.since,
    items: stop.items,
    source,
    ...(stop.serviceCallId ? { serviceCallId: stop.serviceCallId } : {}),
    ...(stop.inspectionId ? { inspectionId: stop.inspectionId } : {}),
    // Staff arrange the inspection; a driver at the door is told what may still be done there; a customer that the company will call.
    audience: isStaff(by) ? 'staff' : by.role === 'driver' ? 'driver' : 'others',
  });
}

/**
 * A new pending order with server-side prices and its first timeline entry.
 * @throws `ORDER.COLLECTION_STAFF_ONLY` (a customer asking for empties only), `CUSTOMER.INACTIVE`, `ORDER.SUPPLY_STOPPED`, `ORDER.REQUESTED_DATE_IN_PAST`, `ORDER.BUSINESS_CLOSED`, `ORDER.CUSTOMER_CLOSED`, `ORDER.SAME_DAY_CLOSED`, `ORDER.AFTER_CLOSING`, `PRICE.NOT_FOUND`
 */
export function createOrder(input: CreateOrderInput, ctx: CreateOrderContext): Order {
  const { customer } = ctx;
  assertCanOrder(customer);
  // Taking cylinders back is the office's arrangement with a customer who leaves, not something to order online.
  if (input.items.length === 0 && !isStaff(ctx.by)) throw forbidden('ORDER.COLLECTION_STAFF_ONLY', 'Only staff arrange a collection-only order', { path: 'items' });
  assertSupplyOpen(customer, input, ctx.by);
  const closureOverride = closureOverrideOn(input.requestedDate, atPlace(ctx, customer.address.district), input.closureOverride);
  assertWithinHours(input.requestedDate, input.timeWindow, customer.address.district, ctx);
  const paymentMethod = input.paymentMethod ?? customer.paymentTerms;
  assertPaymentMethodFor(customer, paymentMethod, ctx.by);
  const { items, total } = priceLines(customerPriceList(ctx.priceList, ctx.contractTerms ?? customer.contractPrices), input.items, input.requestedDate);
  const at = ctx.at.toISOString();
  return {
    id: ctx.id,
    customerId: customer.id,
    ...contactOf(customer),
    customerType: customer.type,
    ...deliveryPlaceOf(customer),
    items,
    emptiesToCollect: input.emptiesToCollect ?? defaultEmpties(input.items, customer.cylindersOnSite),
    total,
    paymentMethod,
    requestedDate: input.requestedDate,
    ...(input.timeWindow ? { timeWindow: input.timeWindow } : {}),
    priority: input.priority,
    status: 'pending',
    notes: input.notes,
    source: ctx.source,
    ...(ctx.recurringRuleId ? { recurringRuleId: ctx.recurringRuleId } : {}),
    ...(ctx.recurringDates ? { recurringDates: [...ctx.recurringDates] } : {}),
    ...(closureOverride ? { closureOverride } : {}),
    timeline: [{ at, by: ctx.by, from: null, to: 'pending' }],
    createdAt: at,
    updatedAt: at,
    createdBy: ctx.by,
  };
}

type PatchField = Exclude<keyof UpdateOrderInput, 'version' | 'closureOverride' | 'reason'>;

/** The fields a PATCH changes (what its `order.updated` names), without the version it was made on or a reason. */
export const patchedFields = (patch: UpdateOrderInput): PatchField[] =>
  (Object.keys(patch) as (keyof UpdateOrderInput)[]).filter((f): f is PatchField => !NOT_PATCH_FIELDS.includes(f));

/** The same cylinders per size, whatever the order of the lines. */
export const sameLines = (a: readonly SizeQuantity[], b: readonly SizeQuantity[]): boolean =>
  a.length === b.length && a.every((i) => b.some((d) => d.size === i.size && d.quantity === i.quantity));

/** Whether the order already holds every field the patch sets: the caller's change is there (their retry, its answer lost). */
function holdsPatch(order: Order, patch: UpdateOrderInput): boolean {
  return patchedFields(patch).every((field) => {
    switch (field) {
      case 'items':
        return sameLines(order.items, patch.items ?? []);
      case 'emptiesToCollect':
        return sameLines(order.emptiesToCollect, patch.emptiesToCollect ?? []);
      case 'timeWindow':
        return JSON.stringify(patch.timeWindow ? { start: patch.timeWindow.start, end: patch.timeWindow.end } : null) ===
          JSON.stringify(order.timeWindow ? { start: order.timeWindow.start, end: order.timeWindow.end } : null);
      default:
        return order[field] === patch[field];
    }
  });
}

/** Whether a change moved the delivery to another day or other hours, what its customer expects us by. */
export function deliveryMoved(before: Pick<Order, 'requestedDate' | 'timeWindow'>, after: Pick<Order, 'requestedDate' | 'timeWindow'>): boolean {
  return before.requestedDate !== after.requestedDate || before.timeWindow?.start !== after.timeWindow?.start || before.timeWindow?.end !== after.timeWindow?.end;
}

/** Which fields a PATCH may change in which status: once on a route only the notes, after that nothing. */
export const EDITABLE_FIELDS: Readonly<Record<OrderStatus, readonly PatchField[]>> = {
  pending: ['items', 'emptiesToCollect', 'requestedDate', 'timeWindow', 'priority', 'notes', 'paymentMethod'],
  confirmed: ['items', 'emptiesToCollect', 'requestedDate', 'timeWindow', 'priority', 'notes', 'paymentMethod'],
  scheduled: ['notes'],
  out_for_delivery: [],
  delivered: [],
  failed: ['notes'],
  cancelled: [],
};

export interface PatchOrderContext extends DeliveryDayContext {
  readonly customer: Pick<Customer, 'id' | 'closedDays' | 'paymentTerms' | 'contractPrices' | 'supplyStop'>;
  /** The list: the order is priced from it as the customer pays it (their 合約價). */
  readonly priceList: PriceList;
  /** As `CreateOrderContext.contractTerms`. */
  readonly contractTerms?: readonly PricingTerm[] | undefined;
  readonly by: Actor;
  /** The closure a move of the day takes the order off (the closure's move), kept on the timeline entry as why. */
  readonly movedOff?: ClosurePeriod;
  /** The closure lifted where the order is delivered, whose move 恢復配送 undoes: kept on the timeline entry likewise. */
  readonly movedBack?: ClosurePeriod;
}

/**
 * Applies a PATCH; items or date changes re-price the order from the price list as the customer pays it. A patch made on an older `version`
 * than the order's is refused, unless the order already holds all it sets: then the order is answered as it is (the
 * same object, so nothing is written), as a retry of a change that went through must be.
 * @throws `ORDER.FIELD_NOT_EDITABLE` (conflict, with the offending fields) when the status forbids a field;
 * `ORDER.CHANGED` (conflict, with the order's version and status now) when someone changed the order since `patch.version`;
 * `ORDER.COLLECTION_STAFF_ONLY` (forbidden) when a customer makes it collection-only or changes the cylinders of one;
 * `ORDER.NO_ITEMS` when it would leave nothing to bring nor to take back.
 */
export function patchOrder(order: Order & { readonly version?: number }, patch: UpdateOrderInput, ctx: PatchOrderContext): Order {
  const allowed = EDITABLE_FIELDS[order.status];
  const notEditable = patchedFields(patch).filter((f) => !allowed.includes(f));
  if (notEditable.length > 0) {
    throw conflict('ORDER.FIELD_NOT_EDITABLE', `Cannot change ${notEditable.join(', ')} of a ${order.status} order`, {
      status: order.status,
      fields: notEditable,
    });
  }
  // Documents written outside the aggregate store (imports, fixtures) may lack a version: they count as 0 there too.
  const current = order.version ?? 0;
  if (patch.version !== undefined && patch.version !== current) {
    if (holdsPatch(order, patch)) return order;
    throw conflict('ORDER.CHANGED', `Order ${order.id} is at version ${current}, the change was made on ${patch.version}`, {
      id: order.id,
      version: current,
      status: order.status,
    });
  }
  if (patch.paymentMethod) assertPaymentMethodFor(ctx.customer, patch.paymentMethod, ctx.by);
  const requestedDate = patch.requestedDate ?? order.requestedDate;
  const here = atPlace(ctx, order.district);
  const closureOverride = patch.requestedDate
    ? closureOverrideOn(requestedDate, here, patch.closureOverride, requestedDate === order.requestedDate ? order.closureOverride : undefined)
    : order.closureOverride;
  if (patch.requestedDate !== undefined || patch.timeWindow !== undefined) {
    assertWithinHours(requestedDate, patch.timeWindow === null ? undefined : (patch.timeWindow ?? order.timeWindow), order.district, ctx);
  }
  // Today's loads are set at the cut-off: a customer changing the cylinders of an order for today after it is ordering
  // for today (the office still may, and phones the driver).
  if ((patch.items || patch.emptiesToCollect) && requestedDate === ctx.today && ctx.by.role === 'customer' && pastSameDayCutoff(ctx.at, ctx.sameDayCutoff)) {
    throw new DomainError('ORDER.SAME_DAY_CLOSED', 'precondition', `Orders for today close at ${ctx.sameDayCutoff}`, {
      path: patch.items ? 'items' : 'emptiesToCollect',
      cutoff: ctx.sameDayCutoff,
      earliestDate: firstOpenDayAfterToday(here),
    });
  }
  const lines = patch.items ?? order.items.map(({ size, quantity }) => ({ size, quantity }));
  // As on a new order, 回收空瓶 is the office's arrangement: a customer neither turns an order into one nor changes the
  // cylinders of one (what it takes back, or into a sale).
  if ((patch.items || patch.emptiesToCollect) && (lines.length === 0 || isCollectionOnly(order)) && !isStaff(ctx.by)) {
    throw forbidden('ORDER.COLLECTION_STAFF_ONLY', 'Only staff arrange a collection-only order', { path: patch.items ? 'items' : 'emptiesToCollect' });
  }
  // 停止供氣: new cylinders are refused as on a new order (a 回收空瓶 made into a sale, the recurring job adding to an order);
  // making the order collection-only is what the office does about one booked before the stop.
  if (patch.items) assertSupplyOpen(ctx.customer, { items: patch.items }, ctx.by);
  if (lines.length === 0 && (patch.emptiesToCollect ?? order.emptiesToCollect).length === 0) {
    throw invalid('ORDER.NO_ITEMS', 'A collection-only order needs empties to collect', { path: patch.emptiesToCollect ? 'emptiesToCollect' : 'items' });
  }
  const repriced = patch.items || patch.requestedDate ? priceLines(customerPriceList(ctx.priceList, ctx.contractTerms ?? ctx.customer.contractPrices), lines, requestedDate) : undefined;
  const { timeWindow, items: _unpriced, version: _seen, closureOverride: _asked, reason, ...rest } = patch;
  const { timeWindow: previousWindow, closureOverride: _kept, ...orderWithoutWindow } = order;
  const window = timeWindow === null ? undefined : (timeWindow ?? previousWindow);
  const at = ctx.at.toISOString();
  // The move's reason is what the customer is told and the office later asks about, so the timeline keeps it.
  const why = ctx.movedOff ?? ctx.movedBack;
  const movedOff = why && {
    name: why.name,
    from: why.from,
    to: why.to,
    ...(why.districts ? { districts: [...why.districts] } : {}),
    ...(why.closesAt ? { closesAt: why.closesAt } : {}),
    ...(ctx.movedBack ? { lifted: true as const } : {}),
  };
  const moved: TimelineEntry | undefined =
    (reason || movedOff) && requestedDate !== order.requestedDate
      ? {
          at,
          by: ctx.by,
          from: order.status,
          to: order.status,
          ...(reason ? { reason } : {}),
          ...(movedOff ? { closure: movedOff } : {}),
          rescheduled: { from: order.requestedDate, to: requestedDate },
        }
      : undefined;
  return {
    ...orderWithoutWindow,
    ...rest,
    ...(repriced ?? {}),
    ...(window ? { timeWindow: window } : {}),
    ...(closureOverride ? { closureOverride } : {}),
    ...(moved ? { timeline: [...order.timeline, moved] } : {}),
    updatedAt: at,
  };
}

/**
 * The orders a price posted later still re-prices. Once on a route the driver's sheet and the cash to collect are printed
 * and held on the phone, so a scheduled order keeps the price it was planned with.
 */
export const REPRICEABLE_STATUSES = ['pending', 'confirmed'] as const satisfies readonly OrderStatus[];

/**
 * The order with its lines of `size` priced from the list on its requested day, as if booked now: a price posted after
 * the order was taken applies to it too. `priceList` is the list as the order's customer pays it (`customerPriceList`).
 * The same object when no price moves or the order is past re-pricing.
 */
export function repriceOrder(order: Order, priceList: PriceList, size: CylinderSize, at: Date): Order {
  if (!(REPRICEABLE_STATUSES as readonly OrderStatus[]).includes(order.status)) return order;
  const items = order.items.map((line) => {
    const unitPrice = line.size === size ? priceFor(priceList, size, order.requestedDate) : line.unitPrice;
    return unitPrice === line.unitPrice ? line : { ...line, unitPrice, subtotal: unitPrice * line.quantity };
  });
  if (items.every((line, i) => line === order.items[i])) return order;
  return { ...order, items, total: items.reduce((sum, line) => sum + line.subtotal, 0), updatedAt: at.toISOString() };
}

/**
 * The order with every line priced from the list (as its customer pays it) on its requested day. An order back in planning (taken off its route, a
 * failed one rescheduled) has no printed sheet or cash to collect holding its price any more: it takes a price posted
 * while it was on a route, as the orders never on one did. A size the list has no price for that day keeps the price it
 * was taken at: taking an order off its route is never refused for want of one. The same object when no price moves.
 */
export const repriceAllLines = (order: Order, priceList: PriceList, at: Date): Order =>
  order.items.reduce(
    (priced, line) => (priceList.some((e) => e.size === line.size && e.effectiveFrom <= order.requestedDate) ? repriceOrder(priced, priceList, line.size, at) : priced),
    order,
  );
