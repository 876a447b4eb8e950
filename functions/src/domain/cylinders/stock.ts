/**
 * Cylinder stock per depot (鋼瓶庫存): full and empty cylinders of each size, changed only by movements.
 * Every movement keeps the change it made (`changes`), so the stock is the sum of its movements and a
 * correction can take back exactly what the movement it replaces did.
 */
import { DomainError } from '../errors';
import type { Actor } from '../events';
import { calendarDateSchema, instantSchema, z, type MessageCatalogue } from '../schema';
import { actorSchema } from '../users/user';
import { CYLINDER_SIZES, cylinderSizeSchema, sizeQuantityListSchema, sumBySize, type CylinderSize, type SizeQuantity } from './cylinder';

export const STOCK_STATES = ['full', 'empty'] as const;
export type StockState = (typeof STOCK_STATES)[number];

/**
 * A size's full and empty count in the yard and `atPlant` (在分裝場), the depot's cylinders out at the filling plant: sent
 * as empties, not yet back full or unfilled. In `changes`, what a movement added (negative: took away). `atPlant` is absent
 * at zero: stock and movements stored before the plant was counted hold none there.
 */
export const stockLineSchema = z
  .object({ size: cylinderSizeSchema, full: z.number().int(), empty: z.number().int(), atPlant: z.number().int().optional() })
  .openapi('CylinderStockLine');
export type StockLine = z.infer<typeof stockLineSchema>;

/** `cylinderStock/{depotId}`: every size, ascending, even at zero, so the office sees a size run out. */
export const depotStockSchema = z
  .object({
    depotId: z.string(),
    lines: z.array(stockLineSchema),
    /** The last movement applied and when: absent before the first. */
    lastMovementId: z.string().optional(),
    updatedAt: instantSchema.optional(),
  })
  .openapi('DepotCylinderStock');
export type DepotStock = z.infer<typeof depotStockSchema>;

export const emptyStock = (depotId: string): DepotStock => ({ depotId, lines: CYLINDER_SIZES.map((size) => ({ size, full: 0, empty: 0 })) });

const note = z.string().trim().max(200).default('');
const nonEmpty = (lines: readonly SizeQuantity[]) => lines.length > 0;

const manualKinds = [
  z.object({
    kind: z.literal('refill'),
    /**
     * Empties sent to the filling plant (分裝場), the fulls it sent back and the empties it sent back unfilled
     * (`emptiesReturned`): the three need not match. The sent wait at the plant (`atPlant`) until they come back, in this
     * movement or a later one; more back than out there is refused.
     */
    emptiesSent: sizeQuantityListSchema.default([]),
    fullsReceived: sizeQuantityListSchema.default([]),
    emptiesReturned: sizeQuantityListSchema.default([]),
    note,
  }),
  z.object({ kind: z.literal('purchase'), cylinders: sizeQuantityListSchema.refine(nonEmpty, 'STOCK.NOTHING_TO_MOVE'), note }),
  z.object({
    kind: z.literal('retire'),
    /** Scrapped or failed inspection: taken out of the fulls or the empties. */
    from: z.enum(STOCK_STATES),
    cylinders: sizeQuantityListSchema.refine(nonEmpty, 'STOCK.NOTHING_TO_MOVE'),
    note,
  }),
  z.object({
    kind: z.literal('count'),
    /**
     * 盤點: the figures counted for these sizes replace the stock; sizes left out keep theirs. `atPlant`, when given (the
     * plant's own figure of the depot's cylinders it holds), replaces the count at the plant, which the yard's count leaves alone.
     */
    counted: z
      .array(
        z.object({
          size: cylinderSizeSchema,
          full: z.number().int().min(0).max(100_000),
          empty: z.number().int().min(0).max(100_000),
          atPlant: z.number().int().min(0).max(100_000).optional(),
        }),
      )
      .min(1, 'STOCK.NOTHING_TO_MOVE')
      .max(CYLINDER_SIZES.length)
      .refine((lines) => new Set(lines.map((l) => l.size)).size === lines.length, 'CYLINDER.DUPLICATE_SIZE'),
    note,
  }),
] as const;

