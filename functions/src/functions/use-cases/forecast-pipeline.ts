import { randomBytes } from 'node:crypto';
import type { Container } from '../../adapters/container';
import { firestoreChurnCallStore } from '../../adapters/firestore/churn-call-store';
import { loadClosures } from '../../adapters/firestore/closure-store';
import { firestoreCylinderStockStore } from '../../adapters/firestore/cylinder-stock-store';
import { firestoreDemandAdjustmentStore } from '../../adapters/firestore/demand-adjustment-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestoreModelStore, type StoredModel } from '../../adapters/firestore/model-store';
import { firestoreOrderHistoryStore, type OpenOrderRef, type OrderHistoryStore } from '../../adapters/firestore/order-history-store';
import { firestoreOrderStore, loadPriceList } from '../../adapters/firestore/order-store';
import { firestorePredictionStore } from '../../adapters/firestore/prediction-store';
import { vertexPredictorFromConfig } from '../../adapters/vertex/demand-predictor';
import { addDays, taipeiInstant } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { closuresFor, companyClosures, type ClosureList } from '../../domain/closures';
import { buysElsewhere, contactedSince, lastCallByCustomer, stakeReadFrom, valueAtStake, type Customer, type StakeOrder } from '../../domain/customers';
import { claimsShortOfStock } from '../../domain/cylinders';
import type { PriceList } from '../../domain/pricing';
import { DomainError } from '../../domain/errors';
import { buildEvent, type Actor } from '../../domain/events';
import { isActive, type Depot } from '../../domain/fleet';
import type { Order } from '../../domain/orders';
import { orderStatusEvent, transition } from '../../domain/orders';
import { adjustmentTag, type DemandAdjustment } from '../../domain/predictions/demand-adjustment';
import { earlierSuggestionFate, nightClaims, type EarlierClaim, type NightClaim } from '../../domain/predictions/earlier-suggestions';
import type { DemandPredictor, FeatureRow, PredictionRow } from '../../domain/predictions/port';
import { learnedStopsPerTruck, stopsPerTruckUsed, type LearnedStops, type MadeStop } from '../../domain/predictions/stops-per-truck';
import {
  countByDay,
  depotDailyStops,
  fullDays,
  monthDay,
  placeByCapacity,
  spreadLoad,
  type DayCount,
  type PlacedSuggestion,
  type SpreadLoad,
  type SuggestionCandidate,
} from '../../domain/predictions/suggestion-days';
import { WILL_ORDER_HOLD_DAYS, willOrderHolds } from '../../domain/predictions/will-order';
import { withFallback } from '../../domain/resilience/predictor-fallback';
import { nearestDepotId } from '../../domain/routes';
import { messageFor } from '../../http/messages';
import { closedDays } from '../../forecasting/lpg/closures';
import { deliveryHistoryFromOrders } from '../../forecasting/lpg/from-orders';
import { LPG_MODEL, type Prediction } from '../../forecasting/lpg/model';
import type { CustomerHistory } from '../../forecasting/lpg/types';
import {
  chooseSuggestion,
  closedDaysOfCustomers,
  decisionAtCommit,
  featureRow,
  localDemandPredictor,
  localPredictions,
  modelVersion,
  predictionDoc,
  predictionUnder,
  servedParams,
  SUGGESTION_DECLINE_DAYS,
  suggestionId,
  trainAndDecide,
  weeklyOutlookDoc,
  withStake,
  type ClosedDaysOf,
  type FitSettings,
  type PredictionDoc,
  type Provenance,
  type Suggestion,
  type SuggestionSkip,
} from './forecast-model';
import { placeOrder } from './place-order';
import { stockOutOfTheYard } from './stock-out';

/** The forecast pipeline acts as this system actor (timelines, events). */
export const FORECAST_ACTOR: Actor = { uid: 'system:forecast', role: 'system' };

/** How far back the models look: a year covers every season and one Lunar New Year. */
const HISTORY_DAYS = 365;
/** Which depot in service serves each customer: the nearest one to its place (as route planning places orders). */
export function depotsOfCustomers(allDepots: readonly Depot[], customers: readonly Customer[]): (customerId: string) => Depot | undefined {
  const depots = allDepots.filter(isActive);
  const byId = new Map(depots.map((depot) => [depot.id, depot]));
  const places = new Map(customers.map((customer) => [customer.id, customer.location]));
  return (customerId) => {
    const place = places.get(customerId);
    const id = place ? nearestDepotId(place, depots) : undefined;
    return id === undefined ? undefined : byId.get(id);
  };
}

/** The instant a Taipei day starts, as stored instants are compared. */
const startOf = (day: string): string => new Date(taipeiInstant(day, '00:00')).toISOString();

/** Instances per remote predict call (Vertex online prediction caps request size). */
const REMOTE_BATCH = 200;

export interface ForecastDeps {
  readonly c: Container;
  /** The remote model (Vertex AI) when one is configured; the local model is always the fallback. */
  readonly remote: DemandPredictor | null;
}

const remotes = new WeakMap<Container, DemandPredictor | null>();

