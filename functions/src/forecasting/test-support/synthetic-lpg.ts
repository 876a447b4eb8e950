import { dayNumber, isoDate, inLunarNewYearWindow, dailyTemperature, REFERENCE_TEMP_C } from '../lpg/calendar';
import type { CustomerHistory, CustomerType, CylinderSize, Delivery, IsoDate, PriceChange } from '../lpg/types';
import { Random } from './random';

/** How one simulated customer really behaves (what the models try to recover). */
export interface CustomerTruth {
  readonly customerId: string;
  readonly type: CustomerType;
  /** Base burn rate, kg/day, before seasonality and any behaviour change. */
  readonly baseBurn: number;
  readonly coldPerDegree: number;
  readonly lunarNewYear: number;
  /** Day the burn rate was multiplied by `changeFactor`, if it changed. */
  readonly changeDay?: number;
  readonly changeFactor?: number;
  /** Day from which the customer no longer orders, if it churns. */
  readonly churnDay?: number;
  /** For each delivery date: the date the gas would have run out without that delivery. */
  readonly runOutByDelivery: ReadonlyMap<IsoDate, IsoDate>;
}

export interface SyntheticWorld {
  readonly history: CustomerHistory[];
  readonly truth: ReadonlyMap<string, CustomerTruth>;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

export interface SyntheticOptions {
  readonly customers: number;
  readonly seed: number;
  readonly start?: IsoDate;
  readonly days?: number;
  /** Share of customers whose consumption jumps or drops once. */
  readonly changeShare?: number;
  /** Share of customers who stop ordering. */
  readonly churnShare?: number;
  /** Day-to-day multiplicative noise (log sd) of the burn. */
  readonly dailyNoise?: number;
}

interface Profile {
  readonly type: CustomerType;
  readonly share: number;
  readonly setups: readonly { size: CylinderSize; count: number; batch: number }[];
  readonly medianBurn: number;
  readonly coldPerDegree: number;
  readonly lunarNewYear: number;
}

/** Rough Taipei distributor mix; burn rates in kg/day. */
const PROFILES: readonly Profile[] = [
  {
    type: 'household',
    share: 0.7,
    setups: [
      { size: 20, count: 2, batch: 1 },
      { size: 16, count: 2, batch: 1 },
      { size: 10, count: 2, batch: 1 },
      { size: 20, count: 1, batch: 1 },
    ],
    medianBurn: 0.55,
    coldPerDegree: 0.04,
    lunarNewYear: 0.3,
  },
  {
    type: 'restaurant',
    share: 0.15,
    setups: [
      { size: 50, count: 2, batch: 1 },
      { size: 20, count: 4, batch: 2 },
    ],
    medianBurn: 4,
    coldPerDegree: 0.015,
    lunarNewYear: 0.4,
  },
  {
    type: 'commercial',
    share: 0.1,
    setups: [
      { size: 20, count: 3, batch: 2 },
      { size: 50, count: 2, batch: 1 },
      { size: 4, count: 4, batch: 2 },
    ],
    medianBurn: 2,
    coldPerDegree: 0.02,
    lunarNewYear: 0.1,
  },
  {
    type: 'industrial',
    share: 0.05,
    setups: [{ size: 50, count: 6, batch: 3 }],
    medianBurn: 18,
    coldPerDegree: 0.005,
    lunarNewYear: -0.4,
  },
];

function pickProfile(random: Random): Profile {
  let u = random.next();
  for (const profile of PROFILES) {
    u -= profile.share;
    if (u <= 0) return profile;
  }
  return PROFILES[0] as Profile;
}

/**
 * Simulates customers day by day: gas burns at base × seasonal × noise; a customer orders when
 * about `batch` cylinders are empty (one in use keeps them going; customers with three or more
 * cylinders call one early or one late now and then), the delivery comes 0–2 days later and
 * occasionally fails first, and the driver swaps every cylinder that is empty by then. So order
 * sizes vary as they do in the trade. Deterministic for a given seed.
 */
export function generateLpgHistory(options: SyntheticOptions): SyntheticWorld {
  const random = new Random(options.seed);
  const start = dayNumber(options.start ?? '2025-01-01');
  const days = options.days ?? 365;
  const end = start + days - 1;
  const history: CustomerHistory[] = [];
  const truth = new Map<string, CustomerTruth>();
  const priceRiseDays = [start + Math.floor(days * 0.3), start + Math.floor(days * 0.75)];
  for (let index = 0; index < options.customers; index++) {
    const profile = pickProfile(random);
    const setup = random.pick(profile.setups);
    const customerId = `C${String(index + 1).padStart(4, '0')}`;
    const baseBurn = profile.medianBurn * Math.exp(0.35 * random.normal());
    const changes = random.next() < (options.changeShare ?? 0.1);
    const changeDay = changes ? start + random.integer(Math.floor(days * 0.4), Math.floor(days * 0.8)) : undefined;
    const changeFactor = changes ? random.pick([0.6, 1.6]) : undefined;
    const churns = random.next() < (options.churnShare ?? 0.08);
    const churnDay = churns ? start + random.integer(Math.floor(days * 0.3), days - 30) : undefined;
    const capacity = setup.size * setup.count;
    let gas = capacity * (0.3 + 0.7 * random.next());
    let pendingDelivery: number | undefined;
    const deliveries: Delivery[] = [];
    const failedDeliveries: IsoDate[] = [];
    const complaints: IsoDate[] = [];
    const runOutByDelivery = new Map<IsoDate, IsoDate>();
    let orderRunOut: number | undefined;
    // How many empties this customer waits for before the next call.
    const nextThreshold = (): number =>
      setup.count < 3 ? setup.batch : Math.min(Math.max(setup.batch + random.pick([-1, 0, 0, 0, 0, 0, 0, 1]), 1), setup.count - 1);
    let threshold = nextThreshold();
    const noise = options.dailyNoise ?? 0.3;
    for (let day = start; day <= end; day++) {
      const cold = REFERENCE_TEMP_C - dailyTemperature(day);
      const level = changeDay !== undefined && day >= changeDay ? (changeFactor ?? 1) : 1;
      const expectedBurn =
        baseBurn * level * Math.exp(profile.coldPerDegree * cold + (inLunarNewYearWindow(day) ? profile.lunarNewYear : 0));
      const burn = expectedBurn * Math.exp(noise * random.normal() - noise ** 2 / 2);
      gas = Math.max(gas - burn, 0);
      if (pendingDelivery !== undefined && day >= pendingDelivery) {
        if (random.next() < 0.03) {
          failedDeliveries.push(isoDate(day));
          pendingDelivery = day + 1;
        } else {
          const date = isoDate(day);
          const swapped = Math.max(Math.floor((capacity - gas) / setup.size + 1e-9), 1);
          deliveries.push({ date, cylinders: { [setup.size]: swapped } });
          runOutByDelivery.set(date, isoDate(orderRunOut ?? day));
          gas = Math.min(gas + setup.size * swapped, capacity);
          pendingDelivery = undefined;
          threshold = nextThreshold();
        }
      }
      const emptyCylinders = Math.floor((capacity - gas) / setup.size + 1e-9);
      const active = churnDay === undefined || day < churnDay;
      if (pendingDelivery === undefined && active && emptyCylinders >= threshold) {
        pendingDelivery = day + random.integer(0, 2);
        orderRunOut = day + Math.floor(gas / Math.max(expectedBurn, 1e-6));
      }
    }
    if (churnDay !== undefined) {
      for (let k = random.integer(0, 2); k > 0; k--) complaints.push(isoDate(churnDay - random.integer(5, 60)));
    } else if (random.next() < 0.05) {
      complaints.push(isoDate(start + random.integer(0, days - 1)));
    }
    const priceChanges: PriceChange[] = priceRiseDays.map((day) => ({ date: isoDate(day), relativeChange: 0.03 }));
    if (churnDay !== undefined && random.next() < 0.4) {
      priceChanges.push({ date: isoDate(churnDay - random.integer(5, 40)), relativeChange: 0.1 });
    }
    history.push({
      customerId,
      type: profile.type,
      cylindersOnSite: { [setup.size]: setup.count },
      deliveries,
      failedDeliveries: failedDeliveries.sort(),
      complaints: complaints.sort(),
      priceChanges: priceChanges.sort((a, b) => a.date.localeCompare(b.date)),
    });
    truth.set(customerId, {
      customerId,
      type: profile.type,
      baseBurn,
      coldPerDegree: profile.coldPerDegree,
      lunarNewYear: profile.lunarNewYear,
      ...(changeDay !== undefined ? { changeDay, changeFactor: changeFactor ?? 1 } : {}),
      ...(churnDay !== undefined ? { churnDay } : {}),
      runOutByDelivery,
    });
  }
  return { history, truth, start: isoDate(start), end: isoDate(end) };
}