/** What the office posts; `settlement` movements come only from the driver settlement (司機日結). */
export const manualMovementInputSchema = z
  .discriminatedUnion('kind', manualKinds)
  .refine((m) => m.kind !== 'refill' || m.emptiesSent.length + m.fullsReceived.length + m.emptiesReturned.length > 0, { message: 'STOCK.NOTHING_TO_MOVE', path: ['fullsReceived'] })
  .openapi('CylinderMovementInput', { example: { kind: 'refill', emptiesSent: [{ size: 20, quantity: 28 }], fullsReceived: [{ size: 20, quantity: 14 }], emptiesReturned: [], note: '分裝場 A' } });
export type ManualMovementInput = z.infer<typeof manualMovementInputSchema>;

/** A driver's settled day: fulls out as delivered, empties in as handed in. */
const settlementDetailSchema = z.object({
  kind: z.literal('settlement'),
  date: calendarDateSchema,
  driverId: z.string(),
  delivered: z.array(z.object({ size: cylinderSizeSchema, quantity: z.number().int() })),
  emptiesIn: z.array(z.object({ size: cylinderSizeSchema, quantity: z.number().int() })),
  /** False when the office did not count the empties and `emptiesIn` is what the stops recorded collecting. */
  emptiesCounted: z.boolean(),
  note: z.string(),
});
export type SettlementDetail = z.infer<typeof settlementDetailSchema>;

/**
 * What the register (容器管理) moves at a depot when it sends cylinders to the inspection station, takes back those that
 * passed, or scraps some standing there: always empties, since a cylinder is emptied before inspection or scrapping and
 * one back from the station has still to be filled. `serials` name them; `note` is the station or the reason.
 * 移轉營業所 takes them out of one depot (`transferOut`, to `toDepotId`) and into another (`transferIn`, from
 * `fromDepotIds`) as full or empty (`state`): the register does not know which (a cylinder is filled without it), so the
 * office says.
 */
const registerFields = {
  cylinders: z.array(z.object({ size: cylinderSizeSchema, quantity: z.number().int().min(1) })),
  serials: z.array(z.string()),
  note: z.string(),
};
const registerDetailSchemas = [
  z.object({ kind: z.literal('toInspection'), ...registerFields }),
  z.object({ kind: z.literal('fromInspection'), ...registerFields }),
  z.object({ kind: z.literal('scrapped'), ...registerFields }),
  z.object({ kind: z.literal('transferOut'), ...registerFields, state: z.enum(STOCK_STATES), toDepotId: z.string() }),
  z.object({ kind: z.literal('transferIn'), ...registerFields, state: z.enum(STOCK_STATES), fromDepotIds: z.array(z.string()) }),
] as const;
export type RegisterMovementDetail = z.infer<(typeof registerDetailSchemas)[number]>;
export type MovementDetail = ManualMovementInput | SettlementDetail | RegisterMovementDetail;
export type MovementKind = MovementDetail['kind'];

const recordedFields = {
  id: z.string(),
  depotId: z.string(),
  by: actorSchema,
  at: instantSchema,
  /** The change this movement made to the stock, sizes with no change left out. */
  changes: z.array(stockLineSchema),
  /** How many times a correction replaced it (settlements only); `changes` are the latest. */
  revisions: z.number().int(),
  /**
   * Set when a correction moved it to this depot (the driver's truck changed depot after the day was settled): taken
   * back here, it keeps no `changes`, and the movement under the same id at that depot is the one that counts.
   */
  movedTo: z.string().optional(),
};

