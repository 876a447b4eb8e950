/**
 * The pure half of the forecast pipeline: training with a time-based hold-out and the activation
 * decision, prediction documents, the feature rows a remote predictor sees, and the choice of
 * suggested orders. No I/O here.
 */
import { addDays, daysBetween } from '../../domain/calendar';
import { closureOn, closuresFor, companyClosures, openDayBy, type ClosureList } from '../../domain/closures';
import { expectedLoss, type Customer, type ValueAtStake } from '../../domain/customers';
import { DomainError } from '../../domain/errors';
import type { CylinderSize, SizeQuantity } from '../../domain/cylinders';
import { refillUnder, type DemandAdjustment } from '../../domain/predictions/demand-adjustment';
import type { DemandPredictor, FeatureRow, ModelRef, PredictionRow, PredictionSource } from '../../domain/predictions/port';
import { holdoutCases } from '../../forecasting/lpg/backtest';
import type { ChurnReason } from '../../forecasting/lpg/churn';
import type { QuantityRange } from '../../forecasting/lpg/quantity-model';
import { evaluate, type NextOrderMetrics } from '../../forecasting/lpg/evaluate';
import { fit, LPG_MODEL, predict, type ModelParams, type Prediction } from '../../forecasting/lpg/model';
import { CYLINDER_SIZES, type CustomerHistory, type CylinderCounts } from '../../forecasting/lpg/types';
import { dayNumber } from '../../forecasting/lpg/calendar';
import { closedDays, NO_CLOSURES, openOrderDay, type ClosedDays } from '../../forecasting/lpg/closures';
import { probabilityOrderBy } from '../../forecasting/lpg/order-date-distribution';
import { dailyDemand, OUTLOOK_DAYS, OUTLOOK_WEEKS, weeklyDemand, type CustomerOutlook, type WeekDemand } from '../../forecasting/lpg/weekly-demand';

/** Hyperparameters of a training run; stored with the model so it can be refitted on another window. */
export interface FitSettings {
  readonly recencyHalfLifeDays?: number;
  readonly changeThreshold?: number;
}

/** What the activation decision needs to know about the model currently serving. */
export interface Incumbent {
  readonly version: string;
  readonly codeVersion: string;
  readonly settings: FitSettings;
  readonly params: ModelParams;
}

export interface DataWindow {
  readonly from: string;
  readonly to: string;
  readonly customers: number;
  readonly deliveries: number;
  /** The candidate was evaluated after fitting on data up to here... */
  readonly holdoutFrom: string;
  /** ...on next-order questions asked weekly from `holdoutFrom` until here. */
  readonly holdoutTo: string;
  readonly holdoutCases: number;
}

export interface Decision {
  readonly activate: boolean;
  /**
   * `NO_ACTIVE_MODEL`, `NOT_WORSE` or `WORSE`; `ACTIVE_CHANGED` when it was not worse but another training
   * run switched the active version while this one trained (`activeAtCommit`).
   */
  readonly reason: 'NO_ACTIVE_MODEL' | 'NOT_WORSE' | 'WORSE' | 'ACTIVE_CHANGED';
  /** The metric compared: mean absolute error of the median next-order date on the hold-out, days. */
  readonly metric: 'maeDays';
  readonly candidate: number;
  readonly active: number | null;
  readonly activeVersion: string | null;
  /**
   * How the active model was scored: refitted with its own settings on the candidate's training
   * window (same code version: a fair comparison), or with its stored parameters (older code,
   * which may have seen the hold-out and so is favoured).
   */
  readonly activeScoredBy: 'refit' | 'stored-params' | null;
  /** With `ACTIVE_CHANGED`: the version active when this one was stored (null: none), which it was not compared with. */
  readonly activeAtCommit?: string | null;
}

export interface TrainingResult {
  /** Fitted on the whole window: what gets stored and served. */
  readonly params: ModelParams;
  readonly metrics: NextOrderMetrics;
  readonly activeMetrics: NextOrderMetrics | null;
  readonly window: DataWindow;
  readonly decision: Decision;
}

