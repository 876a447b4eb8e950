import { dailyTemperature, dayNumber, inLunarNewYearWindow, REFERENCE_TEMP_C } from './calendar';
import { CYLINDER_SIZES, type CustomerHistory, type CylinderCounts, type MonthlyTemperatures } from './types';

/** Deliveries of one customer merged per day and sorted, as day numbers. */
export interface DayDelivery {
  readonly day: number;
  readonly cylinders: CylinderCounts;
  readonly kg: number;
}

export function kgOf(cylinders: CylinderCounts): number {
  return CYLINDER_SIZES.reduce((total, size) => total + size * (cylinders[size] ?? 0), 0);
}

function addCounts(a: CylinderCounts, b: CylinderCounts): CylinderCounts {
  const total: CylinderCounts = {};
  for (const size of CYLINDER_SIZES) {
    const count = (a[size] ?? 0) + (b[size] ?? 0);
    if (count !== 0) total[size] = count;
  }
  return total;
}

/** Successful deliveries up to and including `throughDay`, one per day, oldest first. */
export function deliveriesThrough(history: CustomerHistory, throughDay: number): DayDelivery[] {
  const byDay = new Map<number, CylinderCounts>();
  for (const delivery of history.deliveries) {
    const day = dayNumber(delivery.date);
    if (day > throughDay) continue;
    byDay.set(day, addCounts(byDay.get(day) ?? {}, delivery.cylinders));
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, cylinders]) => ({ day, cylinders, kg: kgOf(cylinders) }))
    .filter((delivery) => delivery.kg > 0);
}

export function eventDaysThrough(dates: readonly string[] | undefined, throughDay: number): number[] {
  return (dates ?? []).map(dayNumber).filter((day) => day <= throughDay);
}

/** Multiplicative seasonal effects on the daily burn rate, as log coefficients. */
export interface SeasonalEffects {
  /** Log burn change per °C below the reference (annual mean) temperature. */
  readonly coldPerDegree: number;
  /** Log burn change on days in the Lunar New Year window. */
  readonly lunarNewYear: number;
}

export interface DayCovariates {
  /** °C below the reference temperature. */
  readonly cold: number;
  /** 1 inside the Lunar New Year window, else 0. */
  readonly lunarNewYear: number;
}

/** The shared Seasonality of a temperature table (its day cache is what makes training fast). */
const shared = new WeakMap<MonthlyTemperatures, Seasonality>();

export function seasonalityFor(temperatures: MonthlyTemperatures): Seasonality {
  let found = shared.get(temperatures);
  if (found === undefined) {
    found = new Seasonality(temperatures);
    shared.set(temperatures, found);
  }
  return found;
}

/** Day covariates under one temperature source, memoised (training touches each day many times). */
export class Seasonality {
  private readonly cache = new Map<number, DayCovariates>();

  constructor(readonly temperatures: MonthlyTemperatures) {}

  covariates(day: number): DayCovariates {
    let found = this.cache.get(day);
    if (found === undefined) {
      found = {
        cold: REFERENCE_TEMP_C - dailyTemperature(day, this.temperatures),
        lunarNewYear: inLunarNewYearWindow(day) ? 1 : 0,
      };
      this.cache.set(day, found);
    }
    return found;
  }

  multiplier(day: number, effects: SeasonalEffects): number {
    const { cold, lunarNewYear } = this.covariates(day);
    return Math.exp(effects.coldPerDegree * cold + effects.lunarNewYear * lunarNewYear);
  }

  /** Seasonally adjusted days in [start, end): the burn of a unit base rate over that span. */
  exposure(start: number, end: number, effects: SeasonalEffects): number {
    let total = 0;
    for (let day = start; day < end; day++) total += this.multiplier(day, effects);
    return total;
  }

  /** Mean covariates over the days in [start, end). */
  meanCovariates(start: number, end: number): DayCovariates {
    let cold = 0;
    let lunarNewYear = 0;
    for (let day = start; day < end; day++) {
      const covariates = this.covariates(day);
      cold += covariates.cold;
      lunarNewYear += covariates.lunarNewYear;
    }
    const days = Math.max(end - start, 1);
    return { cold: cold / days, lunarNewYear: lunarNewYear / days };
  }

  /**
   * Days after `start` until a unit base rate has burnt `exposure` seasonally adjusted days,
   * interpolated within the last day; beyond `maxDays` the rate of the last day is extrapolated.
   */
  daysToBurn(start: number, exposure: number, effects: SeasonalEffects, maxDays = 1500): number {
    let burnt = 0;
    for (let offset = 0; offset < maxDays; offset++) {
      const today = this.multiplier(start + offset, effects);
      if (burnt + today >= exposure) return offset + (exposure - burnt) / today;
      burnt += today;
    }
    return maxDays + (exposure - burnt) / this.multiplier(start + maxDays, effects);
  }
}

/**
 * One gap between consecutive deliveries and the gas burnt in it. Cylinders are exchanged: the
 * delivery at its end swaps the cylinders emptied since the one at its start, so the kg it brought
 * is what was burnt. (Taking the start's kg instead assumes every call comes after the same
 * number of empties; customers with spares call early or late.)
 */
export interface Interval {
  readonly startDay: number;
  readonly endDay: number;
  readonly kg: number;
}

export function intervalsOf(deliveries: readonly DayDelivery[]): Interval[] {
  const intervals: Interval[] = [];
  for (let i = 0; i + 1 < deliveries.length; i++) {
    const start = deliveries[i];
    const end = deliveries[i + 1];
    if (start === undefined || end === undefined) continue;
    intervals.push({ startDay: start.day, endDay: end.day, kg: end.kg });
  }
  return intervals;
}
