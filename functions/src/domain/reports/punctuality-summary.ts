/**
 * 準時率 summed over days, per driver and for everyone: shared by 報表's page (over the live counters) and its CSV
 * (`GET /api/reports/punctuality/export`), so both say the same.
 */
/** `reports/punctuality-<day>`: each driver's stops that Taipei day (`punctuality.ts`). */
export interface PunctualityReport {
  readonly id: string;
  readonly day: string;
  readonly drivers?: Readonly<Record<string, Partial<DriverCounters>>>;
}

export interface DriverCounters {
  readonly delivered: number;
  readonly onTime: number;
  readonly late: number;
  readonly early: number;
  /** Delivered with neither a time window nor a told hour: not in the rate. */
  readonly unpromised: number;
  readonly failed: number;
  readonly minutesLate: number;
}

export interface DriverPunctuality extends DriverCounters {
  readonly driverId: string;
  /** On time ÷ deliveries that had a promise; null with none. */
  readonly onTimeRate: number | null;
  /** Mean minutes late of the late ones; null with none late. */
  readonly averageLate: number | null;
}

export interface PunctualitySummary {
  readonly drivers: DriverPunctuality[];
  readonly all: DriverPunctuality;
}

const ZERO: DriverCounters = { delivered: 0, onTime: 0, late: 0, early: 0, unpromised: 0, failed: 0, minutesLate: 0 };
const FIELDS = Object.keys(ZERO) as (keyof DriverCounters)[];

function withRates(driverId: string, c: DriverCounters): DriverPunctuality {
  const promised = c.onTime + c.late + c.early;
  return { driverId, ...c, onTimeRate: promised > 0 ? c.onTime / promised : null, averageLate: c.late > 0 ? c.minutesLate / c.late : null };
}

/**
 * Sums the days' counters per driver and for everyone: drivers with the lowest on-time rate first
 * (the ones the office talks to), those without a promised stop last.
 */
export function punctualityByDriver(reports: readonly PunctualityReport[]): PunctualitySummary {
  const sums = new Map<string, Record<keyof DriverCounters, number>>();
  for (const r of reports) {
    for (const [driverId, counters] of Object.entries(r.drivers ?? {})) {
      const sum = sums.get(driverId) ?? { ...ZERO };
      sums.set(driverId, sum);
      for (const f of FIELDS) sum[f] += counters[f] ?? 0;
    }
  }
  const drivers = [...sums].map(([id, c]) => withRates(id, c));
  const total = { ...ZERO } as Record<keyof DriverCounters, number>;
  for (const d of drivers) for (const f of FIELDS) total[f] += d[f];
  drivers.sort((a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2) || a.driverId.localeCompare(b.driverId));
  return { drivers, all: withRates('', total) };
}
