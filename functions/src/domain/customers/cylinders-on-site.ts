/**
 * Cylinders at a customer (客戶端鋼瓶): how many of each size stand at the customer's door and the deposit (押金) held
 * for them. Deliveries move the counts (a full left without an empty taken back is one more cylinder there); deposits
 * are money and only the office records them.
 */
import { CYLINDER_SIZES, cylinderSizeSchema, standardDeposit, type CylinderSize, type SizeQuantity } from '../cylinders';
import { z } from '../schema';
import type { cylindersOnSiteSchema } from './customer';

export type OnSiteLine = z.infer<typeof cylindersOnSiteSchema>[number];

/** What a stop moved: the fulls left and the empties taken back, by size (the delivery record's two lists). */
export interface CylinderExchange {
  readonly delivered: readonly SizeQuantity[];
  readonly emptiesCollected: readonly SizeQuantity[];
}

/** A size where the driver took back more empties than the record said were there: the record was wrong. */
export interface OverCollected {
  readonly size: CylinderSize;
  /** The count on record before the stop. */
  readonly recorded: number;
  /** How many more the stop took away than the record (and the fulls left) could account for. */
  readonly missing: number;
}

export interface OnSiteAfterDelivery {
  readonly lines: OnSiteLine[];
  /** Whether the lines differ from the ones given: only then is the customer's record written. */
  readonly changed: boolean;
  readonly overCollected: OverCollected[];
}

const quantityOf = (lines: readonly SizeQuantity[], size: CylinderSize): number => lines.find((l) => l.size === size)?.quantity ?? 0;

/** Whether a stop leaves a different number of cylinders of some size than it takes back: only then can the record change. */
export const changesOnSite = (exchange: CylinderExchange): boolean =>
  CYLINDER_SIZES.some((size) => quantityOf(exchange.delivered, size) !== quantityOf(exchange.emptiesCollected, size));

/**
 * The lines after a stop: per size, count + delivered − collected, never below zero (taking back more than the
 * record held is reported in `overCollected` so the office can check the record). Deposits stay as they are; a size
 * that comes to zero stays listed only while a deposit is still recorded for it (the office refunds it). Sizes the
 * stop did not change keep their line as it was; the lines come out by size, ascending.
 */
export function cylindersAfterDelivery(lines: readonly OnSiteLine[], exchange: CylinderExchange): OnSiteAfterDelivery {
  const overCollected: OverCollected[] = [];
  let changed = false;
  const next = CYLINDER_SIZES.flatMap((size): OnSiteLine[] => {
    const current = lines.find((l) => l.size === size);
    const net = quantityOf(exchange.delivered, size) - quantityOf(exchange.emptiesCollected, size);
    if (net === 0) return current ? [current] : [];
    const recorded = current?.count ?? 0;
    const count = Math.max(0, recorded + net);
    if (recorded + net < 0) overCollected.push({ size, recorded, missing: -(recorded + net) });
    const depositPaid = current?.depositPaid ?? 0;
    const kept = count > 0 || depositPaid > 0;
    if (count !== recorded || (current !== undefined) !== kept) changed = true;
    return kept ? [{ size, count, depositPaid }] : [];
  });
  return { lines: next, changed, overCollected };
}

/** A size's cylinders at a customer, or summed over customers, and how many of them no deposit covers. */
export const onSiteCountSchema = z
  .object({ size: cylinderSizeSchema, count: z.number().int().min(0), withoutDeposit: z.number().int().min(0) })
  .openapi('CylindersOnSiteCount', { example: { size: 20, count: 3, withoutDeposit: 1 } });
export type OnSiteCount = z.infer<typeof onSiteCountSchema>;

/** Per line: the cylinders the recorded deposit does not cover at the standard deposit (`standardDeposit`), never below zero. */
export function depositCheck(lines: readonly OnSiteLine[]): OnSiteCount[] {
  return lines.map(({ size, count, depositPaid }) => ({ size, count, withoutDeposit: Math.max(0, count - Math.floor(depositPaid / standardDeposit(size))) }));
}

/** The cylinders at all the customers given, every size ascending (even at zero), with those lacking a deposit. */
export function onSiteCensus(customers: readonly (readonly OnSiteLine[])[]): OnSiteCount[] {
  const checked = customers.flatMap((lines) => depositCheck(lines));
  return CYLINDER_SIZES.map((size) =>
    checked.filter((c) => c.size === size).reduce((sum, c) => ({ size, count: sum.count + c.count, withoutDeposit: sum.withoutDeposit + c.withoutDeposit }), { size, count: 0, withoutDeposit: 0 }),
  );
}
