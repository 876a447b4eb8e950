import type { SizeQuantity } from '../../lib/types';

/** vue-i18n's `t` as these helpers call it. */
export type Translate = (key: string, named: Record<string, unknown>) => string;

/** Cylinders as `20 公斤 × 2、50 公斤 × 1`; none as a dash, like every other empty cell, not a blank. */
export function itemsText(items: readonly SizeQuantity[], t: Translate): string {
  return items.length > 0 ? items.map((i) => t('cylinder.line', { size: i.size, quantity: i.quantity })).join(t('common.listSeparator', {})) : '—';
}
