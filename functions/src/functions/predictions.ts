import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreChurnCallStore } from '../adapters/firestore/churn-call-store';
import { loadClosures } from '../adapters/firestore/closure-store';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreDemandAdjustmentStore } from '../adapters/firestore/demand-adjustment-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreModelStore } from '../adapters/firestore/model-store';
import { firestoreOrderHistoryStore } from '../adapters/firestore/order-history-store';
import { firestorePredictionStore, type PredictionStore } from '../adapters/firestore/prediction-store';
import { firestoreSafetyInspectionStore } from '../adapters/firestore/safety-inspection-store';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { closuresFor, nextOpenDay, openDayBy, type ClosureList } from '../domain/closures';
import type { Firestore } from '@google-cloud/firestore';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import { monthBounds, statementMonthSchema } from '../domain/billing/statement';
import {
  assignChurnCallInputSchema,
  CHURN_CALL_OUTCOMES,
  churnCallSchema,
  churnCallSummary,
  churnListCsv,
  contactedSince,
  CUSTOMER_TYPES,
  expectedLoss,
  lastCallByCustomer,
  recordChurnCall,
  recordChurnCallInputSchema,
  STAKE_MONTHS,
  valueAtStake,
  type ValueAtStake,
} from '../domain/customers';
import { invalid } from '../domain/errors';
import type { User } from '../domain/users';
import { ORDER_SOURCES } from '../domain/orders';
import { ORDER_STATUSES } from '../domain/orders/status';
import { cylinderSizeSchema } from '../domain/cylinders';
import { isActive } from '../domain/fleet';
import { demandAdjustmentInputSchema, demandAdjustmentSchema, mostDaysForward, type DemandAdjustment } from '../domain/predictions/demand-adjustment';
import { LEARNED_PERCENTILE, LEARNING_WEEKS, MIN_TRUCK_DAYS, stopsPerTruckUsed } from '../domain/predictions/stops-per-truck';
import { DEFAULT_STOPS_PER_TRUCK } from '../domain/predictions/suggestion-days';
import { docIdSchema, z } from '../domain/schema';
import { CHURN_REASONS } from '../forecasting/lpg/churn';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, idParams, route, type HttpFunctionDef } from '../http/endpoint';
import { byNameSchema, withByNames } from './use-cases/by-names';
import { dueConfidence, predictionUnder, SUGGESTION_MAX_CHURN_RISK, suggestedItems, type PredictionDoc } from './use-cases/forecast-model';
import { customerPrediction, customersBuyingElsewhere, customersPromisedToOrder, forecastDeps } from './use-cases/forecast-pipeline';
import { dailyOutlookCsvOf, dailyOutlookOf, dailyOutlookQuery, dailyOutlookView } from './use-cases/daily-outlook';

const staff = ['admin', 'office'] as const;

const provenance = {
  model: z.object({ name: z.string(), version: z.string() }),
  source: z.enum(['vertex', 'local', 'local-fallback']),
};
const wholeCylinders = z.number().int().min(0);
const expectedQuantity = z.array(
  z.object({
    size: cylinderSizeSchema,
    quantity: z.number().describe('Expected cylinders of this size in the next order (fractional: an expectation)'),
    range: z
      .object({ p10: wholeCylinders, p50: wholeCylinders, p90: wholeCylinders })
      .optional()
      .describe('Whole cylinders: 10 %, 50 % (what a suggested order brings) and 90 % quantiles; absent for customers without deliveries'),
  }),
);
const churnView = z.object({
  ...provenance,
  risk: z.number().min(0).max(1),
  reasons: z.array(z.object({ code: z.enum(CHURN_REASONS), weight: z.number() })),
});

/** Tells customers with the same name apart, and gives the office a number to call ('' on older documents). */
const contact = {
  customerDistrict: z.string().openapi({ example: '中和區' }),
  customerPhone: z.string().openapi({ example: '0912-345-678' }),
};
const contactOf = (doc: PredictionDoc) => ({ customerDistrict: doc.customerDistrict ?? '', customerPhone: doc.customerPhone ?? '' });

const adjustedByView = z
  .array(demandAdjustmentSchema.pick({ id: true, from: true, to: true, factor: true, reason: true }))
  .describe(
    "The 需求調整 over the days the customer's gas burns through, by first day: the safe day and p10–p90 are the run-out days with those days burning factor times the gas (a 寒流 ×3 brings the customer forward), as the nightly suggestions take them; empty when none holds on them",
  );
const adjustedByOf = (adjustments: readonly DemandAdjustment[]): z.infer<typeof adjustedByView> => adjustments.map(({ id, from, to, factor, reason }) => ({ id, from, to, factor, reason }));

const predictionView = z
  .object({
    customerId: z.string(),
    customerName: z.string(),
    ...contact,
    customerType: z.enum(CUSTOMER_TYPES),
    autoDelivery: z.boolean(),
    asOf: z.string(),
    computedAt: z.string(),
    lastDeliveryDate: z.string().nullable(),
    nextRefill: z.object({
      ...provenance,
      p10: z.string(),
      p50: z.string(),
      p90: z.string(),
      safeDeliveryDate: z.string(),
      expectedIntervalDays: z.number(),
      burnRateKgPerDay: z.number(),
      expectedQuantity,
      ownHistoryWeight: z.number(),
      behaviourChangeDetected: z.boolean(),
    }),
    adjustedBy: adjustedByView,
    modelDates: z
      .object({ p10: z.string(), p50: z.string(), p90: z.string(), safeDeliveryDate: z.string() })
      .nullable()
      .describe("What the model said: the night's dates before the 需求調整 in `adjustedBy` moved `nextRefill`'s; null when none moved them"),
    churn: churnView,
  })
  .openapi('CustomerPrediction');

