import type { CylinderDemand, CylinderSize } from './model';
import { CYLINDER_SIZES } from './model';

export interface ServiceTimeRates {
  /** Parking, paperwork and payment, once per stop (minutes). */
  fixedMinutes: number;
  /** Unloading and connecting one cylinder at ground level, by size (minutes). */
  perCylinderMinutes: Record<CylinderSize, number>;
  /** Carrying one cylinder up one floor by the stairs, by size (minutes). */
  perFloorMinutes: Record<CylinderSize, number>;
}

export const DEFAULT_SERVICE_RATES: ServiceTimeRates = {
  fixedMinutes: 3,
  perCylinderMinutes: { 4: 0.5, 10: 1, 16: 1.5, 20: 2, 50: 4 },
  perFloorMinutes: { 4: 0.3, 10: 0.6, 16: 0.8, 20: 1, 50: 2.5 },
};

/**
 * Minutes spent at a stop: a fixed part plus each cylinder's handling, plus stair carrying when
 * the customer lives above the ground floor without an elevator (floor 1 is the ground floor).
 */
export function serviceTimeMinutes(
  demand: CylinderDemand,
  floor: number,
  hasElevator: boolean,
  rates: ServiceTimeRates = DEFAULT_SERVICE_RATES,
): number {
  const floorsClimbed = hasElevator ? 0 : Math.max(0, Math.floor(floor) - 1);
  let minutes = rates.fixedMinutes;
  for (const size of CYLINDER_SIZES) {
    const count = demand[size] ?? 0;
    minutes += count * (rates.perCylinderMinutes[size] + floorsClimbed * rates.perFloorMinutes[size]);
  }
  return minutes;
}
