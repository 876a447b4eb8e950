import type { SizeQuantity } from '../../lib/types';

/** vue-i18n's `t` as these helpers call it. */
export type Translate = (key: string, named: Record<string, unknown>) => string;

/** Cylinders as `20 公斤 × 2、50 公斤 × 1`; none as a dash, like every other empty cell, not a blank. */
export function itemsText(items: readonly SizeQuantity[], t: Translate): string {
  return items.length > 0 ? items.map((i) => t('cylinder.line', { size: i.size, quantity: i.quantity })).join(t('common.listSeparator', {})) : '—';
}

/**
 * An order's cylinders to bring as `itemsText` says them; a collection-only order (回收空瓶: nothing brought, empties taken
 * back) as 回收空瓶 n 支, where a dash would read as an order with nothing on it.
 */
export function orderItemsText(items: readonly SizeQuantity[], empties: readonly SizeQuantity[], t: Translate): string {
  const collected = items.length === 0 ? empties.reduce((n, l) => n + l.quantity, 0) : 0;
  return collected > 0 ? t('order.collectionOnlyItems', { n: collected }) : itemsText(items, t);
}