const usualItems = z.array(z.object({ size: cylinderSizeSchema, quantity: z.number().int() })).describe('Whole cylinders a usual order brings');

const dueItem = z.object({
  customerId: z.string(),
  customerName: z.string(),
  ...contact,
  autoDelivery: z.boolean(),
  safeDeliveryDate: z.string(),
  p10: z.string(),
  p50: z.string(),
  p90: z.string(),
  confidence: z
    .number()
    .min(0)
    .max(1)
    .describe('Probability that the customer orders by the end of the window (given no order before today), times the chance they still order at all (1 − churn risk, or 1 while their word that they will order holds); 1 for a customer with an open order'),
  expectedQuantity,
  suggestedItems: usualItems.describe('Whole cylinders a usual order brings: what a suggested order for this customer would carry'),
  openOrder: z
    .object({
      id: z.string(),
      requestedDate: z.string(),
      status: z.enum(ORDER_STATUSES),
      source: z.enum(ORDER_SOURCES).describe('`forecast`: the nightly suggestion, for the office to confirm with the customer'),
    })
    .nullable()
    .describe(
      "The customer's earliest order that still needs a truck, if any: whoever has one is already looked after. A failed delivery requested in the last 14 days counts (status `failed`) until it is rescheduled: rescheduling it brings the truck, another order would bring a second",
    ),
  buysElsewhere: z
    .boolean()
    .describe("The office's latest call says they moved to a competitor and they have not ordered since (listed only with `elsewhere=show`; the nightly job suggests them nothing)"),
  promisedToOrder: z
    .boolean()
    .describe("The office's latest call has them saying they will order, and that still holds (`willOrderHolds`: their usual interval from the call, 7 to 30 days): `confidence` is not discounted by their churn risk"),
  adjustedBy: adjustedByView,
  churnRisk: z.number().min(0).max(1).describe('The churn risk of the night’s score'),
  atRisk: z
    .boolean()
    .describe(`A churn risk of ${SUGGESTION_MAX_CHURN_RISK} or more and no word on a call that they will order: someone to win back, not due (listed only with \`atRisk=show\`; the nightly job suggests them nothing)`),
  ...provenance,
});

const outlookWeeks = z.array(
  z.object({
    from: z.string().describe('First day of the week (the as-of day plus whole weeks)'),
    bySize: z.array(z.object({ size: cylinderSizeSchema, mean: z.number(), p10: z.number(), p90: z.number() })),
  }),
);
const weeklyOutlookView = z
  .object({
    asOf: z.string().nullable().describe('Day of the nightly predictions summed; null before the first run'),
    computedAt: z.string().nullable(),
    customers: z.number().int(),
    weeks: outlookWeeks,
    depots: z
      .array(z.object({ depotId: z.string(), depotName: z.string(), customers: z.number().int(), weeks: outlookWeeks }))
      .describe('The same per depot, each customer at the depot nearest to it'),
  })
  .openapi('WeeklyOutlook');

const stopsPerTruckView = z
  .object({
    asOf: z.string().nullable().describe('Day of the nightly run that learned the figures; null before the first'),
    weeks: z.number().int().describe('Weeks of routes a figure is learned from'),
    items: z.array(
      z.object({
        depotId: z.string(),
        depotName: z.string(),
        stops: z.number().int().describe('Stops a truck of the depot makes a day, as the nightly suggestions count them'),
        source: z
          .enum(['history', 'setting', 'default'])
          .describe("`history`: learned from the depot's routes, more than its setting; `setting`: the depot's own `stopsPerTruck`; `default`: it sets none, 20"),
        truckDays: z.number().int().describe('Routes (a truck and a day) of the depot in those weeks'),
        learned: z.number().int().nullable().describe('What the routes say, used or not; null with too few truck-days'),
      }),
    ),
  })
  .openapi('StopsPerTruck');

const predictionModelView = z
  .object({
    model: z
      .object({
        name: z.string(),
        version: z.string(),
        trainedAt: z.string().describe('When the version was trained (ISO time)'),
        activatedAt: z.string().nullable().describe('When it began to serve'),
        holdout: z
          .object({ from: z.string(), to: z.string(), refills: z.number().int(), customers: z.number().int() })
          .describe('The weeks it was scored on, after fitting on the year before them: the refills asked about and their customers'),
        maeDays: z.number().describe('Mean days between the predicted day (p50) and the day the customer ordered'),
        coverage: z.number().nullable().describe('Share of those orders inside the predicted window (p10–p90; about 0.8 is right)'),
        ranOutBeforeSafeDate: z.number().nullable().describe('Share of the hold-out refills ordered before the deliver-by day. No run-out day is recorded and a customer orders on switching to a spare or once out, so at most this share ran out before it'),
        vertex: z.boolean().describe('Vertex AI answers first (LG_VERTEX_ENDPOINT is set), this local model when it fails; the figures are the local model’s'),
      })
      .nullable()
      .describe('The model serving the predictions; null before any was trained'),
  })
  .openapi('PredictionModel');

