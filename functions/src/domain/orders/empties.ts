import { CYLINDER_SIZES, type SizeQuantity } from '../cylinders';
import type { OnSiteLine } from '../customers';

/**
 * The empties a new order takes back when nobody said otherwise. An LPG delivery is a swap: per size, one empty back for
 * each full left, but never more than the customer has standing there of that size (a first cylinder, or one more than
 * they had, comes with nothing to take back and a deposit to ask). The office's form, the portal's, an API caller that
 * sends none, recurring rules without their own and the nightly suggested orders all come to this one answer.
 */
export function defaultEmpties(items: readonly SizeQuantity[], onSite: readonly Pick<OnSiteLine, 'size' | 'count'>[]): SizeQuantity[] {
  return CYLINDER_SIZES.flatMap((size) => {
    const ordered = items.find((i) => i.size === size)?.quantity ?? 0;
    const standing = onSite.find((l) => l.size === size)?.count ?? 0;
    const quantity = Math.min(ordered, standing);
    return quantity > 0 ? [{ size, quantity }] : [];
  });
}
