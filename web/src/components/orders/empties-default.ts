import { CYLINDER_SIZES, type SizeQuantity } from '../../lib/types';

/**
 * The empties a new order takes back unless the office changes them, by the API's rule (functions/src/domain/orders/
 * empties.ts `defaultEmpties`, pinned by this file's test): a delivery is a swap, one empty per full of a size, up to the
 * customer's cylinders on site of that size.
 */
export function defaultEmpties(items: readonly SizeQuantity[], onSite: readonly { size: number; count: number }[]): SizeQuantity[] {
  return CYLINDER_SIZES.flatMap((size) => {
    const quantity = Math.min(items.find((i) => i.size === size)?.quantity ?? 0, onSite.find((l) => l.size === size)?.count ?? 0);
    return quantity > 0 ? [{ size, quantity }] : [];
  });
}
