import { dayNumber, isoDate } from './calendar';
import { closedDays, type ClosedDays, type ClosedPeriod } from './closures';
import { crostonPredictor, fixedIntervalPredictor, lastOrderQuantity, recentMeanQuantity, tsbPredictor } from './baselines';
import {
  modelPredictor,
  modelQuantityPredictor,
  scoreNextOrder,
  scoreDueWithin,
  scoreQuantity,
  type DueWithinMetrics,
  type HoldoutCase,
  type NextOrderMetrics,
  type QuantityMetrics,
  type QuantityPredictor,
} from './evaluate';
import { deliveriesThrough } from './history';
import { fit, predict, type ModelParams } from './model';
import { mean } from '../stats';
import { deliveredInWeek, OUTLOOK_WEEKS, outlookOf, weeklyHindcast, type WeeklySizeDemand } from './weekly-demand';
import type { DeliveryHistory, IsoDate } from './types';

export interface BacktestOptions {
  /** Origins (as-of dates) at which the model is refitted on the history before them. */
  readonly origins: readonly IsoDate[];
  /** When the gas of a delivery would have run out without it, if known (simulations). */
  readonly runOutDate?: (customerId: string, deliveryDate: IsoDate) => IsoDate | undefined;
  /** Days the distributor was closed (nobody could order for them). */
  readonly closures?: readonly ClosedPeriod[];
}

export interface ChurnMetrics {
  readonly samples: number;
  readonly observedRate: number;
  readonly meanPredicted: number;
  readonly brier: number;
  /** Probability that a churner is ranked above a non-churner. */
  readonly auc: number | null;
}

/** Weekly cylinders by size summed over customers, scored per (origin, week ahead, size). */
export interface WeeklyMetrics {
  readonly points: number;
  /** Mean actual cylinders per size and week: the scale the errors read against. */
  readonly meanActual: number;
  readonly maeCylinders: number;
  /** Share of actual totals inside [p10, p90] (methods that give a band). */
  readonly coverageP10P90: number | null;
}

export interface BacktestReport {
  readonly origins: readonly IsoDate[];
  readonly methods: readonly { readonly name: string; readonly metrics: NextOrderMetrics }[];
  /** The next order's cylinders by size, on the same cases. */
  readonly quantity: readonly { readonly name: string; readonly metrics: QuantityMetrics }[];
  readonly churn: ChurnMetrics;
  /** "Orders within 3 / 7 / 14 days" probabilities on the same cases: the due list's confidence. */
  readonly dueWithin: readonly DueWithinMetrics[];
  /** Next four weeks' cylinders by size: the models' outlook against the mean of the last four weeks. */
  readonly weekly: readonly { readonly name: string; readonly metrics: WeeklyMetrics }[];
  readonly lastParams: ModelParams | null;
}

/** Hold-out questions at one origin: every customer with a delivery before it and one after. */
export function holdoutCases(history: DeliveryHistory, asOf: IsoDate, options: Pick<BacktestOptions, 'runOutDate'> = {}): HoldoutCase[] {
  const asOfDay = dayNumber(asOf);
  return history.flatMap((customer) => {
    if (deliveriesThrough(customer, asOfDay).length === 0) return [];
    const next = customer.deliveries
      .map((delivery) => delivery.date)
      .filter((date) => dayNumber(date) > asOfDay)
      .sort()[0];
    if (next === undefined) return [];
    const runOutDate = options.runOutDate?.(customer.customerId, next);
    const nextCylinders = deliveriesThrough(customer, dayNumber(next)).at(-1)?.cylinders ?? {};
    return [{ customer, asOf, nextOrderDate: next, nextCylinders, ...(runOutDate !== undefined ? { runOutDate } : {}) }];
  });
}