/** `cylinderStock/{depotId}/movements/{id}`: what was moved, by whom, and the change it made. */
export const stockMovementSchema = z
  .discriminatedUnion('kind', [
    manualKinds[0].extend(recordedFields),
    manualKinds[1].extend(recordedFields),
    manualKinds[2].extend(recordedFields),
    manualKinds[3].extend(recordedFields),
    settlementDetailSchema.extend(recordedFields),
    registerDetailSchemas[0].extend(recordedFields),
    registerDetailSchemas[1].extend(recordedFields),
    registerDetailSchemas[2].extend(recordedFields),
    registerDetailSchemas[3].extend(recordedFields),
    registerDetailSchemas[4].extend(recordedFields),
  ])
  .openapi('CylinderMovement');
export type StockMovement = z.infer<typeof stockMovementSchema>;

/** The lines of sizes the stock keeps (a summary may carry a size the business no longer stocks). */
const knownSizes = (lines: readonly { size: number; quantity: number }[]) => lines.filter((l): l is SizeQuantity => (CYLINDER_SIZES as readonly number[]).includes(l.size));

/** The movement a settled day makes: id by day and driver, so a day moves the stock once. */
export const settlementMovementId = (date: string, driverId: string): string => `settlement-${date}-${driverId}`;

/**
 * What a settled day moves: the fulls the stops delivered out, the empties the office counted in, or, when it
 * did not count them, the empties the stops recorded collecting (they came back to the yard either way).
 */
export function settlementDetail(
  settlement: { readonly date: string; readonly driverId: string; readonly emptiesReceived?: readonly SizeQuantity[] | undefined },
  day: { readonly cylindersDelivered: readonly { size: number; quantity: number }[]; readonly empties: { readonly collected: readonly { size: number; quantity: number }[] } },
): SettlementDetail {
  return {
    kind: 'settlement',
    date: settlement.date,
    driverId: settlement.driverId,
    delivered: sumBySize([knownSizes(day.cylindersDelivered)]),
    emptiesIn: sumBySize([settlement.emptiesReceived ?? knownSizes(day.empties.collected)]),
    emptiesCounted: settlement.emptiesReceived !== undefined,
    note: '',
  };
}

/**
 * The depot a driver's settled day moves stock at: the home depot of the truck on the driver's route that day
 * (the first route by id when there were several), else that route's depot, else, with no route (a day of
 * hand-ins only), the home depot of the driver's usual truck. Undefined only when none of them is known.
 */
export function settlementDepotId(
  routes: readonly { readonly id: string; readonly depotId: string; readonly vehicleId?: string | undefined }[],
  vehicles: readonly { readonly id: string; readonly depotId: string }[],
  driver: { readonly vehicleId: string },
): string | undefined {
  const homeOf = (vehicleId: string | undefined) => vehicles.find((v) => v.id === vehicleId)?.depotId;
  const first = [...routes].sort((a, b) => a.id.localeCompare(b.id))[0];
  return first ? (homeOf(first.vehicleId) ?? first.depotId) : homeOf(driver.vehicleId);
}

const lineOf = (lines: readonly StockLine[], size: CylinderSize): StockLine => lines.find((l) => l.size === size) ?? { size, full: 0, empty: 0 };
const atPlantOf = (lines: readonly StockLine[], size: CylinderSize): number => lineOf(lines, size).atPlant ?? 0;
const countOf = (lines: readonly SizeQuantity[], size: CylinderSize): number => lines.find((l) => l.size === size)?.quantity ?? 0;

/** A stock line, `atPlant` only when some are there. `+ 0` turns the -0 of a negated zero into 0, which is what Firestore and JSON should hold. */
const stockLine = (size: CylinderSize, full: number, empty: number, atPlant: number): StockLine =>
  atPlant !== 0 ? { size, full: full + 0, empty: empty + 0, atPlant } : { size, full: full + 0, empty: empty + 0 };

