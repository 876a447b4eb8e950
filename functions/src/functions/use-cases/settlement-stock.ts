import type { Container } from '../../adapters/container';
import type { MovementRequest } from '../../adapters/firestore/cylinder-stock-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestoreSettlementStore } from '../../adapters/firestore/settlement-store';
import { settlementDepotId, settlementDetail, settlementMovementId } from '../../domain/cylinders';
import type { Actor } from '../../domain/events';
import { settlementDay, type Settlement } from '../../domain/reports/driver-settlement';

/**
 * The cylinder stock movement a driver's settlement makes (fulls delivered out, empties in), to be applied in the
 * settlement's transaction: the day's deliveries and the depot are read before it (the deliveries do not change once
 * the driver is back). The depot is the one the day belongs to now: when the truck changed depot before a correction,
 * the correction moves the day's stock there and the store takes the earlier movement back at its old depot.
 * A day whose depot cannot be told (no route, and the driver's truck unknown) moves no stock.
 */
export async function settlementStockMovement(c: Container, date: string, driverId: string, driverVehicleId: string, by: Actor, at: Date): Promise<((settlement: Settlement) => MovementRequest) | undefined> {
  const settlements = firestoreSettlementStore(c.db);
  const [record, routes, vehicles] = await Promise.all([settlements.dayOf(date, driverId), settlements.driverRoutes(date, driverId), firestoreFleetStore(c.db).vehicles()]);
  const day = settlementDay(date, record, new Map(), []).find((row) => row.driverId === driverId) ?? { cylindersDelivered: [], empties: { collected: [] } };
  const depotId = settlementDepotId(routes, vehicles, { vehicleId: driverVehicleId });
  if (!depotId) return undefined;
  // Only a new or corrected settlement reaches this: a correction replaces the day's movement by its difference.
  return (settlement) => ({ id: settlementMovementId(date, driverId), depotId, by, at, replace: true, detail: settlementDetail(settlement, day) });
}
