import {
  deliveriesThrough,
  intervalsOf,
  kgOf,
  seasonalityFor,
  type Seasonality,
  type DayDelivery,
  type Interval,
  type SeasonalEffects,
} from './history';
import { NO_CLOSURES, openOrderDay, type ClosedDays } from './closures';
import { fitQuantity, forecastQuantity, type QuantityForecast, type QuantityParams } from './quantity-model';
import { clamp, effectiveSize, mean, normalCdf, normalQuantile, quantile, solveLinear, sum, weightedMean } from '../stats';
import {
  CUSTOMER_TYPES,
  CYLINDER_SIZES,
  type CustomerHistory,
  type CustomerType,
  type CylinderCounts,
  type DeliveryHistory,
  type MonthlyTemperatures,
} from './types';

/** What a customer type teaches its customers (the empirical-Bayes prior) plus its seasonality. */
export interface TypeParams {
  /** Customers whose intervals informed these values (0 = copied from the pooled fit). */
  readonly customers: number;
  /** Prior mean of the log base burn rate (kg/day) at the type's mean log capacity. */
  readonly logBurnMean: number;
  /** How log burn grows with log kg installed on site. */
  readonly capacityElasticity: number;
  readonly logCapacityMean: number;
  /** Between-customer variance of the log base burn rate. */
  readonly logBurnVariance: number;
  /** Within-customer standard deviation of one interval's log burn rate. */
  readonly residualSd: number;
  readonly seasonal: SeasonalEffects;
  /** Mean share of the on-site capacity (kg) refilled per order: a new customer's order size. */
  readonly swapShare: number;
  /** Mean cylinders per order, by size: the order of a new customer with nothing on record. */
  readonly typicalOrder: CylinderCounts;
}

export interface RefillParams {
  /** Weight half-life of past intervals in a customer's burn estimate. */
  readonly recencyHalfLifeDays: number;
  /** |t| above which the latest level shift replaces the customer's older intervals. */
  readonly changeThreshold: number;
  /** One-step-ahead calibration of the log-interval distribution, in standard-deviation units. */
  readonly calibration: {
    readonly bias: number;
    readonly scale: number;
    /**
     * Nominal level whose calibrated quantile matches the empirical RUN_OUT_RISK quantile of the
     * one-step errors (their lower tail is heavier than a normal one).
     */
    readonly runOutLevel: number;
  };
  readonly temperatures: MonthlyTemperatures;
  readonly types: Readonly<Record<CustomerType, TypeParams>>;
  /**
   * The next order's size, which is also the gas burnt until it (since 1.1.0; parameters of 1.0.0
   * lack it and forecast each customer from its own orders).
   */
  readonly orderSizes?: QuantityParams;
}

export interface RefillFitOptions {
  readonly temperatures?: MonthlyTemperatures;
  readonly recencyHalfLifeDays?: number;
  readonly changeThreshold?: number;
}

const DEFAULT_HALF_LIFE_DAYS = 120;
const DEFAULT_CHANGE_THRESHOLD = 3;
/** Ridge strength pulling a type's seasonal effects to the pooled ones (in interval units). */
const SEASONAL_POOLING = 20;
const MIN_RESIDUAL_SD = 0.05;
const MIN_LOG_BURN_VARIANCE = 0.01;

interface CustomerIntervals {
  readonly history: CustomerHistory;
  readonly deliveries: DayDelivery[];
  readonly intervals: Interval[];
}

/** A customer's posterior log base burn rate. */
export interface BurnEstimate {
  readonly logBurn: number;
  readonly variance: number;
  /** Share of the estimate that comes from the customer's own intervals (1 − shrinkage). */
  readonly ownWeight: number;
  readonly intervalsUsed: number;
  /** True when a level shift was detected and older intervals were dropped. */
  readonly changeDetected: boolean;
}

function logCapacity(history: CustomerHistory, type: TypeParams): number {
  const capacity = kgOf(history.cylindersOnSite);
  return capacity > 0 ? Math.log(capacity) : type.logCapacityMean;
}

function logRates(intervals: readonly Interval[], seasonality: Seasonality, effects: SeasonalEffects): number[] {
  return intervals.map((interval) => Math.log(interval.kg / seasonality.exposure(interval.startDay, interval.endDay, effects)));
}

