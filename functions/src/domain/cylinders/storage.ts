/**
 * 容器儲存場所 許可儲存量: the LPG a depot's yard may hold by its permit, in kg, against what it holds. A full cylinder
 * holds its size in LPG; an empty one only the residue (殘氣) a customer left, which the product does not know and the
 * permit's figure is not counted on, so empties are left out. Cylinders out at the filling plant (在分裝場) come back
 * full: they are the receipt already planned, so the yard is also judged as it will be once they are back.
 */
import { z } from '../schema';
import type { StockLine } from './stock';

export const depotStorageSchema = z
  .object({
    /** LPG in the full cylinders at the depot now: Σ fulls × size (a negative count, a book error, as none). */
    heldKg: z.number().int(),
    /** LPG in the depot's cylinders at the filling plant, back full on their return. */
    atPlantKg: z.number().int(),
    /** The permit's figure (`Depot.permittedStorageKg`); absent when the admin has not set one. */
    permittedKg: z.number().int().optional(),
    /** `over`: above the permit now; `overOnReturn`: within it now, above it once the plant's cylinders are back. */
    status: z.enum(['unknown', 'within', 'overOnReturn', 'over']),
  })
  .openapi('DepotStorage', { example: { heldKg: 1418, atPlantKg: 200, permittedKg: 1500, status: 'overOnReturn' } });
export type DepotStorage = z.infer<typeof depotStorageSchema>;

const kgOf = (lines: readonly StockLine[], count: (l: StockLine) => number): number => lines.reduce((kg, l) => kg + Math.max(0, count(l)) * l.size, 0);

/** The depot's LPG against its permit. */
export function depotStorage(lines: readonly StockLine[], permittedKg: number | undefined): DepotStorage {
  const heldKg = kgOf(lines, (l) => l.full);
  const atPlantKg = kgOf(lines, (l) => l.atPlant ?? 0);
  const status = permittedKg === undefined ? 'unknown' : heldKg > permittedKg ? 'over' : heldKg + atPlantKg > permittedKg ? 'overOnReturn' : 'within';
  return { heldKg, atPlantKg, ...(permittedKg !== undefined ? { permittedKg } : {}), status };
}
