import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { CYLINDER_SIZES, type SizeQuantity } from '../../lib/types';

/**
 * 新增訂單 opened for one customer with their cylinders already counted: from 需求預測's call list, the clerk phones the
 * customer and books what the prediction expects. The address bar carries it (`?customer=cust-0001&items=20x3,50x1`),
 * so the link can be opened in a new tab and reloaded.
 */
export interface OrderPrefill {
  readonly customerId?: string;
  readonly items: readonly SizeQuantity[];
}

/** The most of one size the order form's counters take. */
const MAX_QUANTITY = 99;

export function orderPrefillQuery(prefill: OrderPrefill): LocationQueryRaw {
  const items = prefill.items.filter((i) => i.quantity > 0).map((i) => `${i.size}x${i.quantity}`);
  return { ...(prefill.customerId ? { customer: prefill.customerId } : {}), ...(items.length > 0 ? { items: items.join(',') } : {}) };
}

const single = (value: LocationQuery[string] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

/** What a hand-edited or stale link asks for that the form cannot hold (an unknown size, 0 or 100 cylinders) is left out. */
export function orderPrefillOf(query: LocationQuery): OrderPrefill {
  const customerId = single(query.customer).trim();
  const items: SizeQuantity[] = [];
  for (const part of single(query.items).split(',')) {
    const match = /^(\d+)x(\d+)$/.exec(part.trim());
    if (!match) continue;
    const [size, quantity] = [Number(match[1]), Number(match[2])];
    const known = (CYLINDER_SIZES as readonly number[]).includes(size);
    if (known && quantity >= 1 && quantity <= MAX_QUANTITY && !items.some((i) => i.size === size)) items.push({ size, quantity });
  }
  return { ...(customerId ? { customerId } : {}), items };
}