export interface TrainOptions {
  /** Last day of data (yesterday, usually). */
  readonly through: string;
  readonly holdoutDays: number;
  readonly settings: FitSettings;
  readonly incumbent: Incumbent | null;
  /** Closed days, so hold-out answers are scored as they would have been served. */
  readonly closed?: ClosedDays;
}

const HOLDOUT_STEP_DAYS = 7;

function sameSettings(a: FitSettings, b: FitSettings): boolean {
  return a.recencyHalfLifeDays === b.recencyHalfLifeDays && a.changeThreshold === b.changeThreshold;
}

/**
 * Fits on everything before the hold-out, scores next-order dates asked weekly inside it, then
 * refits on the whole window. The candidate is activated unless its hold-out error is larger than
 * the active model's on the very same questions.
 * @throws `MODEL.NOT_ENOUGH_HISTORY` when no customer ordered both before and inside the hold-out
 */
export function trainAndDecide(history: readonly CustomerHistory[], options: TrainOptions): TrainingResult {
  const holdoutFrom = addDays(options.through, -options.holdoutDays);
  const origins: string[] = [];
  for (let d = holdoutFrom; d < addDays(options.through, -HOLDOUT_STEP_DAYS); d = addDays(d, HOLDOUT_STEP_DAYS)) origins.push(d);
  const cases = origins.flatMap((origin) => holdoutCases(history, origin));
  if (cases.length === 0) {
    throw new DomainError('MODEL.NOT_ENOUGH_HISTORY', 'precondition', `No next-order questions in the hold-out from ${holdoutFrom}: too little history`, {
      holdoutFrom,
      customers: history.length,
    });
  }
  const fitBefore = (settings: FitSettings): ModelParams => fit(history, { ...settings, asOf: holdoutFrom });
  const closed = options.closed ?? NO_CLOSURES;
  const metrics = evaluate(fitBefore(options.settings), cases, closed);

  const incumbent = options.incumbent;
  let activeMetrics: NextOrderMetrics | null = null;
  let activeScoredBy: Decision['activeScoredBy'] = null;
  if (incumbent) {
    activeScoredBy = incumbent.codeVersion === LPG_MODEL.version ? 'refit' : 'stored-params';
    activeMetrics =
      activeScoredBy === 'stored-params'
        ? evaluate(incumbent.params, cases, closed)
        : sameSettings(incumbent.settings, options.settings)
          ? metrics
          : evaluate(fitBefore(incumbent.settings), cases, closed);
  }
  const worse = activeMetrics !== null && metrics.maeDays > activeMetrics.maeDays;
  const dates = history.flatMap((customer) => customer.deliveries.map((delivery) => delivery.date)).sort();
  return {
    params: fit(history, { ...options.settings, asOf: options.through }),
    metrics,
    activeMetrics,
    window: {
      from: dates[0] ?? options.through,
      to: options.through,
      customers: history.length,
      deliveries: dates.length,
      holdoutFrom,
      holdoutTo: options.through,
      holdoutCases: cases.length,
    },
    decision: {
      activate: !worse,
      reason: incumbent === null ? 'NO_ACTIVE_MODEL' : worse ? 'WORSE' : 'NOT_WORSE',
      metric: 'maeDays',
      candidate: metrics.maeDays,
      active: activeMetrics?.maeDays ?? null,
      activeVersion: incumbent?.version ?? null,
      activeScoredBy,
    },
  };
}

/**
 * The decision as it stands when the new version is stored, `activeNow` being the version active then (null:
 * none). It was made against `activeVersion`; if another run switched the active version meanwhile, the
 * comparison says nothing about the one serving now, which may be better, so the new version stays a candidate.
 */