/** Per size, `f(size)`; sizes that come to no change left out. */
function changesBy(f: (size: CylinderSize) => { full: number; empty: number; atPlant?: number }): StockLine[] {
  return CYLINDER_SIZES.flatMap((size) => {
    const { full, empty, atPlant = 0 } = f(size);
    return full !== 0 || empty !== 0 || atPlant !== 0 ? [stockLine(size, full, empty, atPlant)] : [];
  });
}

/** The change a movement makes to `stock` (only a stocktake depends on what the stock holds). */
export function changesOf(detail: MovementDetail, stock: DepotStock): StockLine[] {
  switch (detail.kind) {
    case 'settlement':
      return changesBy((size) => ({ full: -countOf(detail.delivered, size), empty: countOf(detail.emptiesIn, size) }));
    case 'refill':
      return changesBy((size) => {
        const [sent, filled, unfilled] = [countOf(detail.emptiesSent, size), countOf(detail.fullsReceived, size), countOf(detail.emptiesReturned, size)];
        return { full: filled, empty: unfilled - sent, atPlant: sent - filled - unfilled };
      });
    case 'purchase':
      return changesBy((size) => ({ full: countOf(detail.cylinders, size), empty: 0 }));
    case 'retire':
      return changesBy((size) => ({ full: detail.from === 'full' ? -countOf(detail.cylinders, size) : 0, empty: detail.from === 'empty' ? -countOf(detail.cylinders, size) : 0 }));
    case 'toInspection':
    case 'scrapped':
      return changesBy((size) => ({ full: 0, empty: -countOf(detail.cylinders, size) }));
    case 'fromInspection':
      return changesBy((size) => ({ full: 0, empty: countOf(detail.cylinders, size) }));
    case 'transferOut':
    case 'transferIn': {
      const sign = detail.kind === 'transferOut' ? -1 : 1;
      return changesBy((size) => ({ full: detail.state === 'full' ? sign * countOf(detail.cylinders, size) : 0, empty: detail.state === 'empty' ? sign * countOf(detail.cylinders, size) : 0 }));
    }
    case 'count':
      return changesBy((size) => {
        const counted = detail.counted.find((l) => l.size === size);
        const now = lineOf(stock.lines, size);
        if (!counted) return { full: 0, empty: 0 };
        return { full: counted.full - now.full, empty: counted.empty - now.empty, atPlant: counted.atPlant === undefined ? 0 : counted.atPlant - atPlantOf(stock.lines, size) };
      });
  }
}

const minus = (a: readonly StockLine[], b: readonly StockLine[]): StockLine[] =>
  changesBy((size) => ({ full: lineOf(a, size).full - lineOf(b, size).full, empty: lineOf(a, size).empty - lineOf(b, size).empty, atPlant: atPlantOf(a, size) - atPlantOf(b, size) }));

export interface MovementContext {
  readonly id: string;
  readonly depotId: string;
  readonly by: Actor;
  readonly at: Date;
  /** The movement stored under `id` already, if any. */
  readonly previous: StockMovement | undefined;
  /** A settlement correction: `previous` is taken back and this one applied in its place. */
  readonly replace?: boolean;
}

export interface AppliedMovement {
  readonly stock: DepotStock;
  readonly movement: StockMovement;
  /** False when nothing is to be written: a retry of a stored movement, or a correction that changes nothing. */
  readonly changed: boolean;
}

/**
 * Movements recorded whatever the counts say, because the cylinders have left the yard: a driver's settled day, and the
 * register's cylinders sent to inspection or scrapped, each named by its serial where the register says it stood. A
 * transfer is not among them: whether the cylinders go full or empty is the office's word, and a depot with none of that
 * state on the books says the word is likely wrong.
 */
const RECORDED_BELOW_ZERO: readonly MovementKind[] = ['settlement', 'toInspection', 'scrapped'];

