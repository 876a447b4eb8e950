/** A year of price changes (Taiwan's LPG prices follow CPC's monthly adjustments). */
import { CYLINDER_SIZES, type CylinderSize } from '../../domain/cylinders';
import { priceEntryId, type PriceEntry } from '../../domain/pricing';
import { addDays, taipeiInstant } from '../../domain/calendar';

/** Delivered prices in Taipei, NT$ per cylinder. */
const BASE: Readonly<Record<CylinderSize, number>> = { 4: 260, 10: 480, 16: 700, 20: 820, 50: 1950 };
/** Days before today each change took effect, and the price level it set. */
const CHANGES: readonly (readonly [number, number])[] = [
  [420, 1],
  [330, 1.025],
  [270, 1.06],
  [200, 1.035],
  [110, 1.02],
  [40, 1.045],
];

const firstOfMonth = (date: string): string => `${date.slice(0, 8)}01`;
const roundTo10 = (x: number): number => Math.round(x / 10) * 10;

export function demoPriceList(today: string): PriceEntry[] {
  return CHANGES.flatMap(([daysAgo, level]) => {
    const effectiveFrom = firstOfMonth(addDays(today, -daysAgo));
    return CYLINDER_SIZES.map((size) => ({
      id: priceEntryId(size, effectiveFrom),
      size,
      unitPrice: roundTo10(BASE[size] * level),
      effectiveFrom,
      createdAt: taipeiInstant(addDays(effectiveFrom, -3), '10:00'),
      createdBy: 'u-admin',
    }));
  });
}