/** Index from which the customer's rates form their current regime (0 when no shift is found). */
function latestRegimeStart(rates: readonly number[], residualSd: number, threshold: number): number {
  let best = 0;
  let bestT = threshold;
  for (let split = 2; split <= rates.length - 2; split++) {
    const before = rates.slice(0, split);
    const after = rates.slice(split);
    const t = Math.abs(mean(after) - mean(before)) / (residualSd * Math.sqrt(1 / before.length + 1 / after.length));
    if (t > bestT) {
      best = split;
      bestT = t;
    }
  }
  return best;
}

/**
 * Precision-weighted blend of the customer's recency-weighted mean log burn rate (over its
 * current regime) and its type's prior: a new customer starts at the type, a regular one is
 * driven by its own intervals.
 */
export function estimateBurn(
  history: CustomerHistory,
  intervals: readonly Interval[],
  asOfDay: number,
  params: RefillParams,
  seasonality: Seasonality,
): BurnEstimate {
  const type = params.types[history.type];
  const priorMean = type.logBurnMean + type.capacityElasticity * (logCapacity(history, type) - type.logCapacityMean);
  const rates = logRates(intervals, seasonality, type.seasonal);
  const start = latestRegimeStart(rates, type.residualSd, params.changeThreshold);
  const regime = rates.slice(start);
  const weights = intervals
    .slice(start)
    .map((interval) => 0.5 ** (Math.max(asOfDay - interval.endDay, 0) / params.recencyHalfLifeDays));
  const dataPrecision = regime.length === 0 ? 0 : effectiveSize(weights) / type.residualSd ** 2;
  const priorPrecision = 1 / type.logBurnVariance;
  const precision = dataPrecision + priorPrecision;
  const ownMean = regime.length === 0 ? priorMean : weightedMean(regime, weights);
  return {
    logBurn: (dataPrecision * ownMean + priorPrecision * priorMean) / precision,
    variance: 1 / precision,
    ownWeight: dataPrecision / precision,
    intervalsUsed: regime.length,
    changeDetected: start > 0,
  };
}

/** Log-normal distribution of the seasonally adjusted days from `startDay` to the next order. */
interface ExposureDistribution {
  readonly startDay: number;
  readonly center: number;
  readonly sd: number;
  readonly seasonal: SeasonalEffects;
}

/**
 * Day (fractional) by which the share `level` of next orders has come, given that none came in
 * the `elapsedExposure` adjusted days up to `asOfDay`; `exposureFactor` stretches the exposure
 * (e.g. to when the spares are burnt too).
 */
function conditionalDay(
  distribution: ExposureDistribution,
  asOfDay: number,
  elapsedExposure: number,
  level: number,
  seasonality: Seasonality,
  exposureFactor = 1,
): number {
  const { startDay, center, sd, seasonal } = distribution;
  const elapsedShare = elapsedExposure > 0 ? normalCdf((Math.log(elapsedExposure) - center) / sd) : 0;
  const conditional = Math.min(elapsedShare + level * (1 - elapsedShare), 0.999);
  const exposure = Math.exp(center + sd * normalQuantile(conditional)) * exposureFactor;
  return Math.max(startDay + seasonality.daysToBurn(startDay, exposure, seasonal), asOfDay);
}

/**
 * Gas still on site when the customer orders (the spares) lasts at the same burn rate, so the
 * run-out comes when the next order's kg and the rest on site are burnt: the order's exposure
 * scaled by this ratio.
 */
function runOutFactor(history: CustomerHistory, orderKg: number): number {
  return (orderKg + Math.max(kgOf(history.cylindersOnSite) - orderKg, 0)) / orderKg;
}

/** The next order from the deliveries so far; its kg is the gas the customer burns until it. */
function nextOrder(history: CustomerHistory, deliveries: readonly DayDelivery[], params: RefillParams): QuantityForecast {
  return forecastQuantity(params.orderSizes ?? {}, history, deliveries, () => firstOrder(history, params.types[history.type]));
}

/**
 * The early end of the interval. Offices plan early deliveries from it, so it must not fall after
 * the day the gas may run out: for a customer without spares, who orders once empty, the run-out
 * risk decides it; with spares the 10 % quantile of the order day does.
 */
function lowerDay(dayAt: (level: number, exposureFactor?: number) => number, runOutLevel: number, factor: number): number {
  return Math.min(dayAt(0.1), dayAt(runOutLevel, factor));
}

/** Distribution of the next order's day, in day numbers (fractional). */
export interface RefillForecast {
  readonly lastDeliveryDay: number | null;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  /** Median days from the last delivery to the next order, ignoring what has elapsed since. */
  readonly expectedIntervalDays: number;
  /** Calibrated sd of the log span the gas lasts: how predictable this customer's orders are. */
  readonly intervalLogSd: number;
  readonly burnRateKgPerDay: number;
  readonly estimate: BurnEstimate;
  readonly order: QuantityForecast;
}