const myRefillView = z
  .object({
    asOf: z.string().nullable().describe('Day of the prediction; null when none is stored for this customer yet'),
    orderBy: z.string().nullable().describe('Order by this day to keep the risk of running out at about 1 %'),
    around: z.string().nullable().describe('Most likely day the customer orders next'),
    items: usualItems,
  })
  .openapi('MyRefill');

const churnCallView = churnCallSchema.and(byNameSchema);
const churnItem = z.object({
  customerId: z.string(),
  customerCode: z.string().openapi({ example: 'C00127' }),
  customerName: z.string(),
  customerType: z.enum(CUSTOMER_TYPES),
  ...contact,
  lastDeliveryDate: z.string().nullable(),
  ...churnView.shape,
  valueAtStake: z
    .object({
      months: z.number().int().describe('Calendar months averaged over: up to 6, ending with the month of the last delivery, from the first delivery in them'),
      bySize: z.array(z.object({ size: cylinderSizeSchema, perMonth: z.number().describe('Cylinders a month, one decimal') })),
      perMonth: z.number().int().describe('NT$ a month of their delivered orders'),
    })
    .nullable()
    .describe('What the customer used to buy a month, from their delivered orders; null for one never delivered'),
  expectedLoss: z.number().int().describe('NT$ a month expected to be lost: risk × `valueAtStake.perMonth`, whole dollars (the default order)'),
  lastCall: churnCallView.nullable().describe("The office's latest call to the customer about it, whenever it was; null before the first"),
  assignee: z
    .object({ uid: z.string(), name: z.string() })
    .nullable()
    .describe('Who is to call them (an office or admin account; name empty when the account is gone); null when nobody is'),
});

const assigneeView = z.object({ uid: z.string(), name: z.string() });
const canBeAssigned = (user: Pick<User, 'role' | 'disabled'>): boolean => !user.disabled && (user.role === 'office' || user.role === 'admin');

const churnListQuery = z.object({
  minRisk: z.coerce.number().min(0).max(1).default(0.5),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  hideContactedDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(90)
    .default(7)
    .describe(
      'Leave out the customers the office called in the last N days (whatever came of it), so the next clerk does not call again, and those who said they will order while that holds; 0 lists everyone',
    ),
  sort: z
    .enum(['loss', 'risk'])
    .default('loss')
    .describe('`loss`: the NT$ a month expected to be lost (risk × what they bought a month), then risk; `risk`: riskiest first'),
  assignee: z.enum(['any', 'mine']).default('any').describe('`mine`: only the customers assigned to the caller'),
});
type ChurnListQuery = z.infer<typeof churnListQuery>;

/** Customers at risk not called lately, valued by what they bought in their last active months. */
async function churnList(query: ChurnListQuery, callerUid: string) {
  const c = await container();
  const calls = firestoreChurnCallStore(c.db);
  const predictions = firestorePredictionStore(c.db);
  // A word that they will order keeps them off past the N days too, for as long as it holds: nothing to call about.
  const [recent, promised, assignees] = await Promise.all([
    query.hideContactedDays === 0 ? Promise.resolve([]) : calls.since(contactedSince(c.clock.now(), query.hideContactedDays)),
    query.hideContactedDays === 0 ? Promise.resolve(new Set<string>()) : customersPromisedToOrder(c, (ids) => predictions.expectedIntervals(ids)),
    calls.assignees(),
  ]);
  const contacted = new Set([...recent.map((call) => call.customerId), ...promised]);
  const mine = query.assignee === 'mine' ? [...assignees].flatMap(([customerId, uid]) => (uid === callerUid && !contacted.has(customerId) ? [customerId] : [])) : null;
  const [atRisk, contactedRisks] = await Promise.all([atRiskToList(predictions, query, contacted, mine), predictions.churnRisks([...contacted])]);
  const listed = atRisk.filter((doc) => !contacted.has(doc.customerId));
  // A prediction stored with its value is ranked by it; only one stored before is valued from its orders (all of them to
  // rank by the loss, those of the page by risk).
  const unvalued = (query.sort === 'loss' ? listed : listed.slice(0, query.limit)).filter((doc) => doc.expectedLoss === undefined);
  const stakes = await valuesAtStake(c.db, unvalued);
  const ranked = listed
    .map((doc) => {
      if (doc.expectedLoss !== undefined) return { doc, stake: doc.valueAtStake ?? null, loss: doc.expectedLoss };
      const stake = stakes.get(doc.customerId) ?? null;
      return { doc, stake, loss: expectedLoss(doc.churn.risk, stake) };
    })
    .sort((a, b) => (query.sort === 'loss' ? b.loss - a.loss : 0) || b.doc.churn.risk - a.doc.churn.risk)
    .slice(0, query.limit);
  const ids = ranked.map(({ doc }) => doc.customerId);
  const [last, codes, names] = await Promise.all([
    withByNames(c.db, await calls.ofCustomers(ids)).then(lastCallByCustomer),
    firestoreCustomerStore(c.db).codesAndNames(ids),
    firestoreUserStore(c.db).displayNames(ids.flatMap((id) => assignees.get(id) ?? [])),
  ]);
  const assigneeOf = (customerId: string) => {
    const uid = assignees.get(customerId);
    return uid === undefined ? null : { uid, name: names.get(uid) ?? '' };
  };
  return {
    hiddenContacted: [...contactedRisks.values()].filter((risk) => risk >= query.minRisk).length,
    items: ranked.map(({ doc, stake, loss }) => ({
      customerId: doc.customerId,
      customerCode: codes.get(doc.customerId)?.code ?? '',
      customerName: doc.customerName,
      customerType: doc.customerType,
      ...contactOf(doc),
      lastDeliveryDate: doc.lastDeliveryDate,
      ...doc.churn,
      valueAtStake: stake,
      expectedLoss: Math.round(loss),
      lastCall: last.get(doc.customerId) ?? null,
      assignee: assigneeOf(doc.customerId),
    })),
  };
}

