import { CYLINDER_SIZES, type SizeQuantity } from '../../lib/types';

/** A customer's cylinders of one size and the deposit held for them (the customer's `cylindersOnSite` line). */
export interface OnSiteLine {
  size: number;
  count: number;
  depositPaid: number;
}

/** One size's deposit (押金) the driver takes at the door: the API's `DoorDeposit`. */
export interface DoorDeposit {
  size: number;
  count: number;
  amount: number;
}

/** NT$ per size: the standard deposit for one cylinder. */
export interface SizeAmount {
  size: number;
  amount: number;
}

/** `GET /api/driver/routes/:id/cylinders-on-site`. */
export interface RouteOnSite {
  customers: { customerId: string; cylindersOnSite: OnSiteLine[] }[];
  standard: SizeAmount[];
}

const quantityOf = (lines: readonly SizeQuantity[], size: number): number => lines.filter((l) => l.size === size).reduce((n, l) => n + l.quantity, 0);

/**
 * The deposit due at the door, by the server's rule (functions/src/domain/billing/deposit.ts `depositDueAtDoor`,
 * pinned by door-deposit.test.ts against it): after the stop, per size, the cylinders at the customer that the deposit
 * held does not cover at the standard deposit, charged at the standard deposit less what was already paid toward them.
 * A size without a standard is skipped.
 */
export function depositDue(lines: readonly OnSiteLine[], delivered: readonly SizeQuantity[], emptiesCollected: readonly SizeQuantity[], standard: readonly SizeAmount[]): DoorDeposit[] {
  return CYLINDER_SIZES.flatMap((size): DoorDeposit[] => {
    const unit = standard.find((s) => s.size === size)?.amount ?? 0;
    const line = lines.find((l) => l.size === size);
    const count = Math.max(0, (line?.count ?? 0) + quantityOf(delivered, size) - quantityOf(emptiesCollected, size));
    const paid = line?.depositPaid ?? 0;
    const uncovered = Math.max(0, count - Math.floor(paid / unit));
    // A part payment from an earlier visit goes toward the next uncovered cylinder.
    return unit > 0 && uncovered > 0 ? [{ size, count: uncovered, amount: uncovered * unit - (paid % unit) }] : [];
  });
}

/**
 * What the deliver dialog sends for the lines due: the sizes ticked, each at the amount entered (the line's full amount
 * when none is), held to what the server takes at the door (`checkDoorDeposits`: NT$1 to the line's due amount; less
 * than due is fine, the rest can be paid at the office).
 */
export function depositsTaken(due: readonly DoorDeposit[], taken: Readonly<Record<number, boolean>>, amounts: Readonly<Record<number, number | null | undefined>>): DoorDeposit[] {
  return due.filter((l) => taken[l.size]).map((l) => ({ size: l.size, count: l.count, amount: Math.min(l.amount, Math.max(1, Math.round(amounts[l.size] ?? l.amount))) }));
}