export const RUN_OUT_RISK = 0.01;

/** What a customer without deliveries is expected to order first: its type's share of the cylinders on site. */
function firstOrder(history: CustomerHistory, type: TypeParams): CylinderCounts {
  const onSite = kgOf(history.cylindersOnSite) > 0;
  const expected: CylinderCounts = {};
  for (const size of CYLINDER_SIZES) {
    const count = onSite ? type.swapShare * (history.cylindersOnSite[size] ?? 0) : (type.typicalOrder[size] ?? 0);
    if (count > 0) expected[size] = Math.round(count * 100) / 100;
  }
  return expected;
}

/**
 * Forecasts the next order of a customer as of `asOfDay`: the gas delivered last lasts
 * kg / (burn · seasonal multiplier) days; the log of that span is normal around the estimate,
 * with the spread calibrated one step ahead in training, and conditioned on no order so far.
 * A quantile that falls on a closed day moves off it (`openOrderDay`), judged by the run-out at
 * the same quantile: the same customer's world, so the order stays monotone in the level. The
 * early end always moves before a closure, since it is the day to deliver by.
 */
export function forecastRefill(history: CustomerHistory, asOfDay: number, params: RefillParams, closed: ClosedDays = NO_CLOSURES): RefillForecast {
  const seasonality = seasonalityFor(params.temperatures);
  const type = params.types[history.type];
  const deliveries = deliveriesThrough(history, asOfDay);
  const estimate = estimateBurn(history, intervalsOf(deliveries), asOfDay, params, seasonality);
  const last = deliveries[deliveries.length - 1];
  const startDay = last?.day ?? asOfDay;
  const order = nextOrder(history, deliveries, params);
  const orderKg = Math.max(kgOf(order.expected), 1);
  const sd = Math.sqrt(type.residualSd ** 2 + estimate.variance);
  const distribution: ExposureDistribution = {
    startDay,
    center: Math.log(orderKg) - estimate.logBurn + params.calibration.bias * sd,
    sd: sd * params.calibration.scale,
    seasonal: type.seasonal,
  };
  const elapsed = seasonality.exposure(startDay, asOfDay, type.seasonal);
  const dayAt = (level: number, exposureFactor = 1): number =>
    conditionalDay(distribution, asOfDay, elapsed, level, seasonality, exposureFactor);
  const factor = runOutFactor(history, orderKg);
  const at = (level: number): number => openOrderDay(closed, dayAt(level), () => dayAt(level, factor), asOfDay);
  const early = lowerDay(dayAt, params.calibration.runOutLevel, factor);
  return {
    lastDeliveryDay: last?.day ?? null,
    p10: openOrderDay(closed, early, () => early, asOfDay),
    p50: at(0.5),
    p90: at(0.9),
    expectedIntervalDays: seasonality.daysToBurn(startDay, Math.exp(distribution.center), type.seasonal),
    intervalLogSd: distribution.sd,
    burnRateKgPerDay: Math.exp(estimate.logBurn) * seasonality.multiplier(asOfDay, type.seasonal),
    estimate,
    order,
  };
}

function fitSeasonal(groups: readonly CustomerIntervals[], seasonality: Seasonality, prior: SeasonalEffects, pooling: number): SeasonalEffects {
  const xtx = [
    [pooling, 0],
    [0, pooling],
  ];
  const xty = [pooling * prior.coldPerDegree, pooling * prior.lunarNewYear];
  for (const group of groups) {
    if (group.intervals.length < 2) continue;
    const rows = group.intervals.map((interval) => {
      const covariates = seasonality.meanCovariates(interval.startDay, interval.endDay);
      return [covariates.cold, covariates.lunarNewYear, Math.log(interval.kg / (interval.endDay - interval.startDay))];
    });
    const centre = [0, 1, 2].map((k) => mean(rows.map((row) => row[k] ?? 0)));
    for (const row of rows) {
      const x = [(row[0] ?? 0) - (centre[0] ?? 0), (row[1] ?? 0) - (centre[1] ?? 0)];
      const y = (row[2] ?? 0) - (centre[2] ?? 0);
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) (xtx[i] ?? [])[j] = (xtx[i]?.[j] ?? 0) + (x[i] ?? 0) * (x[j] ?? 0);
        xty[i] = (xty[i] ?? 0) + (x[i] ?? 0) * y;
      }
    }
  }
  const [coldPerDegree = 0, lunarNewYear = 0] = solveLinear(xtx, xty);
  return { coldPerDegree: clamp(coldPerDegree, -0.2, 0.2), lunarNewYear: clamp(lunarNewYear, -1, 1) };
}