/**
 * The pipeline's dependencies for a container: the Vertex predictor is built once per container,
 * so its gRPC channel and circuit breaker outlive a request.
 */
export function forecastDeps(c: Container): ForecastDeps {
  if (!remotes.has(c)) remotes.set(c, vertexPredictorFromConfig(c.config, c.clock));
  return { c, remote: remotes.get(c) ?? null };
}

async function requireActiveModel(c: Container): Promise<StoredModel> {
  const model = await firestoreModelStore(c.db).active();
  if (!model) throw new DomainError('PREDICTION.NO_ACTIVE_MODEL', 'precondition', 'No active model: run the train-models job first');
  return model;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) };
}

/**
 * One `system.prediction_fallback` alert per hour at most: its id names the hour, and the alerts
 * consumer writes one alert per event id however often it is published.
 */
async function publishFallbackAlert(c: Container, error: unknown, customers: number): Promise<void> {
  const now = c.clock.now();
  const { code, message } = describe(error);
  await c.publisher.publish(
    'system-alerts',
    buildEvent({
      id: `prediction-fallback-${now.toISOString().slice(0, 13)}`,
      type: 'system.prediction_fallback',
      occurredAt: now,
      actor: FORECAST_ACTOR,
      subject: 'predictions',
      sequence: now.getTime(),
      data: { severity: 'warning', reason: `${code}: ${message}`, code, customers },
    }),
  );
}

/**
 * Predicts for a batch of customers: the local model always (quantities and churn come only from
 * it), the remote model for the dates when configured, falling back to the local answer per chunk.
 */
async function predictBatch(
  deps: ForecastDeps,
  model: StoredModel,
  customers: readonly Customer[],
  histories: readonly CustomerHistory[],
  asOf: string,
  closedOf: ClosedDaysOf,
): Promise<PredictionDoc[]> {
  const params = servedParams(model.params, model.version);
  const local = localPredictions(params, histories, asOf, closedOf);
  const localFor = (customerId: string): Prediction => {
    const found = local.get(customerId);
    if (!found) throw new Error(`no local prediction for ${customerId}`);
    return found;
  };
  const localPredictor = localDemandPredictor(params.model, local);
  const failures: unknown[] = [];
  const predictor = deps.remote
    ? withFallback(deps.remote, localPredictor, { onFallback: (error) => failures.push(error) })
    : localPredictor;
  const answers: { row: PredictionRow; provenance: Provenance }[] = [];
  for (let i = 0; i < histories.length; i += REMOTE_BATCH) {
    const chunk = histories.slice(i, i + REMOTE_BATCH);
    const features: FeatureRow[] = chunk.map((history) => featureRow(history, localFor(history.customerId)));
    const result = await predictor.predict(features);
    for (const row of result.predictions) answers.push({ row, provenance: { model: result.model, source: result.source } });
  }
  if (failures.length > 0) {
    const fellBack = answers.filter((answer) => answer.provenance.source === 'local-fallback').length;
    // The customers already have their answer: a lost alert must not fail the prediction.
    await publishFallbackAlert(deps.c, failures[0], fellBack).catch((error: unknown) =>
      console.error(JSON.stringify({ severity: 'ERROR', message: 'prediction fallback alert not published', error: String(error) })),
    );
  }
  const computedAt = deps.c.clock.now();
  return customers.map((customer, i) => {
    const answer = answers[i];
    if (!answer) throw new Error(`no answer for ${customer.id}`);
    return predictionDoc(customer, localFor(customer.id), answer, params.model, computedAt, closedOf(customer.id));
  });
}

/**
 * The predictions with what each customer used to buy a month (`withStake`), from the orders the run read since `since`;
 * a customer whose six months begin before it (gone for more than half of the year read) has their delivered orders read
 * again from the window's start (`stakeReadFrom`), 30 customers a query. One the prediction finds never delivered is
 * valued at nothing, as the churn list valued them from their orders.
 */
async function valued(history: OrderHistoryStore, docs: readonly PredictionDoc[], orders: readonly Order[], since: string): Promise<PredictionDoc[]> {
  const byCustomer = new Map<string, StakeOrder[]>();
  for (const order of orders) byCustomer.set(order.customerId, [...(byCustomer.get(order.customerId) ?? []), order]);
  const before = docs.flatMap((doc) => {
    const from = stakeReadFrom(byCustomer.get(doc.customerId) ?? [], since);
    return from === null ? [] : [{ customerId: doc.customerId, from }];
  });
  const earliest = before.map((b) => b.from).sort()[0];
  const reread = earliest === undefined ? new Map<string, StakeOrder[]>() : await history.deliveredOf(before.map((b) => b.customerId), earliest);
  return docs.map((doc) =>
    withStake(doc, doc.lastDeliveryDate === null ? null : valueAtStake(reread.get(doc.customerId) ?? byCustomer.get(doc.customerId) ?? [])),
  );
}

export interface TrainRequest {
  readonly holdoutWeeks: number;
  readonly settings: FitSettings;
}

/**
 * The train-models job: every customer's history up to yesterday, fitted and scored on a
 * time-based hold-out, stored as a new version, activated unless worse than the active one
 * (and unless another run activated a version meanwhile).
 */
