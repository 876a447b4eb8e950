import type { DoorDeposit } from './door-deposit';

/** The money a delivery the driver recorded took at the door: the cash for the gas and the deposits (押金) ticked. */
export interface TakenAtDoor {
  readonly cash: number;
  readonly deposit: number;
  readonly total: number;
}

/**
 * What goes back to the customer when a delivery the API refused for a stopped supply (停止供氣) is redone as the empties
 * taken back only, or as the stop failed: the cylinders leave with the driver, so nothing is charged, and a deposit is
 * held only while its cylinders stand at the door (the API refuses one on a delivery that leaves none,
 * `DEPOSIT.DOOR_EXCEEDS_DUE`). Neither was recorded, so no refund is either: the driver hands the money back there and
 * then, and the phone says how much. Null when nothing was taken.
 */
export function takenAtDoor(body: unknown): TakenAtDoor | null {
  const { cashCollected, depositCollected } = (body ?? {}) as { cashCollected?: number; depositCollected?: readonly DoorDeposit[] };
  const cash = cashCollected ?? 0;
  const deposit = (depositCollected ?? []).reduce((sum, d) => sum + d.amount, 0);
  return cash + deposit > 0 ? { cash, deposit, total: cash + deposit } : null;
}