function fitType(groups: readonly CustomerIntervals[], seasonality: Seasonality, seasonal: SeasonalEffects): TypeParams {
  const withCapacity = groups.filter((group) => kgOf(group.history.cylindersOnSite) > 0);
  const swapShares = withCapacity.flatMap((group) =>
    group.deliveries.map((delivery) => delivery.kg / kgOf(group.history.cylindersOnSite)),
  );
  const allDeliveries = groups.flatMap((group) => group.deliveries);
  const typicalOrder: CylinderCounts = {};
  for (const size of CYLINDER_SIZES) {
    const count = mean(allDeliveries.map((delivery) => delivery.cylinders[size] ?? 0));
    if (count > 0) typicalOrder[size] = count;
  }
  const customers = groups
    .filter((group) => group.intervals.length > 0)
    .map((group) => {
      const rates = logRates(group.intervals, seasonality, seasonal);
      const capacity = kgOf(group.history.cylindersOnSite);
      return { rates, mean: mean(rates), logCapacity: capacity > 0 ? Math.log(capacity) : null };
    });
  const withinSquares = sum(customers.flatMap((c) => c.rates.map((rate) => (rate - c.mean) ** 2)));
  const withinDof = sum(customers.map((c) => c.rates.length - 1));
  const residualSd = Math.max(withinDof > 0 ? Math.sqrt(withinSquares / withinDof) : 0.3, MIN_RESIDUAL_SD);
  const sized = customers.filter((c): c is typeof c & { logCapacity: number } => c.logCapacity !== null);
  const logCapacityMean = sized.length > 0 ? mean(sized.map((c) => c.logCapacity)) : 0;
  const capacityVariance = mean(sized.map((c) => (c.logCapacity - logCapacityMean) ** 2));
  const capacityElasticity =
    sized.length >= 5 && capacityVariance > 1e-6
      ? clamp(
          mean(sized.map((c) => (c.logCapacity - logCapacityMean) * (c.mean - mean(sized.map((s) => s.mean))))) / capacityVariance,
          0,
          1.5,
        )
      : 0;
  const adjusted = customers.map((c) => c.mean - capacityElasticity * ((c.logCapacity ?? logCapacityMean) - logCapacityMean));
  const logBurnMean = mean(adjusted);
  const noise = mean(customers.map((c) => residualSd ** 2 / c.rates.length));
  return {
    customers: customers.length,
    logBurnMean,
    capacityElasticity,
    logCapacityMean,
    logBurnVariance: Math.max(mean(adjusted.map((value) => (value - logBurnMean) ** 2)) - noise, MIN_LOG_BURN_VARIANCE),
    residualSd,
    seasonal,
    swapShare: swapShares.length > 0 ? clamp(mean(swapShares), 0.05, 1) : 0.5,
    typicalOrder,
  };
}

interface OneStep {
  readonly startDay: number;
  readonly endDay: number;
  readonly center: number;
  readonly sd: number;
  readonly seasonal: SeasonalEffects;
  /** (order kg + the rest on site) / order kg: how much longer than the order the gas lasts. */
  readonly runOutFactor: number;
}

/** Every customer's history replayed: each interval predicted from the intervals before it. */
function oneStepPredictions(groups: readonly CustomerIntervals[], params: RefillParams, seasonality: Seasonality): OneStep[] {
  const steps: OneStep[] = [];
  for (const group of groups) {
    const type = params.types[group.history.type];
    for (let i = 1; i < group.intervals.length; i++) {
      const interval = group.intervals[i];
      if (interval === undefined) continue;
      const estimate = estimateBurn(group.history, group.intervals.slice(0, i), interval.startDay, params, seasonality);
      // As production asks it: the kg of the coming order is forecast, not yet known.
      const orderKg = Math.max(kgOf(nextOrder(group.history, group.deliveries.slice(0, i + 1), params).expected), 1);
      steps.push({
        startDay: interval.startDay,
        endDay: interval.endDay,
        center: Math.log(orderKg) - estimate.logBurn,
        sd: Math.sqrt(type.residualSd ** 2 + estimate.variance),
        seasonal: type.seasonal,
        runOutFactor: runOutFactor(group.history, orderKg),
      });
    }
  }
  return steps;
}