export async function trainModels(c: Container, request: TrainRequest): Promise<StoredModel> {
  const history = firestoreOrderHistoryStore(c.db);
  const models = firestoreModelStore(c.db);
  const now = c.clock.now();
  const through = addDays(taipeiDate(now), -1);
  const [customers, orders, priceList, active, complaints, closures] = await Promise.all([
    history.customers({ activeOnly: false }),
    history.ordersSince(addDays(through, -HISTORY_DAYS)),
    loadPriceList(c.db),
    models.active(),
    history.complaintsSince(startOf(addDays(through, -HISTORY_DAYS))),
    loadClosures(c.db, addDays(through, -HISTORY_DAYS)),
  ]);
  const result = trainAndDecide(deliveryHistoryFromOrders(customers, orders, priceList, complaints), {
    through,
    holdoutDays: request.holdoutWeeks * 7,
    settings: request.settings,
    incumbent: active && { version: active.version, codeVersion: active.codeVersion, settings: active.settings, params: active.params },
    closed: closedDays(companyClosures(closures)),
  });
  const version = modelVersion(now, randomBytes(2).toString('hex'));
  return models.add(
    {
      version,
      name: LPG_MODEL.name,
      codeVersion: LPG_MODEL.version,
      settings: request.settings,
      params: result.params,
      metrics: result.metrics,
      activeMetrics: result.activeMetrics,
      window: result.window,
      trainedAt: now.toISOString(),
    },
    // Training took a while: the decision holds only against the version it was compared with.
    (activeNow) => decisionAtCommit(result.decision, activeNow),
    now,
  );
}

/**
 * A closure's first open day, where every suggestion it made wait lands: `customers` suggestions had it as their own
 * day, `kept` of them stay (the most urgent, as many as the depots' trucks take), the rest went to the days in
 * `spread`, `pastLatest` of those past the customer's p90.
 */
export interface AfterClosureLoad extends SpreadLoad {
  readonly requestedDate: string;
  readonly closure: string;
}

/**
 * The other days tonight's suggestions found full: `days` of them from `from`, the suggestions that had one as their own
 * day, how many stayed and where the rest went (none past its p90: only a closure's wait goes there).
 */
export interface FullDaysLoad extends SpreadLoad {
  readonly from: string;
  readonly days: number;
}

export interface SuggestionCounts {
  readonly considered: number;
  readonly created: number;
  /** Auto-delivery suggestions this run confirmed, tonight's and earlier nights' (`earlierNights.confirmed` of them). */
  readonly confirmed: number;
  /**
   * Auto-delivery suggestions left pending because the fulls in stock do not cover them (`shortOfStock`), tonight's and
   * earlier nights' (`earlierNights.held` of them, those whose day has come among them).
   */
  readonly heldForStock: number;
  /** What became of the auto-delivery suggestions earlier nights held (`earlierSuggestionFate`). */
  readonly earlierNights: { readonly confirmed: number; readonly held: number };
  /** The closures' first open days tonight's suggestions waited for (`Suggestion.afterClosure`); each raised as an alert. */
  readonly afterClosure: readonly AfterClosureLoad[];
  /** Tonight's suggestions placed after their own day because its depot's trucks were full (`placeByCapacity`), by day. */
  readonly spread: readonly DayCount[];
  /** The full days other than the closures' first open days; raised as one alert a night. */
  readonly fullDays: FullDaysLoad | null;
  readonly skipped: Partial<Record<SuggestionSkip, number>>;
  readonly errors: readonly { readonly customerId: string; readonly code: string }[];
}

export interface RefreshReport {
  readonly asOf: string;
  readonly model: { readonly name: string; readonly version: string };
  readonly predictions: number;
  readonly sources: Partial<Record<Provenance['source'], number>>;
  readonly pruned: number;
  readonly suggestions: SuggestionCounts | null;
}

/**
 * Confirms a suggested order of an auto-delivery customer if it still waits; true when this call confirmed it. One a run
 * held for stock loses the hold from its note (`withoutHeldNote`).
 */
async function confirmIfPending(c: Container, orderId: string): Promise<boolean> {
  const orders = firestoreOrderStore(c.db, c.publisher);
  const now = c.clock.now();
  let confirmed = false;
  await orders.mutate(
    orderId,
    (current) => {
      confirmed = current.status === 'pending';
      if (!confirmed) return { next: current, events: [] };
      const confirming = transition(current, 'confirmed', { by: FORECAST_ACTOR, at: now, note: 'auto-delivery' });
      const next = { ...confirming, notes: withoutHeldNote(current.notes) };
      return {
        next,
        events: [orderStatusEvent(next, current.status)],
      };
    },
    { actor: FORECAST_ACTOR, now },
  );
  return confirmed;
}

/**
 * Notes a pending suggestion held for stock that does not say so (`heldForStockNote`): one made before its customer took
 * auto-delivery, which the office would otherwise take for one more suggestion to call about, not for one the fulls hold back.
 */
