import type { CylinderToCollect } from '../../composables/useDriverOnSite';
import { CYLINDER_SIZES } from '../../lib/types';

/** Counts per cylinder size, as the deliver dialog's counters hold them. */
export type SizeCounts = Record<number, number>;

/** The ticked cylinders to bring back (the register's, due for inspection at the stop), counted by size. */
export function tickedBySize(toCollect: readonly CylinderToCollect[], ticked: readonly string[]): SizeCounts {
  const counts: SizeCounts = {};
  for (const c of toCollect) if (ticked.includes(c.serial)) counts[c.size] = (counts[c.size] ?? 0) + 1;
  return counts;
}

/**
 * The empties a stop records: the driver's count (the order's to begin with) raised, size by size, to cover the cylinders
 * ticked to bring back, since each is a cylinder coming back and the count is what lowers the customer's cylinders on site,
 * the deposit due and the depot's empties at the settlement. `raised` when the ticks changed a count, so the dialog says
 * so; unticking one gives the driver's count back.
 */
export function emptiesCovering(entered: SizeCounts, ticked: SizeCounts): { counts: SizeCounts; raised: boolean } {
  const counts: SizeCounts = {};
  let raised = false;
  for (const size of CYLINDER_SIZES) {
    const own = entered[size] ?? 0;
    const covering = ticked[size] ?? 0;
    if (covering > own) raised = true;
    counts[size] = Math.max(own, covering);
  }
  return { counts, raised };
}