const TARGET_COVERAGE = 0.8;
/** Where inside each replayed interval the calibration asks, as shares of its length. */
const CALIBRATION_ORIGINS = [0, 1 / 3, 2 / 3];

/**
 * Calibrates the log-interval distribution on one-step-ahead predictions. The bias is the median
 * standardised error. The spread is scaled so that whole-day [p10, p90] dates, asked at several
 * points inside each interval as production asks them (conditional on no order yet, weighted by
 * interval length as calendar origins fall), contain 80 % of actual order days.
 */
function calibrate(steps: readonly OneStep[], seasonality: Seasonality): RefillParams['calibration'] {
  const errors = steps.map((step) => (Math.log(seasonality.exposure(step.startDay, step.endDay, step.seasonal)) - step.center) / step.sd);
  const bias = quantile(errors, 0.5);
  const questions = steps.flatMap((step) =>
    CALIBRATION_ORIGINS.map((share) => {
      const asOfDay = step.startDay + Math.floor(share * (step.endDay - step.startDay));
      return { step, asOfDay, elapsed: seasonality.exposure(step.startDay, asOfDay, step.seasonal), weight: step.endDay - step.startDay };
    }),
  );
  const totalWeight = sum(questions.map((question) => question.weight));
  const runOutError = quantile(errors, RUN_OUT_RISK);
  const runOutLevelAt = (scale: number): number => clamp(normalCdf((runOutError - bias) / scale), 1e-4, RUN_OUT_RISK);
  const coverage = (scale: number): number => {
    const runOutLevel = runOutLevelAt(scale);
    return (
      sum(
        questions.map(({ step, asOfDay, elapsed, weight }) => {
          const distribution = { startDay: step.startDay, center: step.center + bias * step.sd, sd: step.sd * scale, seasonal: step.seasonal };
          const dayAt = (level: number, factor = 1): number => conditionalDay(distribution, asOfDay, elapsed, level, seasonality, factor);
          const low = Math.round(lowerDay(dayAt, runOutLevel, step.runOutFactor));
          return step.endDay >= low && step.endDay <= Math.round(dayAt(0.9)) ? weight : 0;
        }),
      ) / totalWeight
    );
  };
  let low = 0.2;
  let high = 3;
  for (let iteration = 0; iteration < 14; iteration++) {
    const middle = (low + high) / 2;
    if (coverage(middle) < TARGET_COVERAGE) low = middle;
    else high = middle;
  }
  const scale = (low + high) / 2;
  return { bias, scale, runOutLevel: runOutLevelAt(scale) };
}

/** Fits burn-rate priors, seasonality and the interval calibration from every customer's history. */
export function fitRefill(history: DeliveryHistory, throughDay: number, options: RefillFitOptions = {}): RefillParams {
  const temperatures = options.temperatures ?? {};
  const seasonality = seasonalityFor(temperatures);
  const groups: CustomerIntervals[] = history.map((customer) => {
    const deliveries = deliveriesThrough(customer, throughDay);
    return { history: customer, deliveries, intervals: intervalsOf(deliveries) };
  });
  const pooledSeasonal = fitSeasonal(groups, seasonality, { coldPerDegree: 0, lunarNewYear: 0 }, 1);
  const pooled = fitType(groups, seasonality, pooledSeasonal);
  const types = Object.fromEntries(
    CUSTOMER_TYPES.map((type) => {
      const members = groups.filter((group) => group.history.type === type);
      const fitted = fitType(members, seasonality, fitSeasonal(members, seasonality, pooledSeasonal, SEASONAL_POOLING));
      return [type, fitted.customers >= 3 ? fitted : { ...pooled, customers: 0 }];
    }),
  ) as Record<CustomerType, TypeParams>;
  const uncalibrated: RefillParams = {
    recencyHalfLifeDays: options.recencyHalfLifeDays ?? DEFAULT_HALF_LIFE_DAYS,
    changeThreshold: options.changeThreshold ?? DEFAULT_CHANGE_THRESHOLD,
    calibration: { bias: 0, scale: 1, runOutLevel: RUN_OUT_RISK },
    temperatures,
    types,
    orderSizes: fitQuantity(history, throughDay),
  };
  const steps = oneStepPredictions(groups, uncalibrated, seasonality);
  return steps.length < 20 ? uncalibrated : { ...uncalibrated, calibration: calibrate(steps, seasonality) };
}