async function noteHeld(c: Container, orderId: string): Promise<void> {
  const now = c.clock.now();
  await firestoreOrderStore(c.db, c.publisher).mutate(
    orderId,
    (current) =>
      current.status !== 'pending' || current.notes.endsWith(HELD_FOR_STOCK)
        ? { next: current, events: [] }
        : { next: { ...current, notes: heldForStockNote(current.notes), updatedAt: now.toISOString() }, events: [] },
    { actor: FORECAST_ACTOR, now },
  );
}

/**
 * The customers whose word on the phone that they will order still holds (`willOrderHolds`) for their usual interval
 * (`intervalsOf`: their predictions'; a customer without one is left out). Only the calls of the longest a word holds
 * are read: a later call would be among them.
 */
export async function customersPromisedToOrder(
  c: Container,
  intervalsOf: (customerIds: readonly string[]) => Promise<ReadonlyMap<string, number>>,
): Promise<Set<string>> {
  const now = c.clock.now();
  const latest = lastCallByCustomer(await firestoreChurnCallStore(c.db).since(contactedSince(now, WILL_ORDER_HOLD_DAYS.max)));
  const pledged = [...latest.values()].filter((call) => call.outcome === 'will_order');
  const intervals = await intervalsOf(pledged.map((call) => call.customerId));
  return new Set(
    pledged.flatMap((call) => {
      const interval = intervals.get(call.customerId);
      return interval !== undefined && willOrderHolds(call, interval, now) ? [call.customerId] : [];
    }),
  );
}

/**
 * The customers who buy elsewhere by the office's latest call (`buysElsewhere`). Only a customer some call said moved to
 * a competitor can be: their calls are read whole, for a later one that says otherwise, and their orders since the latest.
 */
export async function customersBuyingElsewhere(c: Container): Promise<Set<string>> {
  const calls = firestoreChurnCallStore(c.db);
  const history = firestoreOrderHistoryStore(c.db);
  const latest = lastCallByCustomer(await calls.ofCustomers([...(await calls.customersWithOutcome('competitor'))]));
  const gone = await Promise.all([...latest.values()].map(async (call) => (buysElsewhere(call, await history.placedSince(call.customerId, call.at)) ? [call.customerId] : [])));
  return new Set(gone.flat());
}

/**
 * The night's warning `alertId` for the 警示 list, one however often the run is repeated: the alerts consumer leaves a
 * stored one with the same figures as it is (`sameFigures`: acknowledged stays acknowledged) and replaces one with other
 * figures, open again (the office acknowledged the figures of before). `{ cleared: true }` says a rerun found none of it
 * (`clearsAlert`): a stored one is marked cleared, and a night without it leaves no trace. Each run's event is its own
 * (the time in its id): a warning raised, cleared and raised again with the figures of before must reach the alert.
 */
async function publishNightAlert(c: Container, alertId: string, type: string, data: Record<string, unknown>): Promise<void> {
  const now = c.clock.now();
  await c.publisher.publish(
    'system-alerts',
    buildEvent({ id: `${alertId}-${now.getTime()}`, type, occurredAt: now, actor: FORECAST_ACTOR, subject: 'predictions', sequence: now.getTime(), data: { alertId, ...data } }),
  );
}

const publishWarning = (c: Container, alertId: string, type: string, data: Record<string, unknown>): Promise<void> =>
  publishNightAlert(c, alertId, type, { severity: 'warning', ...data });

/**
 * Warns the office of tonight's suggestions the trucks cannot take on their own day. Those that wait past a closure, a
 * day at a time: all of them land on its first open day, some out of gas by then, and what the trucks cannot take that
 * day goes to the next ones. The other full days in one warning a night: the office may send more trucks rather than
 * let the least urgent wait.
 */
async function publishSpreadAlerts(c: Container, today: string, loads: readonly AfterClosureLoad[], full: FullDaysLoad | null): Promise<void> {
  for (const load of loads) {
    const until = load.spread.at(-1)?.requestedDate;
    await publishWarning(c, `suggestions-after-closure-${today}-${load.requestedDate}`, 'system.suggestions_after_closure', {
      requestedDate: load.requestedDate,
      customers: load.customers,
      reason: load.closure,
      kept: load.kept,
      spread: load.customers - load.kept,
      ...(until === undefined ? {} : { until, pastLatest: load.pastLatest }),
    });
  }
  if (full === null) {
    await publishNightAlert(c, `suggestions-full-${today}`, 'system.suggestions_full', { cleared: true });
    return;
  }
  await publishWarning(c, `suggestions-full-${today}`, 'system.suggestions_full', {
    requestedDate: full.from,
    days: full.days,
    customers: full.customers,
    kept: full.kept,
    spread: full.customers - full.kept,
    until: full.spread.at(-1)?.requestedDate,
  });
}

/**
 * Warns the office of tonight's auto-delivery suggestions left pending for want of fulls (`shortOfStock`): their customers
 * count on the gas coming by itself, so someone must call them. A rerun that holds none clears the night's warning.
 */