/** More customers at risk than any office calls; the cap keeps one request's reads bounded. */
const CHURN_LIST_READ = 2000;

/**
 * The predictions the list is cut from, riskiest first or by the stored loss, enough for `limit` past the customers called
 * lately (`contacted`): one indexed query of `limit` and the contacted ones, never the orders. The caller's own (`mine`,
 * without the contacted) are read by id. While some prediction at the risk was stored before its loss was
 * (`unvaluedAtLeast`, until the first night's run after the change rewrites them all), the loss order reads every
 * customer at the risk up to CHURN_LIST_READ, as it did before, so those are valued from their orders and ranked among
 * the others: a restaurant at 80 % must not be cut off below households at 99 %.
 */
async function atRiskToList(predictions: PredictionStore, query: ChurnListQuery, contacted: ReadonlySet<string>, mine: readonly string[] | null): Promise<PredictionDoc[]> {
  if (mine !== null) return (await predictions.ofCustomers(mine)).filter((doc) => doc.churn.risk >= query.minRisk).sort((a, b) => b.churn.risk - a.churn.risk);
  const read = Math.min(query.limit + contacted.size, CHURN_LIST_READ);
  if (query.sort === 'risk') return predictions.churnAtLeast(query.minRisk, read);
  const [byLoss, unvalued] = await Promise.all([predictions.byExpectedLoss(query.minRisk, read), predictions.unvaluedAtLeast(query.minRisk)]);
  return unvalued === 0 ? byLoss : predictions.churnAtLeast(query.minRisk, CHURN_LIST_READ);
}

/** What each customer used to buy, from their delivered orders of the `STAKE_MONTHS` up to their last delivery (predictions stored without it). */
async function valuesAtStake(db: Firestore, docs: readonly PredictionDoc[]): Promise<Map<string, ValueAtStake | null>> {
  const delivered = docs.flatMap((doc) => (doc.lastDeliveryDate === null ? [] : [{ customerId: doc.customerId, last: doc.lastDeliveryDate }]));
  const earliest = delivered.map((d) => d.last).sort()[0];
  if (earliest === undefined) return new Map();
  const orders = await firestoreOrderHistoryStore(db).deliveredOf(
    delivered.map((d) => d.customerId),
    addDays(`${earliest.slice(0, 7)}-01`, -31 * (STAKE_MONTHS - 1)),
  );
  return new Map(delivered.map((d) => [d.customerId, valueAtStake(orders.get(d.customerId) ?? [])]));
}

/**
 * The closures that hold where a prediction's customer is delivered; all of them for a prediction stored before it named
 * the district (the earlier day is the safe side).
 */
const closuresAt = (closures: ClosureList, doc: Pick<PredictionDoc, 'customerDistrict'>): ClosureList =>
  doc.customerDistrict === undefined ? closures : closuresFor(closures, doc.customerDistrict);

