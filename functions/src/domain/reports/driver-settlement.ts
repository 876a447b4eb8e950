/**
 * Driver daily settlement (司機日結 / 收款對帳): every evening a driver hands the office the cash taken
 * at the door and the empties; the office checks them against what the stops recorded and writes
 * down what it received.
 */
import type { Deposit } from '../billing';
import { taipeiDate } from '../clock';
import { cylinderSizeSchema, deliveredAfterSettlement, sizeQuantityListSchema, sumBySize, unsettledOut, type SizeQuantity } from '../cylinders';
import { conflict, DomainError } from '../errors';
import type { Actor } from '../events';
import { isCollectionOnly, PAYMENT_METHODS, type Order } from '../orders';
import type { Route } from '../routes';
import { calendarDateSchema, docIdSchema, instantSchema, moneySchema, z, type MessageCatalogue } from '../schema';
import { actorSchema } from '../users/user';

/**
 * What the summary reads of an order: the fields the driver flow sets, nothing the driver cannot see. `failedAt`: for a
 * failed stop a route records, when it failed (the stop's outcome, its timeline entry's instant), which tells an order's
 * failures apart (配送失敗 says what came after each).
 */
export type SettlementOrder = Pick<
  Order,
  'id' | 'customerId' | 'customerName' | 'status' | 'driverId' | 'paymentMethod' | 'total' | 'items' | 'emptiesToCollect' | 'requestedDate' | 'failureReason' | 'failureNote' | 'delivery'
> & { readonly failedAt?: string };

/** `driverId` is a fleet id: the same limits as route and order ids in the API. */
const driverIdSchema = docIdSchema;

const failedStopSchema = z.object({
  orderId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  reason: z.string(),
  /** The driver's words beside a picked reason, when they added any. */
  note: z.string().optional(),
});
type FailedStop = z.infer<typeof failedStopSchema>;
/**
 * 補登: on a line of a delivery synced after its day was closed (關帳), the first open day its sale and deposits are
 * booked on (`delivery.bookedOn`): the line stays under the door day, where the cash was handed in, but the money is in
 * that day's books.
 */
const bookedOnField = { bookedOn: calendarDateSchema.optional() };