async function publishHeldForStockAlert(c: Container, today: string, heldDays: readonly string[]): Promise<void> {
  const alertId = `suggestions-held-for-stock-${today}`;
  const [first] = [...heldDays].sort();
  if (first === undefined) return publishNightAlert(c, alertId, 'system.suggestions_held_for_stock', { cleared: true });
  return publishWarning(c, alertId, 'system.suggestions_held_for_stock', { customers: heldDays.length, requestedDate: first });
}

/** The depots as the night read them: each customer's (the nearest in service) and what each one's trucks did. */
interface NightDepots {
  readonly depots: readonly Depot[];
  readonly depotOf: (customerId: string) => Depot | undefined;
  /** Depot id → the stops its trucks made a day lately (`learnedStopsPerTruck`). */
  readonly learned: ReadonlyMap<string, LearnedStops>;
}

/** Depot id → stops its trucks deliver a day: trucks with a driver, times the stops a truck makes (`stopsPerTruckUsed`). */
async function depotCapacity(c: Container, night: NightDepots): Promise<Map<string, number>> {
  const fleet = firestoreFleetStore(c.db);
  const [vehicles, drivers] = await Promise.all([fleet.vehicles(), fleet.drivers()]);
  return new Map(night.depots.filter(isActive).map((depot) => [depot.id, depotDailyStops(depot, vehicles, drivers, stopsPerTruckUsed(depot, night.learned.get(depot.id)).stops)]));
}

/** Each closure's first open day with what landed on it and where the overflow went. */
function afterClosureLoads(chosen: readonly { readonly choice: Suggestion }[], placed: readonly PlacedSuggestion[]): AfterClosureLoad[] {
  const closureOf = new Map<string, string>();
  for (const { choice } of chosen) if (choice.afterClosure !== undefined) closureOf.set(choice.requestedDate, choice.afterClosure);
  return [...closureOf].sort(([a], [b]) => a.localeCompare(b)).map(([day, closure]) => ({ requestedDate: day, closure, ...spreadLoad(placed, new Set([day])) }));
}

/** The full days that are no closure's first open day, with what had one as its own day; null when none was full. */
function fullDaysLoad(placed: readonly PlacedSuggestion[], loads: readonly AfterClosureLoad[]): FullDaysLoad | null {
  const afterClosure = new Set(loads.map((load) => load.requestedDate));
  const days = fullDays(placed).filter((day) => !afterClosure.has(day));
  const [from] = days;
  return from === undefined ? null : { from, days: days.length, ...spreadLoad(placed, new Set(days)) };
}

/** The stops trucks made (delivered, or found nobody home) among the orders read, each at its customer's depot. */
const madeStops = (orders: readonly Order[], depotOf: (customerId: string) => Depot | undefined): MadeStop[] =>
  orders.flatMap((order) =>
    order.routeId !== undefined && (order.status === 'delivered' || order.status === 'failed') ? [{ routeId: order.routeId, depotId: depotOf(order.customerId)?.id, date: order.requestedDate }] : [],
  );

