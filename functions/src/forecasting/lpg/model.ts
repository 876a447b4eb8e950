import { dayNumber, isoDate } from './calendar';
import { NO_CLOSURES, type ClosedDays } from './closures';
import { fitChurn, churnFeatures, scoreChurn, type ChurnParams, type ChurnScore } from './churn';
import { deliveriesThrough } from './history';
import type { QuantityRange } from './quantity-model';
import { fitRefill, forecastRefill, type RefillFitOptions, type RefillParams } from './refill-model';
import type { CustomerHistory, CylinderCounts, CylinderSize, DeliveryHistory, IsoDate } from './types';

export const LPG_MODEL = { name: 'lpg-refill-eb', version: '1.1.0' } as const;

/** Everything `predict` needs; plain JSON so a pipeline can store, compare and activate versions. */
export interface ModelParams {
  readonly model: { readonly name: string; readonly version: string };
  /** Last day of history the parameters saw. */
  readonly trainedThrough: IsoDate;
  readonly customers: number;
  readonly refill: RefillParams;
  readonly churn: ChurnParams;
}

export interface Prediction {
  readonly model: { readonly name: string; readonly version: string };
  readonly customerId: string;
  readonly asOf: IsoDate;
  readonly lastDeliveryDate: IsoDate | null;
  /**
   * Date the customer will next order (p10 early, p50 median, p90 late). p10 is never after the
   * day the gas may run out (1 % risk), so for a customer without spares it comes earlier than
   * the plain 10 % quantile.
   */
  readonly nextOrderDate: { readonly p10: IsoDate; readonly p50: IsoDate; readonly p90: IsoDate };
  /**
   * Deliver by this date to keep the chance of running out of gas at about 1 %. This model plans
   * on p10, which is built to be safe; a remote model may answer an earlier day.
   */
  readonly safeDeliveryDate: IsoDate;
  /** Median days between the last delivery and the next order. */
  readonly expectedIntervalDays: number;
  /** Calibrated sd of the log interval between orders: how predictable this customer's orders are. */
  readonly intervalLogSd: number;
  readonly burnRateKgPerDay: number;
  /** Expected cylinders in the next order, by size (fractional: an expectation). */
  readonly expectedQuantity: CylinderCounts;
  /** Whole cylinders in the next order by size (10/50/90 % quantiles); empty without deliveries. */
  readonly quantityRange: Partial<Record<CylinderSize, QuantityRange>>;
  /** Share of the burn-rate estimate from the customer's own history (the rest is its type's prior). */
  readonly ownHistoryWeight: number;
  /** True when a recent change in consumption made older history be ignored. */
  readonly behaviourChangeDetected: boolean;
  readonly churn: ChurnScore;
}

export type FitOptions = RefillFitOptions & { readonly asOf?: IsoDate };

function lastDay(history: DeliveryHistory): number {
  const days = history.flatMap((customer) => customer.deliveries.map((delivery) => dayNumber(delivery.date)));
  return days.length > 0 ? Math.max(...days) : 0;
}

/** Fits the refill and churn models from every customer's history (up to `options.asOf`). */
export function fit(history: DeliveryHistory, options: FitOptions = {}): ModelParams {
  const throughDay = options.asOf === undefined ? lastDay(history) : dayNumber(options.asOf);
  const refill = fitRefill(history, throughDay, options);
  return {
    model: { ...LPG_MODEL },
    trainedThrough: isoDate(throughDay),
    customers: history.length,
    refill,
    churn: fitChurn(history, throughDay, refill),
  };
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Predicts the next order and the churn risk of one customer from what was known on `asOf`; no
 * order date falls on a `closed` day (see `forecastRefill`).
 */
export function predict(params: ModelParams, customer: CustomerHistory, asOf: IsoDate, closed: ClosedDays = NO_CLOSURES): Prediction {
  const asOfDay = dayNumber(asOf);
  const forecast = forecastRefill(customer, asOfDay, params.refill, closed);
  const last = deliveriesThrough(customer, asOfDay).at(-1);
  return {
    model: { ...params.model },
    customerId: customer.customerId,
    asOf,
    lastDeliveryDate: last === undefined ? null : isoDate(last.day),
    nextOrderDate: {
      p10: isoDate(Math.round(forecast.p10)),
      p50: isoDate(Math.round(forecast.p50)),
      p90: isoDate(Math.round(forecast.p90)),
    },
    safeDeliveryDate: isoDate(Math.round(forecast.p10)),
    expectedIntervalDays: roundTo(forecast.expectedIntervalDays, 1),
    intervalLogSd: roundTo(forecast.intervalLogSd, 3),
    burnRateKgPerDay: roundTo(forecast.burnRateKgPerDay, 3),
    expectedQuantity: forecast.order.expected,
    quantityRange: forecast.order.range,
    ownHistoryWeight: roundTo(forecast.estimate.ownWeight, 3),
    behaviourChangeDetected: forecast.estimate.changeDetected,
    churn: scoreChurn(params.churn, churnFeatures(customer, asOfDay, params.refill, forecast)),
  };
}
