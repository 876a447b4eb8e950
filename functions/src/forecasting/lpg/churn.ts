import { dayNumber } from './calendar';
import { deliveriesThrough, eventDaysThrough, intervalsOf, seasonalityFor } from './history';
import { forecastRefill, type RefillForecast, type RefillParams } from './refill-model';
import { clamp, fitLogistic, logistic, mean, sum } from '../stats';
import type { CustomerHistory, DeliveryHistory } from './types';

/** Coded churn reasons, each backed by one feature of the churn model. */
export const CHURN_REASONS = ['OVERDUE', 'DECLINING_FREQUENCY', 'FAILED_DELIVERIES', 'COMPLAINTS', 'PRICE_INCREASE'] as const;
export type ChurnReason = (typeof CHURN_REASONS)[number];

export interface ChurnParams {
  readonly intercept: number;
  readonly coefficients: Readonly<Record<ChurnReason, number>>;
  /** Training samples behind the coefficients (0 = the prior only). */
  readonly samples: number;
}

export interface ChurnScore {
  /** Probability of no order within twice the expected interval from the as-of date. */
  readonly probability: number;
  /** Reasons that raise the risk, weights summing to 1, largest first. */
  readonly reasons: readonly { readonly code: ChurnReason; readonly weight: number }[];
}

/**
 * Prior log-odds effects (MAP centre): what the business knows before data arrives, so a reason
 * the training history never shows (e.g. no complaints recorded yet) still counts.
 */
const PRIOR: ChurnParams = {
  intercept: -3,
  coefficients: {
    OVERDUE: 1,
    DECLINING_FREQUENCY: 0.6,
    FAILED_DELIVERIES: 0.7,
    COMPLAINTS: 0.8,
    PRICE_INCREASE: 8,
  },
  samples: 0,
};
const PRIOR_SD: Readonly<Record<ChurnReason | 'intercept', number>> = {
  intercept: 2,
  OVERDUE: 1,
  DECLINING_FREQUENCY: 0.5,
  FAILED_DELIVERIES: 0.5,
  COMPLAINTS: 0.5,
  PRICE_INCREASE: 5,
};

const FAILED_LOOKBACK_DAYS = 60;
/** Beyond this many standard deviations a silence says nothing more. */
const MAX_OVERDUE_SDS = 8;

/**
 * How far past the expected interval the silence is, in the refill model's own standard
 * deviations of the log interval (0 before it): the same days overdue mean more for a customer
 * who always orders on time than for an erratic one. (A plain log ratio under-predicted churn by a
 * third on the simulator, whose customers call early or late.)
 */
function overdue(elapsedDays: number, expectedDays: number, logSd: number): number {
  const logRatio = Math.log(Math.max(elapsedDays, 1) / Math.max(expectedDays, 1));
  return Math.min(Math.max(logRatio, 0) / Math.max(logSd, 0.05), MAX_OVERDUE_SDS);
}
const COMPLAINT_LOOKBACK_DAYS = 90;
const PRICE_LOOKBACK_DAYS = 90;

/**
 * The churn features of a customer as of a day, keyed by the reason they stand for. Callers that
 * already forecast the refill for that day pass it, so it is not computed twice.
 */
export function churnFeatures(
  history: CustomerHistory,
  asOfDay: number,
  refill: RefillParams,
  forecast: RefillForecast = forecastRefill(history, asOfDay, refill),
): Record<ChurnReason, number> {
  const elapsed = forecast.lastDeliveryDay === null ? 0 : asOfDay - forecast.lastDeliveryDay;
  const recentCount = (days: number[], lookback: number): number => days.filter((day) => day > asOfDay - lookback).length;
  const priceIncrease = sum(
    (history.priceChanges ?? [])
      .filter((change) => {
        const day = dayNumber(change.date);
        return day <= asOfDay && day > asOfDay - PRICE_LOOKBACK_DAYS;
      })
      .map((change) => Math.max(change.relativeChange, 0)),
  );
  return {
    OVERDUE: overdue(elapsed, forecast.expectedIntervalDays, forecast.intervalLogSd),
    DECLINING_FREQUENCY: decliningFrequency(history, asOfDay, refill),
    FAILED_DELIVERIES: Math.min(recentCount(eventDaysThrough(history.failedDeliveries, asOfDay), FAILED_LOOKBACK_DAYS), 3),
    COMPLAINTS: Math.min(recentCount(eventDaysThrough(history.complaints, asOfDay), COMPLAINT_LOOKBACK_DAYS), 3),
    PRICE_INCREASE: Math.min(priceIncrease, 0.5),
  };
}