async function placeSuggestions(
  c: Container,
  docs: readonly PredictionDoc[],
  customers: ReadonlyMap<string, Customer>,
  priceList: PriceList,
  closures: ClosureList,
  today: string,
  horizonDays: number,
  night: NightDepots,
  adjustedBy: ReadonlyMap<string, readonly DemandAdjustment[]>,
): Promise<SuggestionCounts> {
  const history = firestoreOrderHistoryStore(c.db);
  const [open, declined, elsewhere, promised, pending] = await Promise.all([
    history.openOrders(today),
    history.declinedSuggestionsSince(startOf(addDays(today, -SUGGESTION_DECLINE_DAYS))),
    customersBuyingElsewhere(c),
    customersPromisedToOrder(c, async () => new Map(docs.map((doc) => [doc.customerId, doc.nextRefill.expectedIntervalDays]))),
    history.pendingSuggestions(),
  ]);
  const skipped: Partial<Record<SuggestionSkip, number>> = {};
  const errors: { customerId: string; code: string }[] = [];
  let created = 0;
  let confirmed = 0;
  const chosen: { doc: PredictionDoc; customer: Customer; choice: Suggestion }[] = [];
  for (const doc of docs) {
    const customer = customers.get(doc.customerId);
    if (!customer) continue;
    const choice = chooseSuggestion(doc, customer, {
      today,
      horizonDays,
      // The job's own suggestion of today does not count: a rerun must still finish confirming it.
      hasOpenOrder: (open.get(doc.customerId) ?? []).some((order) => order.id !== suggestionId(doc.customerId, today)),
      declinedRecently: declined.has(doc.customerId),
      buysElsewhere: elsewhere.has(doc.customerId),
      promisedToOrder: promised.has(doc.customerId),
      closures: closuresFor(closures, customer.address.district),
    });
    if (typeof choice === 'string') skipped[choice] = (skipped[choice] ?? 0) + 1;
    else chosen.push({ doc, customer, choice });
  }
  const placed = await placeOnDays(c, chosen, night, open, closures, today);
  const earlier = pending.flatMap((suggestion) => {
    if (suggestion.id === suggestionId(suggestion.customerId, today)) return [];
    const otherOpenOrder = (open.get(suggestion.customerId) ?? []).some((order) => order.id !== suggestion.id);
    return [{ suggestion, fate: earlierSuggestionFate(suggestion, customers.get(suggestion.customerId), { today, otherOpenOrder }) }];
  });
  const reweighed = earlier.flatMap(({ suggestion, fate }) => (fate === 'weigh' ? [suggestion] : []));
  const short = await shortOfStock(c, tonightsClaims(chosen, placed, open), reweighed, docs, night, today);
  const heldDays: string[] = [];
  for (const { doc, customer, choice } of chosen) {
    const day = placed.get(doc.customerId) ?? { requestedDate: choice.requestedDate, ownDate: choice.requestedDate };
    const dayNote = [adjustedNote(adjustedBy.get(doc.customerId) ?? []), day.requestedDate === day.ownDate ? '' : laterNote(day.requestedDate, choice.afterClosure)]
      .filter((note) => note !== '')
      .join(NOTE_SEPARATOR);
    const held = customer.autoDelivery && short?.has(choice.id) === true;
    try {
      const result = await placeOrder(c, {
        id: choice.id,
        customerId: doc.customerId,
        input: {
          customerId: doc.customerId,
          // No empties named: the order's rule takes one back per full, up to the customer's cylinders on site.
          items: [...choice.items],
          requestedDate: day.requestedDate,
          priority: 'normal',
          notes: held ? heldForStockNote(dayNote) : dayNote,
        },
        by: FORECAST_ACTOR,
        source: 'forecast',
        priceList,
        closures,
      });
      if (result.created) created++;
      if (held) heldDays.push(day.requestedDate);
      else if (customer.autoDelivery && (await confirmIfPending(c, choice.id))) confirmed++;
    } catch (error) {
      // One customer without a price for its size must not stop the others.
      if (!(error instanceof DomainError)) throw error;
      errors.push({ customerId: doc.customerId, code: error.code });
    }
  }
  const earlierNights = { confirmed: 0, held: 0 };
  for (const { suggestion, fate } of earlier) {
    if (fate === 'left') continue;
    const shortNow = fate === 'weigh' && short?.has(suggestion.id) === true;
    if (fate === 'held' || shortNow) {
      heldDays.push(suggestion.requestedDate);
      earlierNights.held++;
    }
    // One whose day has come keeps its note: it waits for the office, whether or not the fulls would cover it.
    if (fate === 'held') continue;
    try {
      if (!shortNow) {
        if (await confirmIfPending(c, suggestion.id)) earlierNights.confirmed++;
      } else if (!suggestion.notes.endsWith(HELD_FOR_STOCK)) await noteHeld(c, suggestion.id);
    } catch (error) {
      // As for tonight's suggestions: one order refused must not stop the others.
      if (!(error instanceof DomainError)) throw error;
      errors.push({ customerId: suggestion.customerId, code: error.code });
    }
  }
  const days = [...placed.values()];
  const loads = afterClosureLoads(chosen, days);
  const full = fullDaysLoad(days, loads);
  // The suggestions are placed: a lost alert must not fail the night's run.
  await publishSpreadAlerts(c, today, loads, full).catch((error: unknown) =>
    console.error(JSON.stringify({ severity: 'ERROR', message: 'suggestion spread alert not published', error: String(error) })),
  );
  await publishHeldForStockAlert(c, today, heldDays).catch((error: unknown) =>
    console.error(JSON.stringify({ severity: 'ERROR', message: 'held-for-stock alert not published', error: String(error) })),
  );
  const spread = countByDay(days.filter((p) => p.requestedDate !== p.ownDate).map((p) => p.requestedDate));
  return {
    considered: docs.length,
    created,
    confirmed: confirmed + earlierNights.confirmed,
    heldForStock: heldDays.length,
    earlierNights,
    afterClosure: loads,
    spread,
    fullDays: full,
    skipped,
    errors,
  };
}

/**
 * Tonight's auto-delivery suggestions as claims on the fulls, each on the day it was placed on, but for those an earlier run
 * the same night confirmed: those are claimed like any confirmed order.
 */
function tonightsClaims(
  chosen: readonly { readonly doc: PredictionDoc; readonly customer: Customer; readonly choice: Suggestion }[],
  placed: ReadonlyMap<string, PlacedSuggestion>,
  open: ReadonlyMap<string, readonly OpenOrderRef[]>,
): NightClaim[] {
  const confirmedBefore = (id: string, customerId: string) => (open.get(customerId) ?? []).some((order) => order.id === id && order.status !== 'pending');
  return chosen
    .filter(({ doc, customer, choice }) => customer.autoDelivery && !confirmedBefore(choice.id, doc.customerId))
    .map(({ doc, choice }) => ({ id: choice.id, requestedDate: placed.get(doc.customerId)?.requestedDate ?? choice.requestedDate, items: choice.items, deliverBy: doc.nextRefill.safeDeliveryDate }));
}