const uncollectedStopSchema = z.object({
  orderId: z.string(),
  customerName: z.string(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  total: moneySchema,
  ...bookedOnField,
});

/** A deposit (押金) the driver took in cash at a door with one of the day's deliveries. */
const doorDepositLineSchema = z.object({ orderId: z.string(), customerName: z.string(), size: cylinderSizeSchema, count: z.number().int(), amount: moneySchema, ...bookedOnField });

/** What the settlement reads of a deposit record written at a delivery. */
export type SettlementDeposit = Pick<Deposit, 'size' | 'count' | 'amount'> & { readonly orderId: string };

/** One driver's day as the stops recorded it. Quantities are by size, sizes ascending, zero sizes left out. */
export const driverDaySummarySchema = z
  .object({
    driverId: z.string(),
    driverName: z.string(),
    /** `collected`: collection-only stops done (回收空瓶: empties taken back, nothing delivered), not among `delivered`. */
    stops: z.object({ delivered: z.number().int(), failed: z.number().int(), collected: z.number().int() }),
    failed: z.array(failedStopSchema),
    cylindersDelivered: z.array(z.object({ size: z.number(), quantity: z.number().int() })),
    empties: z.object({
      /** What the delivered orders asked to take back: a failed stop has nothing to collect. */
      expected: z.array(z.object({ size: z.number(), quantity: z.number().int() })),
      collected: z.array(z.object({ size: z.number(), quantity: z.number().int() })),
    }),
    cash: z.object({
      /** The totals of delivered orders paid in cash at the door. */
      expected: moneySchema,
      collected: moneySchema,
      /** collected − expected: negative when the driver took less than the cash orders came to. */
      difference: z.number().int(),
    }),
    /** Delivered monthly-account and bank-transfer orders: nothing was due at the door. */
    notCollectedAtDoor: z.array(uncollectedStopSchema),
    /**
     * Deposits collected in cash at the day's deliveries, by order then size: cash to hand in besides the orders'
     * (`cash` is about the orders alone), held for the customer rather than earned.
     */
    deposits: z.object({ collected: moneySchema, lines: z.array(doorDepositLineSchema) }),
    /**
     * 補登: the cash taken at the door for deliveries synced after their day was closed, by order: counted in `cash` (it
     * was handed in that day), while the sale and its payment are in the books of `bookedOn`.
     */
    cashBookedLate: z.array(z.object({ orderId: z.string(), customerName: z.string(), amount: moneySchema, bookedOn: calendarDateSchema })),
  })
  .openapi('DriverDaySummary');
export type DriverDaySummary = z.infer<typeof driverDaySummarySchema>;

/** What the office posts: the cash (whole NT$) and, if counted, the empties the driver handed in. */
export const settlementInputSchema = z
  .object({
    date: calendarDateSchema,
    driverId: driverIdSchema,
    cashReceived: moneySchema,
    emptiesReceived: sizeQuantityListSchema.optional(),
    note: z.string().trim().max(200).default(''),
    /** The day is settled already and these values correct it (without it, other values are refused with 409). */
    replace: z.boolean().default(false),
  })
  .openapi('SettlementInput', {
    example: { date: '2030-01-15', driverId: 'drv-01', cashReceived: 4920, emptiesReceived: [{ size: 20, quantity: 6 }], note: '', replace: false },
  });
export type SettlementInput = z.infer<typeof settlementInputSchema>;

const settledValuesSchema = z.object({
  cashReceived: moneySchema,
  emptiesReceived: sizeQuantityListSchema.optional(),
  note: z.string(),
  by: actorSchema,
  at: instantSchema,
});

/** One stored `settlements/{date}_{driverId}`; `corrections` keeps the values each `replace` superseded, oldest first. */
export const settlementSchema = settledValuesSchema
  .extend({ id: z.string(), date: calendarDateSchema, driverId: z.string(), corrections: z.array(settledValuesSchema) })
  .openapi('Settlement');
export type Settlement = z.infer<typeof settlementSchema>;

/** A driver's row in the day's list: the summary, and what the office recorded, if anything yet. */
export const settlementRowSchema = driverDaySummarySchema
  .extend({
    settlement: settlementSchema.nullable(),
    /** cashReceived − (cash collected + deposits collected), once settled: what the driver handed in beyond (or short of) the stops. */
    handInDifference: z.number().int().nullable(),
    /** Who recorded the hand-in, by the name the team knows them by (the uid when the account is gone). */
    settledByName: z.string().nullable(),
    /**
     * 日結後補傳: fulls the day's stops delivered that the settlement did not take out of the stock (a phone uploaded them
     * after the hand-in was recorded), by size; empty while unsettled or when none. Recording the hand-in again (the same
     * values will do) takes them out and clears it.
     */
    deliveredAfterSettlement: sizeQuantityListSchema,
    /**
     * The stops of the driver's sent-out routes with no outcome recorded, and the fulls loaded for them: nothing came of
     * them, so the fulls come back to the yard (or the stops are recorded first). A driver whose stops all lack an
     * outcome has a row for this alone: truck loaded, nothing delivered, no cash.
     */
    undelivered: z.object({ stops: z.number().int(), cylinders: sizeQuantityListSchema }),
  })
  .openapi('DriverSettlementRow');
export type SettlementRow = z.infer<typeof settlementRowSchema>;

export const settlementId = (date: string, driverId: string): string => `${date}_${driverId}`;

/**
 * The Taipei day a driver handled an order on, if they did: a delivery counts on the day it was made (`delivery.at`),
 * a failed stop on the day it was planned for (`requestedDate`, the route's day), since failing records no time
 * on the order itself.
 */
export function handledDay(order: Pick<SettlementOrder, 'status' | 'requestedDate'> & { readonly delivery?: Pick<NonNullable<SettlementOrder['delivery']>, 'at'> }): string | undefined {
  if (order.status === 'delivered') return order.delivery ? taipeiDate(new Date(order.delivery.at)) : undefined;
  return order.status === 'failed' ? order.requestedDate : undefined;
}

/** Whether a driver handled an order on a Taipei day (`handledDay`). */
export const handledOn = (order: SettlementOrder, date: string): boolean => handledDay(order) === date;

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** What the failed-stop reconstruction reads of a route. */
export type SettlementRoute = Pick<Route, 'date' | 'driverId' | 'stops'>;

/** A route of the day as the settlement reads it: its stops, and whether it was sent out (not a draft) and on which truck. */
export type SettlementDayRoute = SettlementRoute & Pick<Route, 'status' | 'vehicleId'>;

/** What a day's settlement is worked out from: the orders handled (the store over-fetches) and the day's routes. */
export interface SettlementDayRecord {
  readonly orders: readonly SettlementOrder[];
  readonly routes: readonly SettlementDayRoute[];
}

/**
 * The stops the day's routes record as failed, each as its order stood when the driver failed it:
 * on the route's day, the route's driver, the reason the failure entry of its timeline gives. The
 * office usually reschedules a failed order within the day (failed → pending, off the route), and the
 * order itself then no longer says it failed; the route still does, so the evening settlement lists it.
 */
export function failedStops(routes: readonly SettlementRoute[], orders: ReadonlyMap<string, SettlementOrder & Pick<Order, 'timeline'>>): SettlementOrder[] {
  return routes.flatMap((route) =>
    route.stops.flatMap((stop) => {
      const order = orders.get(stop.orderId);
      if (stop.outcome?.status !== 'failed' || !order || !route.driverId) return [];
      const entry = order.timeline.findLast((e) => e.to === 'failed' && e.at === stop.outcome?.at);
      const { timeline: _timeline, failureNote, ...fields } = order;
      const note = entry ? entry.note : failureNote;
      return [
        {
          ...fields,
          status: 'failed' as const,
          driverId: route.driverId,
          requestedDate: route.date,
          failureReason: entry?.reason ?? order.failureReason ?? '',
          ...(note ? { failureNote: note } : {}),
          failedAt: stop.outcome.at,
        },
      ];
    }),
  );
}

/** The failed ones among a driver's orders of a day, by order id (one failed twice that day, in turn), each as its stop. */
export function failedOf(orders: readonly SettlementOrder[]): { order: SettlementOrder; stop: FailedStop }[] {
  return orders
    .filter((o) => o.status === 'failed')
    .sort((a, b) => byId(a, b) || (a.failedAt ?? '').localeCompare(b.failedAt ?? ''))
    .map((o) => ({ order: o, stop: { orderId: o.id, customerId: o.customerId, customerName: o.customerName, reason: o.failureReason ?? '', ...(o.failureNote ? { note: o.failureNote } : {}) } }));
}

/** The order's day booked late (補登), if it was: its deposits at the door were booked in the same transaction, on the same day. */
const bookedLate = (o: SettlementOrder) => (o.delivery?.bookedOn ? { bookedOn: o.delivery.bookedOn } : {});

function summarise(driverId: string, driverName: string, orders: readonly SettlementOrder[], deposits: readonly SettlementDeposit[]): DriverDaySummary {
  const delivered = orders.filter((o) => o.status === 'delivered').sort(byId);
  const depositLines = delivered.flatMap((o) =>
    deposits
      .filter((d) => d.orderId === o.id)
      .sort((a, b) => a.size - b.size)
      .map((d) => ({ orderId: o.id, customerName: o.customerName, size: d.size, count: d.count, amount: d.amount, ...bookedLate(o) })),
  );
  const failed = failedOf(orders);
  // A collection-only stop (回收空瓶) left nothing and charged nothing: a collection, no delivery nor amount to account for.
  const collections = delivered.filter((o) => isCollectionOnly(o)).length;
  const expected = delivered.filter((o) => o.paymentMethod === 'cash').reduce((sum, o) => sum + o.total, 0);
  const collected = delivered.reduce((sum, o) => sum + (o.delivery?.cashCollected ?? 0), 0);
  return {
    driverId,
    driverName,
    stops: { delivered: delivered.length - collections, failed: failed.length, collected: collections },
    failed: failed.map((f) => f.stop),
    cylindersDelivered: sumBySize(delivered.map((o) => o.delivery?.delivered ?? [])),
    empties: {
      expected: sumBySize(delivered.map((o) => o.emptiesToCollect)),
      collected: sumBySize(delivered.map((o) => o.delivery?.emptiesCollected ?? [])),
    },
    cash: { expected, collected, difference: collected - expected },
    notCollectedAtDoor: delivered
      .filter((o) => o.paymentMethod !== 'cash' && !isCollectionOnly(o))
      .map((o) => ({ orderId: o.id, customerName: o.customerName, paymentMethod: o.paymentMethod, total: o.total, ...bookedLate(o) })),
    deposits: { collected: depositLines.reduce((sum, d) => sum + d.amount, 0), lines: depositLines },
    cashBookedLate: delivered.flatMap((o) =>
      o.delivery?.bookedOn && o.delivery.cashCollected > 0 ? [{ orderId: o.id, customerName: o.customerName, amount: o.delivery.cashCollected, bookedOn: o.delivery.bookedOn }] : [],
    ),
  };
}

/** The stops of a driver's sent-out routes with no outcome yet, and the fulls loaded for them. */
function undeliveredOf(driverId: string, routes: readonly SettlementDayRoute[]): SettlementRow['undelivered'] {
  const own = routes.filter((r) => r.driverId === driverId && r.status !== 'draft');
  return {
    stops: own.reduce((n, r) => n + r.stops.filter((s) => s.outcome === undefined).length, 0),
    cylinders: unsettledOut([], own, true),
  };
}

/**
 * The day's rows, by driver id: every driver with a stop handled that day, a sent-out route (stops loaded, whatever came
 * of them) or a settlement recorded for it. `day.orders` may hold more than the day (the store over-fetches); only those
 * `handledOn` the day count.
 * A driver missing from `driverNames` (none should be: fleet records are never deleted) shows by id, and so
 * does whoever recorded a settlement when `userNames` lacks them. `deposits` are those collected at deliveries: each
 * counts for the driver and day of its order (one whose order is not among the day's deliveries does not count).
 * `booked` holds, per settled driver, the fulls the day's settlement movement took out of the stock (its `delivered`);
 * a settled driver missing from it (no movement: the depot was not known) shows nothing delivered after the settlement.
 */
export function settlementDay(
  date: string,
  day: SettlementDayRecord,
  driverNames: ReadonlyMap<string, string>,
  settlements: readonly Settlement[],
  userNames: ReadonlyMap<string, string> = new Map(),
  deposits: readonly SettlementDeposit[] = [],
  booked: ReadonlyMap<string, readonly SizeQuantity[]> = new Map(),
): SettlementRow[] {
  const byDriver = new Map<string, SettlementOrder[]>();
  for (const o of day.orders) {
    if (!o.driverId || !handledOn(o, date)) continue;
    byDriver.set(o.driverId, [...(byDriver.get(o.driverId) ?? []), o]);
  }
  const recorded = new Map(settlements.filter((s) => s.date === date).map((s) => [s.driverId, s]));
  const sentOut = day.routes.flatMap((r) => (r.driverId && r.status !== 'draft' ? [r.driverId] : []));
  const ids = [...new Set([...byDriver.keys(), ...sentOut, ...recorded.keys()])].sort();
  return ids.map((id) => {
    const summary = summarise(id, driverNames.get(id) ?? id, byDriver.get(id) ?? [], deposits);
    const settlement = recorded.get(id) ?? null;
    return {
      ...summary,
      settlement,
      handInDifference: settlement ? settlement.cashReceived - handInDue(summary) : null,
      settledByName: settlement ? (userNames.get(settlement.by.uid) ?? settlement.by.uid) : null,
      deliveredAfterSettlement: settlement ? deliveredAfterSettlement(summary.cylindersDelivered, booked.get(id) ?? summary.cylindersDelivered) : [],
      undelivered: undeliveredOf(id, day.routes),
    };
  });
}

/** The cash a driver should hand in for the day: what the orders took at the door and the deposits collected there. */
export const handInDue = (summary: { readonly cash: Pick<DriverDaySummary['cash'], 'collected'>; readonly deposits: Pick<DriverDaySummary['deposits'], 'collected'> }): number =>
  summary.cash.collected + summary.deposits.collected;

const sameEmpties = (a: readonly SizeQuantity[] | undefined, b: readonly SizeQuantity[] | undefined): boolean =>
  JSON.stringify(sumBySize([a ?? []])) === JSON.stringify(sumBySize([b ?? []])) && (a === undefined) === (b === undefined);

const sameValues = (s: Settlement, input: SettlementInput): boolean =>
  s.cashReceived === input.cashReceived && s.note === input.note && sameEmpties(s.emptiesReceived, input.emptiesReceived);

export interface RecordSettlementContext {
  /** What is stored for that day and driver already, if anything. */
  readonly existing: Settlement | undefined;
  /** Today in Taipei: nobody hands in tomorrow's cash. */
  readonly today: string;
  readonly by: Actor;
  readonly at: Date;
}

/**
 * The settlement to store. The same values again return the stored record unchanged (a repeat is harmless);
 * other values for a settled day need `replace`, which keeps the superseded ones in `corrections`.
 * @throws `SETTLEMENT.FUTURE_DATE` (precondition, path `date`), `SETTLEMENT.ALREADY_SETTLED` (conflict, the stored cash and who recorded it).
 */
export function recordSettlement(input: SettlementInput, ctx: RecordSettlementContext): Settlement {
  if (input.date > ctx.today) {
    throw new DomainError('SETTLEMENT.FUTURE_DATE', 'precondition', `Settlement for ${input.date}, after ${ctx.today}`, { path: 'date' });
  }
  const { existing } = ctx;
  if (existing && sameValues(existing, input)) return existing;
  if (existing && !input.replace) {
    throw conflict('SETTLEMENT.ALREADY_SETTLED', `${existing.id} is settled with ${existing.cashReceived}`, {
      cashReceived: existing.cashReceived,
      by: existing.by.uid,
    });
  }
  const corrections = existing
    ? [
        ...existing.corrections,
        {
          cashReceived: existing.cashReceived,
          ...(existing.emptiesReceived ? { emptiesReceived: existing.emptiesReceived } : {}),
          note: existing.note,
          by: existing.by,
          at: existing.at,
        },
      ]
    : [];
  return {
    id: settlementId(input.date, input.driverId),
    date: input.date,
    driverId: input.driverId,
    cashReceived: input.cashReceived,
    ...(input.emptiesReceived ? { emptiesReceived: sumBySize([input.emptiesReceived]) } : {}),
    note: input.note,
    by: ctx.by,
    at: ctx.at.toISOString(),
    corrections,
  };
}

export const settlementMessages: MessageCatalogue = {
  'SETTLEMENT.FUTURE_DATE': { 'zh-TW': '不可結算未來的日期', en: 'A day in the future cannot be settled' },
  'SETTLEMENT.ALREADY_SETTLED': {
    'zh-TW': '此司機當日已結算（已收 {cashReceived:money}）；要改動請以「更正」送出',
    en: 'This driver’s day is already settled ({cashReceived:money} received); send it as a correction to change it',
  },
};