export function decisionAtCommit(decision: Decision, activeNow: string | null): Decision {
  if (!decision.activate || activeNow === decision.activeVersion) return decision;
  return { ...decision, activate: false, reason: 'ACTIVE_CHANGED', activeAtCommit: activeNow };
}

/** A registry version: code version plus when it was trained, sortable, valid as a document id. */
export function modelVersion(trainedAt: Date, suffix: string): string {
  const stamp = trainedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${LPG_MODEL.version}+${stamp}-${suffix}`;
}

/** Where a served answer came from. */
export interface Provenance {
  readonly model: ModelRef;
  readonly source: PredictionSource;
}

/** Cylinders of one size in the next order: the expectation, and whole-cylinder quantiles when there is history. */
export interface ExpectedLine {
  readonly size: CylinderSize;
  readonly quantity: number;
  readonly range?: QuantityRange;
}

export interface PredictionDoc {
  readonly customerId: string;
  readonly customerName: string;
  readonly customerType: Customer['type'];
  /**
   * Where the customer is and the first number to call, so lists of predictions tell customers
   * with the same name apart and the office can phone them. Absent on documents stored before.
   */
  readonly customerDistrict?: string;
  readonly customerPhone?: string;
  readonly autoDelivery: boolean;
  readonly asOf: string;
  readonly computedAt: string;
  readonly lastDeliveryDate: string | null;
  readonly nextRefill: Provenance & {
    readonly p10: string;
    readonly p50: string;
    readonly p90: string;
    /** Latest delivery day that keeps the risk of running out at about 1 %. */
    readonly safeDeliveryDate: string;
    readonly expectedIntervalDays: number;
    /** The spread of the log interval: how far later orders may drift (the weekly outlook); absent on older documents. */
    readonly intervalLogSd?: number;
    readonly burnRateKgPerDay: number;
    readonly expectedQuantity: readonly ExpectedLine[];
    readonly ownHistoryWeight: number;
    readonly behaviourChangeDetected: boolean;
  };
  readonly churn: Provenance & {
    readonly risk: number;
    readonly reasons: readonly { readonly code: ChurnReason; readonly weight: number }[];
  };
  /**
   * What the customer used to buy a month (`valueAtStake`) and the NT$ a month expected to be lost, risk times it
   * (`expectedLoss`, unrounded): stored with the score (`withStake`) so the churn list ranks by one indexed query instead
   * of reading every listed customer's orders. Absent on documents stored before; the list values those from their orders.
   */
  readonly valueAtStake?: ValueAtStake | null;
  readonly expectedLoss?: number;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The tabular instance a remote model (Vertex AI) is asked about: what it could be trained on too. */
export function featureRow(customer: CustomerHistory, local: Prediction): FeatureRow {
  // Histories may list deliveries in any order.
  const known = customer.deliveries.filter((delivery) => delivery.date <= local.asOf).sort((a, b) => a.date.localeCompare(b.date));
  const dates = known.map((delivery) => delivery.date);
  const last = known.at(-1);
  return {
    customerId: customer.customerId,
    customerType: customer.type,
    asOf: local.asOf,
    month: Number(local.asOf.slice(5, 7)),
    deliveriesLastYear: dates.filter((date) => date > addDays(local.asOf, -365)).length,
    daysSinceLastDelivery: local.lastDeliveryDate === null ? null : daysBetween(local.lastDeliveryDate, local.asOf),
    lastDeliveryKg: last ? CYLINDER_SIZES.reduce((kg, size) => kg + size * (last.cylinders[size] ?? 0), 0) : null,
    capacityKg: CYLINDER_SIZES.reduce((kg, size) => kg + size * (customer.cylindersOnSite[size] ?? 0), 0),
  };
}

/** The answer row every predictor gives: days from the as-of date to the next order (and to the safe delivery day). */
export function answerRow(local: Prediction): PredictionRow {
  const days = (date: string): number => daysBetween(local.asOf, date);
  return {
    p10: days(local.nextOrderDate.p10),
    p50: days(local.nextOrderDate.p50),
    p90: days(local.nextOrderDate.p90),
    safe: days(local.safeDeliveryDate),
  };
}

/**
 * The local model as a `DemandPredictor` over one batch: its answers were computed with the
 * customers' full histories, which a feature row does not carry, so rows are looked up by customer.
 */
export function localDemandPredictor(model: ModelRef, byCustomer: ReadonlyMap<string, Prediction>): DemandPredictor {
  return {
    async predict(features) {
      const predictions = features.map((row) => {
        const local = byCustomer.get(String(row['customerId']));
        if (!local) throw new Error(`no local prediction for ${String(row['customerId'])}`);
        return answerRow(local);
      });
      return { predictions, model, source: 'local' };
    },
  };
}

/**
 * Combines a predictor's answer (dates, all from that one predictor: a remote answer is checked whole
 * by its adapter) with the local model's quantities and churn score, which only the local model gives.
 * The safe day is never later than the answer's p10 nor than the local model's safe day: that one is
 * capped at the 1 % run-out day of the gas on site, which a remote model does not see. A remote date on
 * a closed day moves to the last open day before it (the remote model knows nothing of closures, and
 * earlier is the safe side; the local model's dates are open already), which keeps the three in order.
 */
export function predictionDoc(
  customer: Pick<Customer, 'id' | 'name' | 'type' | 'autoDelivery' | 'phones'> & { readonly address: Pick<Customer['address'], 'district'> },
  local: Prediction,
  answer: { readonly row: PredictionRow; readonly provenance: Provenance },
  localModel: ModelRef,
  computedAt: Date,
  closed: ClosedDays = NO_CLOSURES,
): PredictionDoc {
  const asOfDay = dayNumber(local.asOf);
  const open = (days: number): number => {
    const day = asOfDay + Math.round(days);
    return openOrderDay(closed, day, () => day, asOfDay) - asOfDay;
  };
  const { row } = answer;
  const [p10, p50, p90] = [open(row.p10), open(row.p50), open(row.p90)];
  const safe = Math.min(open(row.safe), p10, answerRow(local).safe);
  const at = (days: number): string => addDays(local.asOf, days);
  return {
    customerId: customer.id,
    customerName: customer.name,
    customerType: customer.type,
    customerDistrict: customer.address.district,
    customerPhone: customer.phones[0] ?? '',
    autoDelivery: customer.autoDelivery,
    asOf: local.asOf,
    computedAt: computedAt.toISOString(),
    lastDeliveryDate: local.lastDeliveryDate,
    nextRefill: {
      p10: at(p10),
      p50: at(p50),
      p90: at(p90),
      safeDeliveryDate: at(safe),
      expectedIntervalDays: local.expectedIntervalDays,
      intervalLogSd: local.intervalLogSd,
      burnRateKgPerDay: local.burnRateKgPerDay,
      expectedQuantity: CYLINDER_SIZES.flatMap((size) => {
        const quantity = local.expectedQuantity[size] ?? 0;
        const range = local.quantityRange[size];
        return quantity > 0 ? [{ size, quantity: round(quantity, 2), ...(range ? { range } : {}) }] : [];
      }),
      ownHistoryWeight: local.ownHistoryWeight,
      behaviourChangeDetected: local.behaviourChangeDetected,
      ...answer.provenance,
    },
    churn: {
      risk: round(local.churn.probability, 4),
      reasons: local.churn.reasons,
      model: localModel,
      source: 'local',
    },
  };
}

/** A prediction with what its customer used to buy (null: never delivered) and the loss its churn risk puts on that. */
export function withStake(doc: PredictionDoc, stake: ValueAtStake | null): PredictionDoc {
  return { ...doc, valueAtStake: stake, expectedLoss: expectedLoss(doc.churn.risk, stake) };
}

/**
 * A stored prediction under staff's 需求調整 (`refillUnder` from its as-of day: a 寒流 burns the gas faster), and the
 * adjustments that moved it. The stored document stays the model's: the due list and the nightly suggestions read it
 * through this, so an adjustment entered or removed counts from the next read.
 */
export function predictionUnder(doc: PredictionDoc, adjustments: readonly DemandAdjustment[]): { doc: PredictionDoc; adjustedBy: DemandAdjustment[] } {
  const { refill, by } = refillUnder(doc.nextRefill, doc.asOf, adjustments);
  return { doc: by.length === 0 ? doc : { ...doc, nextRefill: refill }, adjustedBy: by };
}

/** Cylinders of one size all customers are expected to order in one week, with a p10–p90 band. */
export interface WeeklySizeLine {
  readonly size: CylinderSize;
  readonly mean: number;
  readonly p10: number;
  readonly p90: number;
}

type OutlookWeeks = readonly { readonly from: string; readonly bySize: readonly WeeklySizeLine[] }[];

/** `forecasts/weekly-demand`: the next weeks' cylinders by size, written with the nightly predictions. */
export interface WeeklyOutlookDoc {
  readonly asOf: string;
  readonly computedAt: string;
  /** Customers whose predictions were summed. */
  readonly customers: number;
  readonly model: ModelRef;
  readonly weeks: OutlookWeeks;
  /**
   * The as-of day and two weeks after it a day at a time (`from` the day), each week's mean the sum of its days'; to hundredths, so the
   * days add up to the week's tenths. Absent on documents written before it.
   */
  readonly days?: OutlookWeeks;
  /** The same per depot, each customer counted at the depot nearest to it (what each yard must fill). */
  readonly depots: readonly { readonly depotId: string; readonly depotName: string; readonly customers: number; readonly weeks: OutlookWeeks; readonly days?: OutlookWeeks }[];
}

/** A stored prediction as the weekly totals read it: its dates (remote or local), sizes and churn risk. */
export function outlookOfDoc(doc: PredictionDoc): CustomerOutlook {
  const expectedQuantity: CylinderCounts = {};
  const quantityRange: NonNullable<CustomerOutlook['quantityRange']> = {};
  for (const line of doc.nextRefill.expectedQuantity) {
    expectedQuantity[line.size] = line.quantity;
    if (line.range) quantityRange[line.size] = line.range;
  }
  return {
    nextOrder: { p10: doc.nextRefill.p10, p50: doc.nextRefill.p50, p90: doc.nextRefill.p90 },
    expectedIntervalDays: doc.nextRefill.expectedIntervalDays,
    ...(doc.nextRefill.intervalLogSd === undefined ? {} : { intervalLogSd: doc.nextRefill.intervalLogSd }),
    expectedQuantity,
    quantityRange,
    activeProbability: 1 - doc.churn.risk,
  };
}

function outlookLines(windows: readonly WeekDemand[], digits: number): OutlookWeeks {
  return windows.map((window) => ({
    from: window.from,
    bySize: CYLINDER_SIZES.flatMap((size) => {
      const demand = window.bySize[size];
      return demand ? [{ size, mean: round(demand.mean, digits), p10: round(demand.p10, digits), p90: round(demand.p90, digits) }] : [];
    }),
  }));
}

/** A group of predictions' weeks (to tenths) and days (to hundredths). */
function outlookOf(docs: readonly PredictionDoc[], asOf: string, closedOf: ClosedDaysOf): { weeks: OutlookWeeks; days: OutlookWeeks } {
  const outlooks = docs.map((doc) => ({ ...outlookOfDoc(doc), closed: closedOf(doc.customerId) }));
  return { weeks: outlookLines(weeklyDemand(outlooks, asOf, OUTLOOK_WEEKS), 1), days: outlookLines(dailyDemand(outlooks, asOf, OUTLOOK_DAYS), 2) };
}

/**
 * The weekly outlook of a night's predictions, in total and per depot (`depotOf` names the depot
 * that serves a customer; customers it cannot place count in the total only), rounded to tenths.
 */
export function weeklyOutlookDoc(
  docs: readonly PredictionDoc[],
  asOf: string,
  computedAt: Date,
  model: ModelRef,
  depotOf: (customerId: string) => { readonly id: string; readonly name: string } | undefined,
  closedOf: ClosedDaysOf = () => NO_CLOSURES,
): WeeklyOutlookDoc {
  const byDepot = new Map<string, { name: string; docs: PredictionDoc[] }>();
  for (const doc of docs) {
    const depot = depotOf(doc.customerId);
    if (!depot) continue;
    const group = byDepot.get(depot.id) ?? { name: depot.name, docs: [] };
    group.docs.push(doc);
    byDepot.set(depot.id, group);
  }
  return {
    asOf,
    computedAt: computedAt.toISOString(),
    customers: docs.length,
    model,
    ...outlookOf(docs, asOf, closedOf),
    depots: [...byDepot]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([depotId, group]) => ({ depotId, depotName: group.name, customers: group.docs.length, ...outlookOf(group.docs, asOf, closedOf) })),
  };
}

/** The stored parameters with the registry version as the version every prediction records. */
export function servedParams(params: ModelParams, version: string): ModelParams {
  return { ...params, model: { name: params.model.name, version } };
}

/** The days closed for a customer, by id: the company's closures and their district's. */
export type ClosedDaysOf = (customerId: string) => ClosedDays;

/**
 * Each customer's closed days (`closuresFor` their district). Customers of a district share them, so each district's are
 * merged once; a customer not named is taken as closed by the company's closures alone.
 */
export function closedDaysOfCustomers(
  closures: ClosureList,
  customers: readonly { readonly id: string; readonly address: Pick<Customer['address'], 'district'> }[],
): ClosedDaysOf {
  const districts = new Map(customers.map((customer) => [customer.id, customer.address.district]));
  const byDistrict = new Map<string | undefined, ClosedDays>();
  return (customerId) => {
    const district = districts.get(customerId);
    let closed = byDistrict.get(district);
    if (!closed) {
      closed = closedDays(district === undefined ? companyClosures(closures) : closuresFor(closures, district));
      byDistrict.set(district, closed);
    }
    return closed;
  };
}

export function localPredictions(params: ModelParams, histories: readonly CustomerHistory[], asOf: string, closedOf: ClosedDaysOf = () => NO_CLOSURES): Map<string, Prediction> {
  return new Map(histories.map((history) => [history.customerId, predict(params, history, asOf, closedOf(history.customerId))]));
}

/** Probability that the next order falls on or before `date`, given none came before `today`, to 3 decimals. */
export function probabilityBy(refill: Pick<PredictionDoc['nextRefill'], 'p10' | 'p50' | 'p90'>, date: string, today?: string): number {
  return round(probabilityOrderBy(refill, date, today), 3);
}

/**
 * How sure it is that a customer who has not ordered before `today` orders by `until`: the order-day
 * distribution, times the chance they still order at all, so a customer long overdue because they
 * left does not read as certain. While their word on the phone that they will order holds
 * (`willOrderHolds`), they have answered that chance themselves: the order-day distribution alone.
 */
export function dueConfidence(doc: Pick<PredictionDoc, 'nextRefill' | 'churn'>, until: string, today: string, promisedToOrder: boolean): number {
  return round(probabilityBy(doc.nextRefill, until, today) * (promisedToOrder ? 1 : 1 - doc.churn.risk), 3);
}

/** Customers at or above this churn risk get a phone call, not a truck. */
export const SUGGESTION_MAX_CHURN_RISK = 0.5;

/**
 * A suggested order cancelled (by the customer or the office: "we still have gas") holds the next one off this many
 * days: without it the nightly job would suggest again the next night, and every night after, until they ordered.
 */
export const SUGGESTION_DECLINE_DAYS = 7;

export type SuggestionSkip = 'NO_HISTORY' | 'NOT_DUE' | 'OPEN_ORDER' | 'DECLINED' | 'COMPETITOR' | 'CHURN_RISK' | 'NO_OPEN_DAY' | 'SUPPLY_STOPPED';

export interface Suggestion {
  readonly id: string;
  readonly requestedDate: string;
  readonly items: readonly SizeQuantity[];
  /**
   * The name of the closure that took the day to deliver by and left no open day before it from tomorrow on (one
   * declared at short notice, or its eve already past): the order waits past it, and the customer's gas may run out
   * meanwhile. All such customers land on its first open day, which the office is warned of.
   */
  readonly afterClosure?: string;
}

export const suggestionId = (customerId: string, today: string): string => `sug-${customerId}-${today}`;

/**
 * Whole cylinders to bring: the median of each size (the expectation rounded when the customer has
 * no deliveries yet), at least one of the most expected size.
 */
export function suggestedItems(expected: readonly ExpectedLine[]): SizeQuantity[] {
  const rounded = expected
    .map((line) => ({ size: line.size, quantity: line.range?.p50 ?? Math.round(line.quantity) }))
    .filter((line) => line.quantity > 0);
  if (rounded.length > 0) return rounded;
  const top = [...expected].sort((a, b) => b.quantity - a.quantity)[0];
  return top ? [{ size: top.size, quantity: 1 }] : [];
}

/**
 * Whether a suggested order is due for this customer and for which day: customers whose safe
 * delivery day falls within the horizon get one on that day (no earlier than tomorrow, moved
 * earlier off the customer's closed weekdays and the distributor's closures when it can be, later
 * otherwise).
 */
export function chooseSuggestion(
  doc: PredictionDoc,
  customer: Pick<Customer, 'closedDays' | 'supplyStop'>,
  opts: {
    readonly today: string;
    readonly horizonDays: number;
    readonly hasOpenOrder: boolean;
    /** A suggestion for the customer was cancelled within the last SUGGESTION_DECLINE_DAYS days. */
    readonly declinedRecently?: boolean;
    /** The office was told they moved to a competitor and they have not ordered since (`buysElsewhere`): a truck would find them supplied. */
    readonly buysElsewhere?: boolean;
    /** The office's latest call has them saying they will order, and it still holds (`willOrderHolds`): the churn score does not stop it. */
    readonly promisedToOrder?: boolean;
    readonly closures?: ClosureList;
  },
): Suggestion | SuggestionSkip {
  // 停止供氣: the order would be refused (`assertSupplyOpen`), and one placed before the stop must not be auto-confirmed.
  if (customer.supplyStop) return 'SUPPLY_STOPPED';
  if (doc.lastDeliveryDate === null) return 'NO_HISTORY';
  const tomorrow = addDays(opts.today, 1);
  const horizonEnd = addDays(opts.today, opts.horizonDays);
  const safe = doc.nextRefill.safeDeliveryDate;
  if (safe > horizonEnd) return 'NOT_DUE';
  if (opts.hasOpenOrder) return 'OPEN_ORDER';
  if (opts.declinedRecently) return 'DECLINED';
  if (opts.buysElsewhere) return 'COMPETITOR';
  if (doc.churn.risk >= SUGGESTION_MAX_CHURN_RISK && !opts.promisedToOrder) return 'CHURN_RISK';
  const items = suggestedItems(doc.nextRefill.expectedQuantity);
  if (items.length === 0) return 'NO_HISTORY';
  const closures = opts.closures ?? [];
  const start = safe < tomorrow ? tomorrow : safe;
  const date = openDayBy(closures, start, customer.closedDays, tomorrow);
  if (date === undefined) return 'NO_OPEN_DAY';
  const waitedOut = date > start ? closureOn(closures, start) : undefined;
  return { id: suggestionId(doc.customerId, opts.today), requestedDate: date, items, ...(waitedOut ? { afterClosure: waitedOut.name } : {}) };
}