/**
 * The ids of the auto-delivery suggestions the fulls in stock cannot cover (`claimsShortOfStock`), so the
 * night confirms no more than 鋼瓶庫存 shows covered (分裝場缺氣: half the refills for days): the fulls of the depots less
 * today's cover (out on the trucks, gone unbooked) and the open orders from today on that are someone's, given to the
 * suggestions by day, the earliest deliver-by day (p10) first. Those left over wait pending, noted, for the office.
 * The suggestions are tonight's (`tonight`) and those earlier nights held (`earlier`, on their own day, by their customer's
 * deliver-by day tonight), weighed together: the night confirms those a refill recorded since now covers. On a rerun the
 * same night, those an earlier run confirmed are claimed like any confirmed order, and those it held are weighed again.
 */
async function shortOfStock(
  c: Container,
  tonight: readonly NightClaim[],
  earlier: readonly EarlierClaim[],
  docs: readonly PredictionDoc[],
  night: NightDepots,
  today: string,
): Promise<Set<string> | null> {
  if (tonight.length + earlier.length === 0) return null;
  const deliverBy = new Map(docs.map((doc) => [doc.customerId, doc.nextRefill.safeDeliveryDate]));
  const store = firestoreCylinderStockStore(c.db);
  const [stocks, claimed, out] = await Promise.all([store.ofDepots(night.depots.filter(isActive).map((d) => d.id)), store.claimedOrdersFrom(today), stockOutOfTheYard(c, today)]);
  const taken = [...out.onTrucks, ...out.unbooked, ...claimed.flatMap((order) => order.items)];
  return claimsShortOfStock(nightClaims(tonight, earlier, (customerId) => deliverBy.get(customerId)), stocks, taken);
}

const HELD_FOR_STOCK = messageFor('SUGGESTION.HELD_FOR_STOCK', 'zh-TW', '');
const NOTE_SEPARATOR = '；';

/** The note of a suggestion held for stock: why it waits, after why it is on its day when it is a later one. */
const heldForStockNote = (dayNote: string): string => [dayNote, HELD_FOR_STOCK].filter((note) => note !== '').join(NOTE_SEPARATOR);

/** A note with the hold for stock taken off (`heldForStockNote`), as it was before; one without it (or rewritten by the office) as it is. */
const withoutHeldNote = (notes: string): string => {
  if (!notes.endsWith(HELD_FOR_STOCK)) return notes;
  const before = notes.slice(0, -HELD_FOR_STOCK.length);
  return before.endsWith(NOTE_SEPARATOR) ? before.slice(0, -NOTE_SEPARATOR.length) : before;
};

/**
 * Tonight's suggestions on days the depots' trucks can deliver (`placeByCapacity`), after the orders already booked
 * from tomorrow on. Tonight's own suggestions are not counted as booked, so a rerun the same night places them alike.
 */
async function placeOnDays(
  c: Container,
  chosen: readonly { readonly doc: PredictionDoc; readonly customer: Customer; readonly choice: Suggestion }[],
  night: NightDepots,
  open: ReadonlyMap<string, readonly OpenOrderRef[]>,
  closures: ClosureList,
  today: string,
): Promise<Map<string, PlacedSuggestion>> {
  if (chosen.length === 0) return new Map();
  const stopsPerDay = await depotCapacity(c, night);
  const { depotOf } = night;
  const booked = new Map<string, Map<string, number>>();
  for (const [customerId, orders] of open) {
    const depotId = depotOf(customerId)?.id;
    if (depotId === undefined) continue;
    for (const order of orders) {
      if (order.status === 'failed' || order.requestedDate <= today || order.id === suggestionId(customerId, today)) continue;
      const days = booked.get(depotId) ?? new Map<string, number>();
      days.set(order.requestedDate, (days.get(order.requestedDate) ?? 0) + 1);
      booked.set(depotId, days);
    }
  }
  const candidates: SuggestionCandidate[] = chosen.map(({ doc, customer, choice }) => ({
    customerId: doc.customerId,
    depotId: depotOf(doc.customerId)?.id,
    requestedDate: choice.requestedDate,
    safeDeliveryDate: doc.nextRefill.safeDeliveryDate,
    latestDate: doc.nextRefill.p90,
    autoDelivery: customer.autoDelivery,
    closedDays: customer.closedDays,
    district: customer.address.district,
    ...(choice.afterClosure === undefined ? {} : { afterClosure: choice.afterClosure }),
  }));
  return new Map(placeByCapacity(candidates, { closures, stopsPerDay, booked }).map((p) => [p.customerId, p]));
}

/** Why a suggestion is on a later day than the customer's own, in the office's language (the order's note). */
const laterNote = (day: string, closure: string | undefined): string =>
  closure === undefined
    ? messageFor('SUGGESTION.LATER', 'zh-TW', '', { date: monthDay(day) })
    : messageFor('SUGGESTION.LATER_AFTER_CLOSURE', 'zh-TW', '', { date: monthDay(day), closure });

/** Why a suggestion's day is earlier (or later) than the model's, in the office's language (the order's note); '' when no 需求調整 moved it. */
const adjustedNote = (adjustments: readonly DemandAdjustment[]): string =>
  adjustments.length === 0 ? '' : messageFor('DEMAND_ADJUSTMENT.SUGGESTION_NOTE', 'zh-TW', '', { adjustments: adjustments.map(adjustmentTag).join('、') });