/** `stock` changed by `effect`, refused below zero except for a movement that happened anyway (see `applyMovement`). */
function linesAfter(stock: DepotStock, effect: readonly StockLine[], kind: MovementKind): StockLine[] {
  const lines = CYLINDER_SIZES.map((size) => {
    const now = lineOf(stock.lines, size);
    const change = lineOf(effect, size);
    return stockLine(size, now.full + change.full, now.empty + change.empty, atPlantOf(stock.lines, size) + atPlantOf(effect, size));
  });
  if (RECORDED_BELOW_ZERO.includes(kind)) return lines;
  for (const line of lines) {
    for (const state of STOCK_STATES) {
      const change = lineOf(effect, line.size)[state];
      if (change < 0 && line[state] < 0) {
        const have = line[state] - change;
        throw new DomainError(state === 'full' ? 'STOCK.NOT_ENOUGH_FULL' : 'STOCK.NOT_ENOUGH_EMPTY', 'conflict', `${stock.depotId} has ${have} ${state} ${line.size} kg, asked for ${-change}`, {
          size: line.size,
          have,
          asked: -change,
        });
      }
    }
  }
  return lines;
}

/**
 * Refuses a refill that brings back more of a size, full or unfilled, than is out at the filling plant once its own
 * empties sent are counted there: the plant can only send back the depot's own cylinders (new ones are a purchase).
 * @throws `STOCK.MORE_BACK_THAN_AT_PLANT` (precondition: the size, how many are out there, how many came back).
 */
function refuseMoreBackThanAtPlant(stock: DepotStock, refill: Extract<MovementDetail, { kind: 'refill' }>): void {
  for (const size of CYLINDER_SIZES) {
    const out = atPlantOf(stock.lines, size) + countOf(refill.emptiesSent, size);
    const back = countOf(refill.fullsReceived, size) + countOf(refill.emptiesReturned, size);
    if (back > out) {
      throw new DomainError('STOCK.MORE_BACK_THAN_AT_PLANT', 'precondition', `${stock.depotId} has ${out} ${size} kg at the filling plant, ${back} came back`, { size, have: out, asked: back });
    }
  }
}

/**
 * Applies a movement to a depot's stock. The same id again changes nothing and answers the stored movement
 * (a retried request, a settlement recorded twice); with `replace`, only the difference to the stored one is applied.
 * A count may not go below zero, except by a settlement or the register's cylinders sent to inspection or scrapped: what
 * the drivers delivered, and a cylinder the register names, has left the yard whatever the books said, so it is recorded
 * and the stock shows negative, which tells the office a movement (a refill, a purchase) was not recorded or a count is due. A stocktake sets the counts, so it never refuses.
 * @throws `STOCK.NOT_ENOUGH_FULL` / `STOCK.NOT_ENOUGH_EMPTY` (conflict: the size, what is there, what was asked),
 * `STOCK.MORE_BACK_THAN_AT_PLANT` (see `refuseMoreBackThanAtPlant`).
 */
export function applyMovement(stock: DepotStock, detail: MovementDetail, ctx: MovementContext): AppliedMovement {
  const { previous } = ctx;
  if (previous && !ctx.replace) return { stock, movement: previous, changed: false };
  if (detail.kind === 'refill') refuseMoreBackThanAtPlant(stock, detail);
  const changes = changesOf(detail, stock);
  const effect = previous ? minus(changes, previous.changes) : changes;
  const lines = linesAfter(stock, effect, detail.kind);
  const movement = { ...detail, id: ctx.id, depotId: ctx.depotId, by: ctx.by, at: ctx.at.toISOString(), changes, revisions: previous ? previous.revisions + 1 : 0 } as StockMovement;
  if (previous && effect.length === 0) return { stock, movement: previous, changed: false };
  return { stock: { depotId: ctx.depotId, lines, lastMovementId: ctx.id, updatedAt: movement.at }, movement, changed: true };
}

