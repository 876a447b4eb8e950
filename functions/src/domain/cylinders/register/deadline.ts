/**
 * When each cylinder (容器) must next be inspected (定期檢驗) and when it is retired (報廢), as data.
 *
 * Sources: 消防法 §15-4 (a retailer sends its cylinders for periodic inspection before the deadline) and §15-1 (容器管理資料);
 * 液化石油氣容器定期檢驗標準 (內政部, 2020/2021) and 鋼製液化石油氣容器定期檢驗基準 §3 (the intervals by age below).
 * The interval is chosen by the cylinder's age (瓶齡, full years since its factory pressure test, 出廠耐壓試驗日期) on the day
 * the period starts (the last inspection, or the factory test for a cylinder never re-inspected), and the period counts from
 * the day after (民法 §120–121), so it ends on the same calendar day N years later (29 February: the 28th in a common year).
 */
import { addDays } from '../../calendar';
import { addYears } from '../../safety/inspection';
import type { CylinderSize } from '../cylinder';
import { isPastDeadline } from './door';

export const CYLINDER_MATERIALS = ['steel', 'composite'] as const;
export type CylinderMaterial = (typeof CYLINDER_MATERIALS)[number];

/** `fromAge ≤ age < toAge` → the next inspection `years` later. */
export interface IntervalBand {
  readonly fromAge: number;
  readonly toAge: number;
  readonly years: number;
}

/** Steel cylinders factory-tested on or after this day (民國94年3月1日) follow one table whatever their size. */
export const STEEL_TABLE_CUTOVER = '2005-03-01';

/** Steel, factory test on or after 2005-03-01, any size. */
export const STEEL_FROM_CUTOVER: readonly IntervalBand[] = [
  { fromAge: 0, toAge: 18, years: 5 },
  { fromAge: 18, toAge: 19, years: 4 },
  { fromAge: 19, toAge: 20, years: 3 },
  { fromAge: 20, toAge: 30, years: 2 },
];

const SMALL: readonly IntervalBand[] = [
  { fromAge: 0, toAge: 14, years: 6 },
  { fromAge: 14, toAge: 15, years: 5 },
  { fromAge: 15, toAge: 16, years: 4 },
  { fromAge: 16, toAge: 17, years: 3 },
  { fromAge: 17, toAge: 29, years: 2 },
  { fromAge: 29, toAge: 30, years: 1 },
];
const MEDIUM: readonly IntervalBand[] = [
  { fromAge: 0, toAge: 9, years: 5 },
  { fromAge: 9, toAge: 10, years: 4 },
  { fromAge: 10, toAge: 18, years: 3 },
  { fromAge: 18, toAge: 29, years: 2 },
  { fromAge: 29, toAge: 30, years: 1 },
];
const LARGE: readonly IntervalBand[] = [
  { fromAge: 0, toAge: 8, years: 4 },
  { fromAge: 8, toAge: 19, years: 3 },
  { fromAge: 19, toAge: 29, years: 2 },
  { fromAge: 29, toAge: 30, years: 1 },
];

/** Steel, factory test on or before 2005-02-28, by size (2 / 4 / 10 kg; 16 / 18 / 20 kg; 50 kg). */
export const STEEL_BEFORE_CUTOVER: Readonly<Record<CylinderSize, readonly IntervalBand[]>> = { 4: SMALL, 10: SMALL, 16: MEDIUM, 20: MEDIUM, 50: LARGE };

/** Composite (複合材料): every 5 years until retired. */
export const COMPOSITE: readonly IntervalBand[] = [{ fromAge: 0, toAge: 20, years: 5 }];

/** Aged this many years a cylinder is no longer inspected: it is scrapped, never refilled. */
export const SERVICE_LIFE_YEARS: Readonly<Record<CylinderMaterial, number>> = { steel: 30, composite: 20 };

/** What the deadline rule needs of a cylinder. */
export interface DeadlineFacts {
  readonly size: CylinderSize;
  readonly material: CylinderMaterial;
  readonly factoryTestedOn: string;
  readonly lastInspectedOn: string | null;
}

/** Full years from `from` to `on`: a cylinder born on 29 February turns a year older on the 28th in a common year. */
export function ageOn(from: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
  return addYears(from, years) <= on ? years : years - 1;
}

/** The table that applies to the cylinder. */
export function intervalTable(c: Pick<DeadlineFacts, 'size' | 'material' | 'factoryTestedOn'>): readonly IntervalBand[] {
  if (c.material === 'composite') return COMPOSITE;
  return c.factoryTestedOn >= STEEL_TABLE_CUTOVER ? STEEL_FROM_CUTOVER : STEEL_BEFORE_CUTOVER[c.size];
}

/** Years until the next inspection for a period starting on `on`; null once the cylinder has reached its service life. */
export function intervalYears(c: DeadlineFacts, on: string): number | null {
  const age = ageOn(c.factoryTestedOn, on);
  return intervalTable(c).find((b) => b.fromAge <= age && age < b.toAge)?.years ?? null;
}

/** The first day the cylinder may no longer be used at all (it turns 30, composite 20): 報廢. */
export const retiresOn = (c: Pick<DeadlineFacts, 'material' | 'factoryTestedOn'>): string => addYears(c.factoryTestedOn, SERVICE_LIFE_YEARS[c.material]);

/**
 * 檢驗期限: the last day the cylinder may be filled and delivered. Counted from the last inspection (the factory test when
 * never re-inspected); never later than the day before it retires, since a retired cylinder is not inspected again.
 */
export function nextInspectionDue(c: DeadlineFacts): string {
  const from = c.lastInspectedOn ?? c.factoryTestedOn;
  const lastDay = addDays(retiresOn(c), -1);
  const years = intervalYears(c, from);
  if (years === null) return lastDay;
  const due = addYears(from, years);
  return due < lastDay ? due : lastDay;
}

/** Whether the cylinder has reached its service life on `today` and must be scrapped rather than inspected. */
export const mustScrap = (c: Pick<DeadlineFacts, 'material' | 'factoryTestedOn'>, today: string): boolean => today >= retiresOn(c);

/** Whether the cylinder is past its deadline on `day` (not to be delivered: it has to go to inspection, or be scrapped). */
export const isOverdue = (c: DeadlineFacts, day: string): boolean => isPastDeadline(nextInspectionDue(c), day);
