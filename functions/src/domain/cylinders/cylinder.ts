import { z } from '../schema';

/** The cylinder sizes (kg of LPG) a Taiwanese distributor handles. */
export const CYLINDER_SIZES = [4, 10, 16, 20, 50] as const;
export type CylinderSize = (typeof CYLINDER_SIZES)[number];

export const cylinderSizeSchema = z
  .union(CYLINDER_SIZES.map((s) => z.literal(s)))
  .openapi({ description: 'Cylinder size in kg of LPG', example: 20 });

/** A quantity of cylinders of one size: an order line, empties to collect, cylinders swapped. */
export const sizeQuantitySchema = z.object({
  size: cylinderSizeSchema,
  quantity: z.number().int().min(1).max(200),
});
export type SizeQuantity = z.infer<typeof sizeQuantitySchema>;

/** A list of size/quantity lines where each size appears at most once. */
export const sizeQuantityListSchema = z
  .array(sizeQuantitySchema)
  .max(CYLINDER_SIZES.length)
  .refine((lines) => new Set(lines.map((l) => l.size)).size === lines.length, 'CYLINDER.DUPLICATE_SIZE');

/**
 * The usual deposit (押金, NT$) for one cylinder of a size, charged when a customer first takes a cylinder
 * and refunded when it is returned.
 */
const STANDARD_DEPOSIT: Readonly<Record<CylinderSize, number>> = { 4: 500, 10: 800, 16: 1000, 20: 1200, 50: 2500 };

export function standardDeposit(size: CylinderSize): number {
  return STANDARD_DEPOSIT[size];
}

/** Total kg of gas in a list of lines. */
export function totalKg(lines: readonly SizeQuantity[]): number {
  return lines.reduce((sum, l) => sum + l.size * l.quantity, 0);
}

/** Lines added up by size: sizes ascending, sizes that come to nothing left out. */
export function sumBySize(lists: readonly (readonly SizeQuantity[])[]): SizeQuantity[] {
  const totals = new Map<number, number>();
  for (const line of lists.flat()) totals.set(line.size, (totals.get(line.size) ?? 0) + line.quantity);
  return CYLINDER_SIZES.flatMap((size) => {
    const quantity = totals.get(size) ?? 0;
    return quantity > 0 ? [{ size, quantity }] : [];
  });
}

export const cylinderMessages = {
  'CYLINDER.DUPLICATE_SIZE': { 'zh-TW': '同一尺寸只能出現一次', en: 'Each cylinder size may appear only once' },
} as const;