/**
 * A correction (`replace`) whose stored movement, `previous`, sits at another depot than `ctx.depotId`: the driver's
 * truck changed depot between the settlement and its correction. `previous` is taken back in full at its own depot
 * (`from`, that depot's stock), where it stays with no changes and `movedTo`, and the correction is applied in full to
 * `stock`, counting on from the stored revisions. Both results are to be written together.
 */
export function moveReplacedMovement(from: DepotStock, stock: DepotStock, detail: MovementDetail, ctx: MovementContext & { readonly previous: StockMovement }): { readonly taken: AppliedMovement; readonly applied: AppliedMovement } {
  const { previous } = ctx;
  const revisions = previous.revisions + 1;
  const at = ctx.at.toISOString();
  const taken: AppliedMovement = {
    stock: { depotId: from.depotId, lines: linesAfter(from, minus([], previous.changes), previous.kind), lastMovementId: previous.id, updatedAt: at },
    movement: { ...previous, by: ctx.by, at, changes: [], revisions, movedTo: ctx.depotId },
    changed: true,
  };
  const applied = applyMovement(stock, detail, { ...ctx, previous: undefined });
  return { taken, applied: { ...applied, movement: { ...applied.movement, revisions } } };
}

/**
 * A size's demand against the fulls in stock: `onTrucks` are fulls the stock still counts that left the yard today on the
 * routes (delivered, or loaded for a stop still to come) and come off the books only at the 司機日結; `unbooked` are
 * fulls the stock still counts that left before or beside them: the trucks of the days before today never settled (delivered, or loaded
 * for a stop with no outcome: where they are is not known) and deliveries uploaded after their day was settled
 * (日結後補傳); `shortfall` is how many more fulls the day needs (0 when covered).
 */
export const coverLineSchema = z
  .object({ size: cylinderSizeSchema, demand: z.number().int(), full: z.number().int(), onTrucks: z.number().int(), unbooked: z.number().int(), earlier: z.number().int(), shortfall: z.number().int() })
  .openapi('CylinderCoverLine');
export type CoverLine = z.infer<typeof coverLineSchema>;

/** A driver's day before today that is not settled and took fulls out: the cover counts them as gone (尚未日結). */
export const unsettledDaySchema = z
  .object({ date: calendarDateSchema, driverId: z.string(), driverName: z.string(), plates: z.array(z.string()), cylinders: sizeQuantityListSchema })
  .openapi('UnsettledDriverDay');
export type UnsettledDay = z.infer<typeof unsettledDaySchema>;

/** Fulls a settled day's stops delivered that its settlement did not take out of the stock: uploaded after it (日結後補傳). */
export const deliveredAfterSettlementSchema = z
  .object({ date: calendarDateSchema, driverId: z.string(), driverName: z.string(), cylinders: sizeQuantityListSchema })
  .openapi('DeliveredAfterSettlement');
export type DeliveredAfterSettlement = z.infer<typeof deliveredAfterSettlementSchema>;

/** What the cover reads of a driver's day (the 司機日結 row): the fulls the stops delivered, and whether it is settled. */
export interface DriverDayOut {
  readonly driverId: string;
  readonly cylindersDelivered: readonly { readonly size: number; readonly quantity: number }[];
  readonly settled: boolean;
}

/** What the cover reads of one of the day's routes. */
export interface RouteLoad {
  readonly driverId?: string | undefined;
  readonly vehicleId?: string | undefined;
  readonly status: string;
  readonly stops: readonly { readonly demand: readonly SizeQuantity[]; readonly outcome?: unknown }[];
}

/**
 * The fulls out of the yard that the stock still counts: a driver's deliveries leave the stock only when the day is settled
 * (司機日結, the `settlement` movement), so until then the books hold them. Per size: the fulls each driver whose day is not
 * settled delivered, and, with `loaded`, the stops still on those drivers' trucks (a route sent out, no outcome yet: its
 * fulls are loaded or will be today). A failed stop's fulls came back to the yard and count for nothing.
 */
