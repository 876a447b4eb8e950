import { depositDue, type DoorDeposit, type OnSiteLine, type SizeAmount } from './door-deposit';

/** The money a delivery the driver recorded took at the door: the cash for the gas and the deposits (押金) ticked. */
export interface TakenAtDoor {
  readonly cash: number;
  readonly deposit: number;
  readonly total: number;
}

interface RefusedDelivery {
  readonly cashCollected?: number;
  readonly emptiesCollected?: readonly { size: number; quantity: number }[];
  readonly depositCollected?: readonly DoorDeposit[];
}

/**
 * What goes back to the customer when a delivery the API refused for a stopped supply (停止供氣) is redone as the empties
 * taken back only, or as the stop failed: the cylinders leave with the driver, so nothing is charged, and a deposit is
 * held only while its cylinders stand at the door (the API refuses one not due, `DEPOSIT.DOOR_EXCEEDS_DUE`), so only
 * `kept` (`depositsStillDue`) stays recorded. The rest was never recorded, so no refund is either: the driver hands it back
 * there and then, and the phone says how much. Null when nothing goes back.
 */
export function takenAtDoor(body: unknown, kept: readonly DoorDeposit[] = []): TakenAtDoor | null {
  const { cashCollected, depositCollected } = (body ?? {}) as RefusedDelivery;
  const cash = cashCollected ?? 0;
  const sum = (lines: readonly DoorDeposit[]) => lines.reduce((n, d) => n + d.amount, 0);
  const deposit = sum(depositCollected ?? []) - sum(kept);
  return cash + deposit > 0 ? { cash, deposit, total: cash + deposit } : null;
}

/**
 * The deposits a refused delivery took that the empties-only redo still records: those for cylinders that stay at the
 * customer's with no deposit once the empties are gone (the dialog's rule, `depositDue`, with nothing left), each line
 * at most what was taken for it. None when the customer's cylinders are not known: the API would refuse what it cannot
 * check against, and handing the money back is always right.
 */
export function depositsStillDue(body: unknown, lines: readonly OnSiteLine[] | undefined, standard: readonly SizeAmount[]): DoorDeposit[] {
  const { emptiesCollected, depositCollected } = (body ?? {}) as RefusedDelivery;
  if (!lines || !depositCollected?.length) return [];
  const due = depositDue(lines, [], emptiesCollected ?? [], standard);
  return depositCollected.flatMap((taken) => {
    const still = due.find((d) => d.size === taken.size);
    return still ? [{ size: taken.size, count: Math.min(taken.count, still.count), amount: Math.min(taken.amount, still.amount) }] : [];
  });
}