/**
 * How far the last two intervals' burn rates fell below the customer's earlier level, in
 * residual standard deviations (0 when they did not fall). Fewer kg per day means rarer orders.
 */
function decliningFrequency(history: CustomerHistory, asOfDay: number, refill: RefillParams): number {
  const intervals = intervalsOf(deliveriesThrough(history, asOfDay));
  if (intervals.length < 4) return 0;
  const seasonality = seasonalityFor(refill.temperatures);
  const type = refill.types[history.type];
  const rates = intervals.map((interval) =>
    Math.log(interval.kg / seasonality.exposure(interval.startDay, interval.endDay, type.seasonal)),
  );
  const drop = mean(rates.slice(0, -2)) - mean(rates.slice(-2));
  return clamp(drop / type.residualSd, 0, 3);
}

function linearScore(params: ChurnParams, features: Record<ChurnReason, number>): number {
  return params.intercept + sum(CHURN_REASONS.map((reason) => params.coefficients[reason] * features[reason]));
}

export function scoreChurn(params: ChurnParams, features: Record<ChurnReason, number>): ChurnScore {
  const contributions = CHURN_REASONS.map((code) => ({ code, value: params.coefficients[code] * features[code] })).filter(
    (contribution) => contribution.value > 1e-9,
  );
  const total = sum(contributions.map((contribution) => contribution.value));
  return {
    probability: logistic(linearScore(params, features)),
    reasons: contributions
      .map((contribution) => ({ code: contribution.code, weight: Math.round((contribution.value / total) * 1000) / 1000 }))
      .sort((a, b) => b.weight - a.weight),
  };
}

interface ChurnSample {
  readonly features: Record<ChurnReason, number>;
  readonly churned: boolean;
}

const ORIGIN_STEP_DAYS = 30;

/**
 * Samples every customer monthly: features as of the origin, label = no delivery within twice
 * the expected interval after it. Origins whose label window runs past the data are censored.
 */
function churnSamples(history: DeliveryHistory, throughDay: number, refill: RefillParams): ChurnSample[] {
  const samples: ChurnSample[] = [];
  for (const customer of history) {
    const days = deliveriesThrough(customer, throughDay).map((delivery) => delivery.day);
    const first = days[0];
    if (first === undefined) continue;
    for (let origin = first + ORIGIN_STEP_DAYS; origin < throughDay; origin += ORIGIN_STEP_DAYS) {
      if (days.filter((day) => day <= origin).length < 2) continue;
      const forecast = forecastRefill(customer, origin, refill);
      const windowEnd = origin + 2 * Math.max(forecast.expectedIntervalDays, 1);
      if (windowEnd > throughDay) break;
      samples.push({
        features: churnFeatures(customer, origin, refill, forecast),
        churned: !days.some((day) => day > origin && day <= windowEnd),
      });
    }
  }
  return samples;
}

/**
 * MAP logistic regression with a Gaussian prior centred on PRIOR (Newton steps): with little
 * data the business prior stands, with plenty the data decide.
 */
export function fitChurn(history: DeliveryHistory, throughDay: number, refill: RefillParams): ChurnParams {
  const samples = churnSamples(history, throughDay, refill);
  const priorMean = [PRIOR.intercept, ...CHURN_REASONS.map((reason) => PRIOR.coefficients[reason])];
  const priorPrecision = (['intercept', ...CHURN_REASONS] as const).map((name) => 1 / PRIOR_SD[name] ** 2);
  const beta = fitLogistic(
    samples.map((sample) => ({
      x: [1, ...CHURN_REASONS.map((reason) => sample.features[reason])],
      successes: sample.churned ? 1 : 0,
      trials: 1,
    })),
    priorMean,
    priorPrecision,
  );
  return {
    intercept: beta[0] ?? PRIOR.intercept,
    coefficients: Object.fromEntries(CHURN_REASONS.map((reason, i) => [reason, beta[i + 1] ?? 0])) as Record<ChurnReason, number>,
    samples: samples.length,
  };
}