function auc(scores: readonly { p: number; positive: boolean }[]): number | null {
  const positives = scores.filter((s) => s.positive).map((s) => s.p);
  const negatives = scores.filter((s) => !s.positive).map((s) => s.p);
  if (positives.length === 0 || negatives.length === 0) return null;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/**
 * Rolling-origin backtest: at each origin the model is refitted on the history up to it and
 * every method forecasts each customer's next order; churn predictions are scored where the
 * label window (twice the expected interval) ends within the data.
 */
export function runBacktest(history: DeliveryHistory, options: BacktestOptions): BacktestReport {
  const closed = closedDays(options.closures ?? []);
  const dataEnd = Math.max(...history.flatMap((customer) => customer.deliveries.map((d) => dayNumber(d.date))));
  const cases: { params: ModelParams; cases: HoldoutCase[] }[] = [];
  const churnScores: { p: number; positive: boolean }[] = [];
  let lastParams: ModelParams | null = null;
  const weeklyPoints: { actual: number; ours: WeeklySizeDemand; lastWeeks: number }[] = [];
  for (const origin of options.origins) {
    const params = fit(history, { asOf: origin });
    lastParams = params;
    cases.push({ params, cases: holdoutCases(history, origin, options) });
    const originDay = dayNumber(origin);
    if (originDay + 7 * OUTLOOK_WEEKS <= dataEnd + 1) weeklyPoints.push(...weeklyComparison(history, params, origin, closed));
    for (const customer of history) {
      const days = deliveriesThrough(customer, dataEnd).map((d) => d.day);
      if (days.filter((day) => day <= originDay).length < 2) continue;
      const prediction = predict(params, customer, origin);
      const windowEnd = originDay + 2 * prediction.expectedIntervalDays;
      if (windowEnd > dataEnd) continue;
      churnScores.push({ p: prediction.churn.probability, positive: !days.some((day) => day > originDay && day <= windowEnd) });
    }
  }
  const allCases = cases.flatMap((entry) => entry.cases);
  const ours = (): NextOrderMetrics => {
    const perOrigin = cases.map((entry) => ({ n: entry.cases.length, m: scoreNextOrder(modelPredictor(entry.params, closed), entry.cases) }));
    const total = Math.max(allCases.length, 1);
    const pooled = (pick: (m: NextOrderMetrics) => number | null): number =>
      perOrigin.reduce((acc, { n, m }) => acc + (pick(m) ?? 0) * n, 0) / total;
    return {
      cases: allCases.length,
      maeDays: pooled((m) => m.maeDays),
      biasDays: pooled((m) => m.biasDays),
      coverageP10P90: pooled((m) => m.coverageP10P90),
      ranOutBeforeP10: pooled((m) => m.ranOutBeforeP10),
      ranOutBeforeSafeDate: pooled((m) => m.ranOutBeforeSafeDate),
      safeLeadDays: pooled((m) => m.safeLeadDays),
    };
  };
  // Each origin's cases are answered by the parameters fitted at that origin (its as-of date).
  const paramsAt = new Map(options.origins.map((origin, i) => [origin, cases[i]?.params] as const));
  const oursQuantity: QuantityPredictor = (customer, asOf) => {
    const params = paramsAt.get(asOf);
    if (!params) throw new Error(`no parameters fitted at ${asOf}`);
    return modelQuantityPredictor(params)(customer, asOf);
  };
  const modelName = `${lastParams?.model.name ?? 'model'} ${lastParams?.model.version ?? ''}`.trim();
  return {
    origins: options.origins,
    quantity: [
      { name: modelName, metrics: scoreQuantity(oursQuantity, allCases) },
      { name: 'last order', metrics: scoreQuantity(lastOrderQuantity, allCases) },
      { name: 'recent mean (1.0.0 rule)', metrics: scoreQuantity(recentMeanQuantity, allCases) },
    ],
    methods: [
      { name: modelName, metrics: ours() },
      { name: 'fixed interval (median)', metrics: scoreNextOrder(fixedIntervalPredictor, allCases) },
      { name: 'Croston (0.1)', metrics: scoreNextOrder(crostonPredictor, allCases) },
      { name: 'TSB (0.1)', metrics: scoreNextOrder(tsbPredictor, allCases) },
    ],
    churn: {
      samples: churnScores.length,
      observedRate: mean(churnScores.map((s) => (s.positive ? 1 : 0))),
      meanPredicted: mean(churnScores.map((s) => s.p)),
      brier: mean(churnScores.map((s) => (s.p - (s.positive ? 1 : 0)) ** 2)),
      auc: auc(churnScores),
    },
    weekly: [
      { name: modelName, metrics: weeklyMetrics(weeklyPoints.map((p) => ({ actual: p.actual, mean: p.ours.mean, band: p.ours }))) },
      { name: 'mean of the last 4 weeks', metrics: weeklyMetrics(weeklyPoints.map((p) => ({ actual: p.actual, mean: p.lastWeeks }))) },
    ],
    dueWithin: dueWithinPooled(cases, closed),
    lastParams,
  };
}

const DUE_WINDOWS = [3, 7, 14] as const;

/** Each origin's cases scored with the parameters fitted there, pooled by case count. */
function dueWithinPooled(perOrigin: readonly { params: ModelParams; cases: readonly HoldoutCase[] }[], closed: ClosedDays): DueWithinMetrics[] {
  const scored = perOrigin.map((entry) => scoreDueWithin(entry.params, entry.cases, DUE_WINDOWS, closed));
  return DUE_WINDOWS.map((windowDays, i) => {
    const parts = scored.map((windows) => windows[i]).filter((m): m is DueWithinMetrics => m !== undefined && m.cases > 0);
    const cases = parts.reduce((n, m) => n + m.cases, 0);
    const pooled = (pick: (m: DueWithinMetrics) => number): number => (cases === 0 ? 0 : parts.reduce((acc, m) => acc + pick(m) * m.cases, 0) / cases);
    return {
      windowDays,
      cases,
      observed: pooled((m) => m.observed),
      served: { meanPredicted: pooled((m) => m.served.meanPredicted), brier: pooled((m) => m.served.brier) },
      points: { meanPredicted: pooled((m) => m.points.meanPredicted), brier: pooled((m) => m.points.brier) },
    };
  });
}

/** Origins every `stepDays` over the last `spanDays` before `end`. */
export function rollingOrigins(end: IsoDate, spanDays: number, stepDays: number): IsoDate[] {
  const endDay = dayNumber(end);
  const origins: IsoDate[] = [];
  for (let day = endDay - spanDays; day < endDay - stepDays; day += stepDays) origins.push(isoDate(day));
  return origins;
}

/** The outlook as the nightly run would have written it on the origin's morning, and the mean of the four weeks before. */
function weeklyComparison(history: DeliveryHistory, params: ModelParams, origin: IsoDate, closed: ClosedDays) {
  const originDay = dayNumber(origin);
  const hindcast = weeklyHindcast(history, origin, OUTLOOK_WEEKS, (customer, asOf) => outlookOf(predict(params, customer, asOf, closed)), closed);
  return hindcast.map(({ size, actual, forecast }) => ({
    actual,
    ours: forecast,
    lastWeeks: mean([1, 2, 3, 4].map((k) => deliveredInWeek(history, size, originDay - 7 * k))),
  }));
}

function weeklyMetrics(points: readonly { actual: number; mean: number; band?: WeeklySizeDemand }[]): WeeklyMetrics {
  const banded = points.flatMap((p) => (p.band ? [p.actual >= p.band.p10 && p.actual <= p.band.p90 ? 1 : 0] : []));
  return {
    points: points.length,
    meanActual: mean(points.map((p) => p.actual)),
    maeCylinders: mean(points.map((p) => Math.abs(p.mean - p.actual))),
    coverageP10P90: banded.length > 0 ? mean(banded) : null,
  };
}