/**
 * The nightly job: predictions (next refill and churn) for every active customer with the active
 * model, then, when a horizon is given, suggested orders for those due within it. Rerunning it the
 * same day rewrites the same predictions and creates no order twice. The suggestions take the predictions under the
 * 需求調整 holding from today (`predictionUnder`), which the stored ones do not: those stay the model's, as the due
 * list reads them under the adjustments of the moment.
 */
export async function refreshPredictions(deps: ForecastDeps, opts: { readonly horizonDays: number | null }): Promise<RefreshReport> {
  const { c } = deps;
  const history = firestoreOrderHistoryStore(c.db);
  const today = taipeiDate(c.clock.now());
  const since = addDays(today, -HISTORY_DAYS);
  const [model, customers, orders, priceList, complaints, closures, adjustments] = await Promise.all([
    requireActiveModel(c),
    history.customers({ activeOnly: true }),
    history.ordersSince(since),
    loadPriceList(c.db),
    history.complaintsSince(startOf(since)),
    loadClosures(c.db, today),
    firestoreDemandAdjustmentStore(c.db).endingOnOrAfter(today),
  ]);
  const closedOf = closedDaysOfCustomers(closures, customers);
  const predicted = await predictBatch(deps, model, customers, deliveryHistoryFromOrders(customers, orders, priceList, complaints), today, closedOf);
  const docs = await valued(history, predicted, orders, since);
  const store = firestorePredictionStore(c.db);
  await store.putAll(docs);
  const depots = await firestoreFleetStore(c.db).depots();
  const depotOf = depotsOfCustomers(depots, customers);
  await store.putWeeklyOutlook(weeklyOutlookDoc(docs, today, c.clock.now(), { name: model.name, version: model.version }, depotOf, closedOf));
  const learned = learnedStopsPerTruck(madeStops(orders, depotOf), today);
  await store.putLearnedStops({ asOf: today, computedAt: c.clock.now().toISOString(), depots: [...learned].sort(([a], [b]) => a.localeCompare(b)).map(([depotId, figure]) => ({ depotId, ...figure })) });
  const pruned = await store.pruneExcept(new Set(customers.map((customer) => customer.id)));
  const sources: Partial<Record<Provenance['source'], number>> = {};
  for (const doc of docs) sources[doc.nextRefill.source] = (sources[doc.nextRefill.source] ?? 0) + 1;
  let suggestions: SuggestionCounts | null = null;
  if (opts.horizonDays !== null) {
    const adjusted = docs.map((doc) => predictionUnder(doc, adjustments));
    suggestions = await placeSuggestions(
      c,
      adjusted.map(({ doc }) => doc),
      new Map(customers.map((customer) => [customer.id, customer])),
      priceList,
      closures,
      today,
      opts.horizonDays,
      { depots, depotOf, learned },
      new Map(adjusted.map(({ doc, adjustedBy }) => [doc.customerId, adjustedBy])),
    );
  }
  return { asOf: today, model: { name: model.name, version: model.version }, predictions: docs.length, sources, pruned, suggestions };
}

/**
 * One active customer's stored prediction, or one computed now (and stored) when the nightly job has not made it yet.
 * @throws `CUSTOMER.NOT_FOUND`; `PREDICTION.CUSTOMER_INACTIVE` for a deactivated customer, who is predicted for no
 * more: a prediction stored now would put them back on the due and churn lists until the nightly job prunes it.
 */
export async function customerPrediction(deps: ForecastDeps, customerId: string): Promise<PredictionDoc> {
  const { c } = deps;
  const store = firestorePredictionStore(c.db);
  const history = firestoreOrderHistoryStore(c.db);
  const [customer, stored] = await Promise.all([history.customer(customerId), store.get(customerId)]);
  if (!customer) throw new DomainError('CUSTOMER.NOT_FOUND', 'not_found', `Customer ${customerId} not found`, { id: customerId });
  if (customer.status !== 'active') {
    throw new DomainError('PREDICTION.CUSTOMER_INACTIVE', 'conflict', `Customer ${customerId} is inactive: no prediction`, { id: customerId });
  }
  if (stored) return stored;
  const today = taipeiDate(c.clock.now());
  const since = addDays(today, -HISTORY_DAYS);
  const [orders, priceList, model, complaints, closures] = await Promise.all([
    history.ordersOf(customerId, since),
    loadPriceList(c.db),
    requireActiveModel(c),
    history.complaintsSince(startOf(since), customerId),
    loadClosures(c.db, today),
  ]);
  const predicted = await predictBatch(deps, model, [customer], deliveryHistoryFromOrders([customer], orders, priceList, complaints), today, closedDaysOfCustomers(closures, [customer]));
  // Valued as the night values them: the churn list ranks it among theirs by the stored loss.
  const docs = await valued(history, predicted, orders, since);
  await store.putAll(docs);
  const [doc] = docs;
  if (!doc) throw new Error(`no prediction for ${customerId}`);
  return doc;
}