/** Next-refill and churn predictions for the office: read from the nightly job's documents. */
export const predictionsFunction: HttpFunctionDef = {
  name: 'predictions',
  routes: [
    route({
      method: 'GET',
      path: '/customers/:id',
      roles: staff,
      docs: {
        summary: "One customer's next refill (p10/p50/p90 dates, quantities by size) and churn risk with reasons",
        description:
          "Served from the nightly predictions; computed and stored on demand for a customer without one. The dates are read under the 需求調整 in force now, as `/due` reads them (`adjustedBy`; the model's own in `modelDates`). A deactivated customer is predicted for no more: 409 (PREDICTION.CUSTOMER_INACTIVE).",
        response: predictionView,
      },
      params: z.object({ id: docIdSchema }),
      async handle({ params }) {
        const c = await container();
        const stored = await customerPrediction(forecastDeps(c), params.id);
        const { doc, adjustedBy } = predictionUnder(stored, await firestoreDemandAdjustmentStore(c.db).endingOnOrAfter(stored.asOf));
        const { p10, p50, p90, safeDeliveryDate } = stored.nextRefill;
        // The value and loss stored for the churn list's ranking are not part of this answer.
        const { valueAtStake: _stake, expectedLoss: _loss, ...prediction } = doc;
        return { body: { ...prediction, ...contactOf(doc), adjustedBy: adjustedByOf(adjustedBy), modelDates: adjustedBy.length === 0 ? null : { p10, p50, p90, safeDeliveryDate } } };
      },
    }),
    route({
      method: 'GET',
      path: '/due',
      roles: staff,
      docs: {
        summary: 'Customers who must be delivered within the next N days to keep the risk of running out at about 1 %',
        description:
          'Sorted by safe delivery day, then by the confidence that they order within the window. The night’s dates are read under the 需求調整 in force now (`adjustedBy`), entered since the run too: a 寒流 ×3 makes its days burn three days’ gas, so a customer runs out, and is due, earlier. A safe day on a closure (declared since the night’s run too) or on one of the customer’s closed weekdays is served as the open day before it, as the nightly suggestions choose their day.',
        response: z.object({
          asOf: z.string(),
          until: z.string(),
          total: z.number().int().describe('Customers due, before `limit`'),
          elsewhere: z.number().int().describe('Customers due who buy elsewhere by the office’s latest call (`buysElsewhere`), listed only with `elsewhere=show`'),
          atRisk: z.number().int().describe('Customers due at churn risk (`atRisk`), listed only with `atRisk=show`'),
          items: z.array(dueItem),
        }),
      },
      query: z.object({
        days: z.coerce.number().int().min(0).max(60).default(7),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
        orders: z.enum(['any', 'none']).default('any').describe('`none`: only customers without an open order (a failed delivery of the last 14 days not yet rescheduled counts as one), the ones still to call or order for'),
        elsewhere: z
          .enum(['hide', 'show'])
          .default('hide')
          .describe('`show`: list too the customers who moved to a competitor by the latest call and have not ordered since (a truck would find them supplied), flagged `buysElsewhere`'),
        atRisk: z
          .enum(['hide', 'show'])
          .default('show')
          .describe(
            '`hide`: leave out the customers at churn risk (`atRisk`), as the nightly job does: long past their usual interval, their dates fall on today at a confidence of a few per cent and would head the list; they are the churn list’s, to win back',
          ),
      }),
      async handle({ query }) {
        const c = await container();
        const today = taipeiDate(c.clock.now());
        const until = addDays(today, query.days);
        const closures = await loadClosures(c.db, today);
        // The stored days are the night's: one a closure declared since takes moves before it, so the days up to the first
        // open one after the window may be due now, and a week more for the customers' closed weekdays around it.
        const reach = addDays(nextOpenDay(closures, addDays(until, 1)) ?? until, 6);
        const predictions = firestorePredictionStore(c.db);
        // A night's predictions are a day old at most; older ones (a run that failed) still see a week's adjustments.
        const adjustments = await firestoreDemandAdjustmentStore(c.db).endingOnOrAfter(addDays(today, -7));
        const [night, open, elsewhere, promised] = await Promise.all([
          // A 寒流 brings customers stored as due later forward: as far as its days' extra burn reaches.
          predictions.dueBy(addDays(reach, mostDaysForward(adjustments))),
          firestoreOrderHistoryStore(c.db).openOrders(today),
          customersBuyingElsewhere(c),
          customersPromisedToOrder(c, (ids) => predictions.expectedIntervals(ids)),
        ]);
        const stored = night.map((doc) => predictionUnder(doc, adjustments));
        const adjustedBy = new Map(stored.map(({ doc, adjustedBy }) => [doc.customerId, adjustedBy]));
        const closedDays = await firestoreCustomerStore(c.db).closedDaysOf(night.map((doc) => doc.customerId));
        const safeDay = (doc: PredictionDoc) => openDayBy(closuresAt(closures, doc), doc.nextRefill.safeDeliveryDate, closedDays.get(doc.customerId) ?? [], today) ?? doc.nextRefill.safeDeliveryDate;
        const due = stored
          .map(({ doc }) => ({
            doc,
            safe: safeDay(doc),
            openOrder: open.get(doc.customerId)?.[0] ?? null,
            buysElsewhere: elsewhere.has(doc.customerId),
            atRisk: doc.churn.risk >= SUGGESTION_MAX_CHURN_RISK && !promised.has(doc.customerId),
          }))
          .filter(({ safe, openOrder }) => safe <= until && (query.orders === 'any' || openOrder === null));
        const items = due
          .filter(({ buysElsewhere, atRisk }) => (query.elsewhere === 'show' || !buysElsewhere) && (query.atRisk === 'show' || !atRisk))
          .map(({ doc, safe, openOrder, buysElsewhere, atRisk }) => ({
            customerId: doc.customerId,
            customerName: doc.customerName,
            ...contactOf(doc),
            autoDelivery: doc.autoDelivery,
            safeDeliveryDate: safe,
            p10: doc.nextRefill.p10,
            p50: doc.nextRefill.p50,
            p90: doc.nextRefill.p90,
            confidence: openOrder === null ? dueConfidence(doc, until, today, promised.has(doc.customerId)) : 1,
            expectedQuantity: doc.nextRefill.expectedQuantity,
            suggestedItems: suggestedItems(doc.nextRefill.expectedQuantity),
            openOrder,
            buysElsewhere,
            promisedToOrder: promised.has(doc.customerId),
            adjustedBy: adjustedByOf(adjustedBy.get(doc.customerId) ?? []),
            churnRisk: doc.churn.risk,
            atRisk,
            model: doc.nextRefill.model,
            source: doc.nextRefill.source,
          }))
          .sort((a, b) => a.safeDeliveryDate.localeCompare(b.safeDeliveryDate) || b.confidence - a.confidence);
        const elsewhereCount = due.filter(({ buysElsewhere }) => buysElsewhere).length;
        // Counted among those the list would show but for the switch: one buying elsewhere is told apart as that.
        const atRiskCount = due.filter(({ buysElsewhere, atRisk }) => atRisk && (query.elsewhere === 'show' || !buysElsewhere)).length;
        return { body: { asOf: today, until, total: items.length, elsewhere: elsewhereCount, atRisk: atRiskCount, items: items.slice(0, query.limit) } };
      },
    }),
    route({
      method: 'GET',
      path: '/mine',
      roles: ['customer'],
      docs: {
        summary: "The signed-in customer's own refill reminder: when to order and what a usual order brings",
        description:
          'Only the customer’s own stored prediction, and only the dates and cylinders (no churn score or model detail). The dates are read under the 需求調整 in force now, as `/due` reads them: a 寒流 ×3 tells the customer to order earlier. An order-by day that a closure declared since the prediction was stored takes is answered as the last open day before it (from today). A customer whose supply a service call stopped (停止供氣) is answered no day and no cylinders: no order with gas is taken until an inspection passes.',
        response: myRefillView,
      },
      async handle({ principal }) {
        const c = await container();
        const id = principal.customerId;
        const stored = id ? await firestorePredictionStore(c.db).get(id) : null;
        if (!id || !stored) return { body: { asOf: null, orderBy: null, around: null, items: [] } };
        // A closure declared since the night's run may take the stored day: the customer is told the open day before it.
        const today = taipeiDate(c.clock.now());
        const [closures, closedDays, stopped, adjustments] = await Promise.all([
          loadClosures(c.db, today),
          firestoreCustomerStore(c.db).closedDaysOf([id]),
          firestoreSafetyInspectionStore(c.db).supplyStopsOf([id]),
          firestoreDemandAdjustmentStore(c.db).endingOnOrAfter(stored.asOf),
        ]);
        const { doc } = predictionUnder(stored, adjustments);
        // 停止供氣: the portal must not invite an order the server refuses (ORDER.SUPPLY_STOPPED) for an unsafe installation.
        if (stopped.has(id)) return { body: { asOf: doc.asOf, orderBy: null, around: null, items: [] } };
        const safe = doc.nextRefill.safeDeliveryDate;
        const orderBy = openDayBy(closuresAt(closures, doc), safe, closedDays.get(id) ?? [], today) ?? safe;
        return { body: { asOf: doc.asOf, orderBy, around: doc.nextRefill.p50, items: suggestedItems(doc.nextRefill.expectedQuantity) } };
      },
    }),
    route({
      method: 'GET',
      path: '/weekly',
      roles: staff,
      docs: {
        summary: 'Cylinders by size all customers are expected to order in each of the next four weeks (for filling and stock)',
        description:
          'Summed from the nightly predictions: each customer’s next order and the ones after it at its usual interval, weighted by the chance it still orders; p10–p90 from order-count and order-size noise.',
        response: weeklyOutlookView,
      },
      async handle() {
        const outlook = await firestorePredictionStore((await container()).db).weeklyOutlook();
        return {
          body: outlook
            ? { asOf: outlook.asOf, computedAt: outlook.computedAt, customers: outlook.customers, weeks: outlook.weeks, depots: outlook.depots ?? [] }
            : { asOf: null, computedAt: null, customers: 0, weeks: [], depots: [] },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/model',
      roles: staff,
      docs: {
        summary: 'The model serving the predictions: when it was trained and how right it was on the weeks it was scored on',
        description: 'The active version of `models/{version}` and its hold-out backtest, so the office can tell how far to trust the dates.',
        response: predictionModelView,
      },
      async handle() {
        const c = await container();
        const model = await firestoreModelStore(c.db).active();
        if (!model) return { body: { model: null } };
        const { metrics, window } = model;
        return {
          body: {
            model: {
              name: model.name,
              version: model.version,
              trainedAt: model.trainedAt,
              activatedAt: model.activatedAt ?? null,
              holdout: { from: window.holdoutFrom, to: window.holdoutTo, refills: metrics.cases, customers: window.customers },
              maeDays: metrics.maeDays,
              coverage: metrics.coverageP10P90,
              ranOutBeforeSafeDate: metrics.ranOutBeforeSafeDate,
              vertex: c.config.vertex.endpoint !== undefined,
            },
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/daily',
      roles: staff,
      docs: {
        summary: "The filling plant's order (分裝場叫貨): per day from tomorrow and per size, the booked cylinders, the night's outlook and the fulls in stock",
        description:
          "Each day's mean and p10–p90 come from the same sum of the nightly predictions as `/weekly`, a day at a time: the days of a week from the as-of day add up to that week's mean. A day's p10–p90 is its own band (an order falls on one day only, so days' bands do not add up to a week's). `expected` is the booked cylinders or the mean, whichever is more; `totals` sum the days shown and set `short`, the whole cylinders the expected demand is over the fulls. Closed days (休息日) expect nothing (their orders move to the days around them) and are marked, as are days closing early (提早收工). A day under a 需求調整 (`POST /adjustments`, listed in `adjustments`) has its mean and band multiplied by its factor. An unknown depot is 404.",
        response: dailyOutlookView,
      },
      query: dailyOutlookQuery,
      async handle({ query }) {
        return { body: await dailyOutlookOf(query) };
      },
    }),
    route({
      method: 'GET',
      path: '/daily/export',
      audit: 'read',
      roles: staff,
      docs: {
        summary: 'The daily outlook as CSV (每日叫貨預估; text/csv, UTF-8 with BOM, headers in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: a row per day and size (dates as ISO days, the weekday beside them), then a row per size against the fulls' }),
        contentType: 'text/csv',
      },
      query: dailyOutlookQuery,
      async handle({ query, locale }) {
        const { csv, from } = await dailyOutlookCsvOf(query, locale);
        return { body: csv, headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="daily-outlook-${from}.csv"` } };
      },
    }),
    route({
      method: 'POST',
      path: '/adjustments',
      roles: staff,
      docs: {
        summary: '需求調整: multiply the daily outlook of some days by a factor (an announced 寒流: 3), for what the models cannot know',
        description:
          "`/daily` and its CSV multiply those days' mean and band by it (the one entered last where several cover a day), so 應叫貨 takes it; `/due` and the nightly suggestions read each customer's gas as burning factor times as fast on those days, so a 寒流 brings them forward (`adjustedBy`). The stored outlook and predictions and the fitted models stay as they are; a suggestion made under an adjustment removed since stays for the office to keep or cancel. At most 14 days (`DEMAND_ADJUSTMENT.BAD_RANGE`). A retry with the same Idempotency-Key stores it once.",
        response: demandAdjustmentSchema,
        successStatus: 201,
      },
      body: demandAdjustmentInputSchema,
      async handle({ body, principal, requestId }) {
        const c = await container();
        const adjustment = { id: idFromRequest('adj', requestId), ...body, createdBy: actorOf(principal), createdAt: c.clock.now().toISOString() };
        return { status: 201, body: await firestoreDemandAdjustmentStore(c.db).create(adjustment) };
      },
    }),
    route({
      method: 'DELETE',
      path: '/adjustments/:id',
      roles: staff,
      docs: { summary: 'Remove a 需求調整: its days read the outlook as stored again. An unknown one is 404 DEMAND_ADJUSTMENT.NOT_FOUND', successStatus: 204 },
      params: idParams,
      async handle({ params }) {
        const c = await container();
        await firestoreDemandAdjustmentStore(c.db).remove(params.id);
        return { status: 204, body: null };
      },
    }),
    route({
      method: 'GET',
      path: '/stops-per-truck',
      roles: staff,
      docs: {
        summary: 'The stops a truck of each depot in service makes a day, as the nightly suggestions count them, and why',
        description: `Learned by the latest nightly run from the depot's routes of the last ${LEARNING_WEEKS} weeks (the ${LEARNED_PERCENTILE * 100}th percentile of the stops a truck made a day, delivered or nobody home, from ${MIN_TRUCK_DAYS} truck-days on) when that is more than the depot's own \`stopsPerTruck\` (else ${DEFAULT_STOPS_PER_TRUCK}), which is used otherwise: a route carries what was ordered, so fewer stops say nothing of what a truck could do. A setting changed since the run is answered as it is now.`,
        response: stopsPerTruckView,
      },
      async handle() {
        const c = await container();
        const [learned, depots] = await Promise.all([firestorePredictionStore(c.db).learnedStops(), firestoreFleetStore(c.db).depots()]);
        const byDepot = new Map(learned?.depots.map((figure) => [figure.depotId, figure]));
        return {
          body: {
            asOf: learned?.asOf ?? null,
            weeks: LEARNING_WEEKS,
            items: depots.filter(isActive).map((depot) => ({ depotId: depot.id, depotName: depot.name, ...stopsPerTruckUsed(depot, byDepot.get(depot.id)) })),
          },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/churn',
      roles: staff,
      docs: {
        summary: 'Customers at or above a churn risk, by the NT$ a month expected to be lost (or riskiest first), with the reasons behind each score and what they used to buy',
        response: z.object({
          hiddenContacted: z
            .number()
            .int()
            .describe(
              'All customers at or above `minRisk` left out because the office called them within `hideContactedDays`, or their word on the latest call that they will order still holds (`willOrderHolds`: their usual interval from the call, 7 to 30 days); not only those within `limit`',
            ),
          items: z.array(churnItem),
        }),
      },
      query: churnListQuery,
      async handle({ query, principal }) {
        return { body: await churnList(query, principal.uid) };
      },
    }),
    route({
      method: 'GET',
      path: '/churn/export',
      audit: 'read',
      roles: staff,
      docs: {
        summary: 'The churn list as CSV, as the page asks for it (text/csv, UTF-8 with BOM, texts in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: a line per customer, in the list’s order' }),
        contentType: 'text/csv',
      },
      query: churnListQuery,
      async handle({ query, principal, locale }) {
        const { items } = await churnList(query, principal.uid);
        const rows = items.map((item) => ({ ...item, assigneeName: item.assignee?.name ?? null }));
        return { body: churnListCsv(rows, locale), headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="churn-risk.csv"' } };
      },
    }),
    route({
      method: 'GET',
      path: '/churn/summary',
      roles: staff,
      docs: {
        summary: "What a month's churn calls achieved: customers called, reached, won back (ordered since their first call of the month), by outcome",
        description: 'Counted by customer, each by the outcome of their latest call in the month; an order placed up to now counts, a suggestion of the nightly job or a cancelled order does not.',
        response: z
          .object({
            month: statementMonthSchema,
            called: z.number().int(),
            reached: z.number().int(),
            wonBack: z.number().int(),
            byOutcome: z.array(z.object({ outcome: z.enum(CHURN_CALL_OUTCOMES), called: z.number().int(), wonBack: z.number().int() })),
          })
          .openapi('ChurnCallSummary'),
      },
      query: z.object({ month: statementMonthSchema.optional().describe('YYYY-MM, Taipei; this month when absent') }),
      async handle({ query }) {
        const c = await container();
        const month = query.month ?? taipeiDate(c.clock.now()).slice(0, 7);
        const { from, until } = monthBounds(month);
        const calls = await firestoreChurnCallStore(c.db).between(from, until);
        const orders = await firestoreOrderHistoryStore(c.db).placedSinceOf([...new Set(calls.map((call) => call.customerId))], from);
        return { body: { month, ...churnCallSummary(calls, orders, CHURN_CALL_OUTCOMES) } };
      },
    }),
    route({
      method: 'GET',
      path: '/churn/assignees',
      roles: staff,
      docs: {
        summary: 'The office and admin accounts a churn call can be assigned to, by name',
        response: z.object({ items: z.array(assigneeView) }),
      },
      async handle() {
        const users = await firestoreUserStore((await container()).db).staff();
        return { body: { items: users.filter(canBeAssigned).map((u) => ({ uid: u.uid, name: u.displayName })).sort((a, b) => a.name.localeCompare(b.name, 'zh-TW')) } };
      },
    }),
    route({
      method: 'PUT',
      path: '/customers/:id/assignee',
      roles: staff,
      docs: {
        summary: 'Assign calling a customer at churn risk to a member of the office or an admin (null takes it off)',
        description: 'The list shows the assignee and filters `assignee=mine`. An unknown customer is 404 CUSTOMER.NOT_FOUND; an account that is not an active office or admin one 400 CHURN_CALL.ASSIGNEE_NOT_STAFF.',
        response: z.object({ customerId: z.string(), assignee: assigneeView.nullable() }),
      },
      params: idParams,
      body: assignChurnCallInputSchema,
      async handle({ params, body, principal }) {
        const c = await container();
        await firestoreCustomerStore(c.db).get(params.id);
        const calls = firestoreChurnCallStore(c.db);
        if (body.uid === null) {
          await calls.assign(params.id, null);
          return { body: { customerId: params.id, assignee: null } };
        }
        const user = await firestoreUserStore(c.db).find(body.uid);
        if (!user || !canBeAssigned(user)) throw invalid('CHURN_CALL.ASSIGNEE_NOT_STAFF', `${body.uid} is not an active office or admin account`, { path: 'uid' });
        await calls.assign(params.id, { customerId: params.id, assignee: user.uid, by: actorOf(principal), at: c.clock.now().toISOString() });
        return { body: { customerId: params.id, assignee: { uid: user.uid, name: user.displayName } } };
      },
    }),
    route({
      method: 'GET',
      path: '/customers/:id/calls',
      roles: staff,
      docs: {
        summary: "A customer's churn calls, newest first: what came of each, the note, who called (by name) and when",
        description: 'For the customer drawer, whatever the customer’s status (a deactivated one keeps why). An unknown customer is 404 CUSTOMER.NOT_FOUND.',
        response: z.object({ items: z.array(churnCallView) }),
      },
      params: idParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      async handle({ params, query }) {
        const c = await container();
        await firestoreCustomerStore(c.db).get(params.id);
        return { body: { items: await withByNames(c.db, await firestoreChurnCallStore(c.db).ofCustomer(params.id, query.limit)) } };
      },
    }),
    route({
      method: 'POST',
      path: '/customers/:id/calls',
      roles: staff,
      docs: {
        summary: 'Record what came of calling a customer at churn risk (reached, no answer, gone to a competitor, closed, will order, other with a note)',
        description:
          'Kept per customer with who called and when, and shown on the churn list; it does not lower the score (an order does, once placed and scored), but a customer who says they will order stays off the churn list, and the nightly job suggests their order whatever the score, for their usual interval from the call (7 to 30 days). A retry with the same Idempotency-Key records it once. An unknown customer is 404 CUSTOMER.NOT_FOUND.',
        response: churnCallSchema,
        successStatus: 201,
      },
      params: idParams,
      body: recordChurnCallInputSchema,
      async handle({ params, body, principal, requestId }) {
        const c = await container();
        await firestoreCustomerStore(c.db).get(params.id);
        const call = recordChurnCall(body, { id: idFromRequest('chc', requestId), customerId: params.id, by: actorOf(principal), now: c.clock.now() });
        return { status: 201, body: await firestoreChurnCallStore(c.db).create(call) };
      },
    }),
  ],
};

http(
  'predictions',
  createHttpHandler(predictionsFunction, async () => (await container()).http),
);