export function unsettledOut(drivers: readonly DriverDayOut[], routes: readonly RouteLoad[], loaded: boolean): SizeQuantity[] {
  const settled = new Set(drivers.filter((d) => d.settled).map((d) => d.driverId));
  const delivered = drivers.filter((d) => !d.settled).map((d) => knownSizes(d.cylindersDelivered));
  const onTrucks = loaded
    ? routes
        .filter((r) => r.status !== 'draft' && !(r.driverId && settled.has(r.driverId)))
        .flatMap((r) => r.stops.filter((s) => s.outcome === undefined).map((s) => s.demand))
    : [];
  return sumBySize([...delivered, ...onTrucks]);
}

/**
 * The drivers of a day gone by whose day is not settled and took fulls out: what they delivered, and what was
 * loaded for the stops with no outcome on their routes, which may be on the truck or back in the yard uncounted. Each with
 * the trucks (`vehicleId`) they drove, by driver id.
 */
export function unsettledDays(drivers: readonly DriverDayOut[], routes: readonly RouteLoad[]): { driverId: string; vehicleIds: string[]; cylinders: SizeQuantity[] }[] {
  const ids = [...new Set([...drivers.map((d) => d.driverId), ...routes.flatMap((r) => (r.driverId && r.status !== 'draft' ? [r.driverId] : []))])].sort();
  return ids.flatMap((driverId) => {
    const day = drivers.find((d) => d.driverId === driverId) ?? { driverId, cylindersDelivered: [], settled: false };
    if (day.settled) return [];
    const own = routes.filter((r) => r.driverId === driverId);
    const cylinders = unsettledOut([day], own, true);
    const vehicleIds = [...new Set(own.filter((r) => r.status !== 'draft').flatMap((r) => (r.vehicleId ? [r.vehicleId] : [])))].sort();
    return cylinders.length > 0 ? [{ driverId, vehicleIds, cylinders }] : [];
  });
}

/**
 * Per size, the fulls a settled day's stops delivered beyond those its settlement movement took out of the stock
 * (`booked`, the movement's `delivered`): deliveries a phone uploaded after the day was settled (日結後補傳). They left
 * the yard, so the cover counts them out at once; the stock moves when the office records the hand-in again, which
 * works the movement out from the day's deliveries as they are then.
 */
export function deliveredAfterSettlement(delivered: readonly { size: number; quantity: number }[], booked: readonly { size: number; quantity: number }[]): SizeQuantity[] {
  const took = sumBySize([knownSizes(booked)]);
  return sumBySize([knownSizes(delivered)]).flatMap((l) => (l.quantity > countOf(took, l.size) ? [{ size: l.size, quantity: l.quantity - countOf(took, l.size) }] : []));
}

/**
 * Whether a day can be filled: the day's open order lines summed by size against the fulls on hand (every depot's
 * stock given) less `out`, the fulls that left the yard today which the stock still counts (`unsettledOut`), and
 * `unbooked`, those that left earlier or were uploaded after their day was settled, and `earlier`, the open orders of the
 * days between tomorrow and the day (the fulls go to them first: a day three days on is covered only if the two before
 * it leave it some), one line per size that is ordered, stocked or out. Negative stock counts as none on hand.
 */
export function dayCover(
  orderLines: readonly (readonly SizeQuantity[])[],
  stocks: readonly DepotStock[],
  out: readonly SizeQuantity[],
  unbooked: readonly SizeQuantity[] = [],
  earlierLines: readonly (readonly SizeQuantity[])[] = [],
): CoverLine[] {
  const demand = sumBySize(orderLines);
  const before = sumBySize(earlierLines);
  return CYLINDER_SIZES.flatMap((size) => {
    const wanted = countOf(demand, size);
    const full = stocks.reduce((sum, s) => sum + lineOf(s.lines, size).full, 0);
    const onTrucks = countOf(out, size);
    const gone = countOf(unbooked, size);
    const earlier = countOf(before, size);
    return wanted > 0 || full !== 0 || onTrucks > 0 || gone > 0 || earlier > 0
      ? [{ size, demand: wanted, full, onTrucks, unbooked: gone, earlier, shortfall: Math.max(0, wanted - Math.max(0, full - onTrucks - gone - earlier)) }]
      : [];
  });
}

/** An order the night would confirm on its own (an auto-delivery customer's suggestion): its day and cylinders. */
export interface StockClaim {
  readonly id: string;
  readonly requestedDate: string;
  readonly items: readonly SizeQuantity[];
}

/**
 * The claims the fulls cannot cover: the fulls of every depot less `taken` (what the cover takes off: out on the trucks,
 * gone unbooked, and the open orders that are already someone's, a size on any number of lines), given to the claims by
 * day, in the order given within a day, as 鋼瓶庫存 weighs the days; a claim a size is short for takes nothing. Null when
 * the books hold no stock (no depot ever recorded a movement): nothing is known to be short.
 */
export function claimsShortOfStock(claims: readonly StockClaim[], stocks: readonly DepotStock[], taken: readonly SizeQuantity[]): Set<string> | null {
  if (!stocks.some((s) => s.lastMovementId !== undefined)) return null;
  const took = sumBySize([taken]);
  const left = new Map(CYLINDER_SIZES.map((size) => [size, stocks.reduce((sum, s) => sum + lineOf(s.lines, size).full, 0) - countOf(took, size)]));
  const short = new Set<string>();
  const byDay = claims.map((claim, i) => ({ claim, i })).sort((a, b) => a.claim.requestedDate.localeCompare(b.claim.requestedDate) || a.i - b.i);
  for (const { claim } of byDay) {
    const wanted = sumBySize([claim.items]);
    if (wanted.some((line) => line.quantity > (left.get(line.size) ?? 0))) short.add(claim.id);
    else for (const line of wanted) left.set(line.size, (left.get(line.size) ?? 0) - line.quantity);
  }
  return short;
}

/** `{size}`, `{have}` and `{asked}` are filled in from the error's details. */
export const stockMessages: MessageCatalogue = {
  'STOCK.NOT_ENOUGH_FULL': {
    'zh-TW': '庫存不足：{size} 公斤實瓶只有 {have} 支，無法減少 {asked} 支',
    en: 'Not enough stock: {have} full {size} kg cylinder on hand, cannot take {asked} | Not enough stock: {have} full {size} kg cylinders on hand, cannot take {asked}',
    countedBy: 'have',
  },
  'STOCK.NOT_ENOUGH_EMPTY': {
    'zh-TW': '庫存不足：{size} 公斤空瓶只有 {have} 支，無法減少 {asked} 支',
    en: 'Not enough stock: {have} empty {size} kg cylinder on hand, cannot take {asked} | Not enough stock: {have} empty {size} kg cylinders on hand, cannot take {asked}',
    countedBy: 'have',
  },
  'STOCK.MORE_BACK_THAN_AT_PLANT': {
    'zh-TW': '{size} 公斤在分裝場只有 {have} 支（含這次送出的空瓶），收回實瓶與退回空瓶共 {asked} 支，超過在分裝場的數量；新瓶請記錄為「購入新瓶」',
    en: 'Only {have} {size} kg cylinder is at the filling plant (counting the empties sent now), so {asked} cannot come back from it; record new cylinders as a purchase | Only {have} {size} kg cylinders are at the filling plant (counting the empties sent now), so {asked} cannot come back from it; record new cylinders as a purchase',
    countedBy: 'have',
  },
  'STOCK.NOTHING_TO_MOVE': { 'zh-TW': '請至少填寫一個尺寸的數量', en: 'Enter a quantity for at least one size' },
};
