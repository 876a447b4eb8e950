import type { DocumentData, Firestore } from '@google-cloud/firestore';
import type { Customer } from '../../domain/customers';
import { generateOrderHistory } from '../../local/seed';
import { DEPOTS } from '../../local/seed/fleet';

export interface ForecastHistory {
  readonly customers: readonly Customer[];
  readonly orders: number;
}

/**
 * The demo seed's year of order history for its first `customers` customers (every `autoEvery`-th
 * flagged auto-delivery), written to Firestore with the price list and the demo depots: what the
 * forecast suites train on.
 */
export async function seedForecastHistory(db: Firestore, opts: { readonly today: string; readonly customers: number; readonly autoEvery: number }): Promise<ForecastHistory> {
  const world = generateOrderHistory({ today: opts.today });
  const customers = world.customers.slice(0, opts.customers).map((c, i) => ({ ...c, autoDelivery: i % opts.autoEvery === 0 }));
  const ids = new Set(customers.map((c) => c.id));
  const orders = world.orders.filter((o) => ids.has(o.customerId));
  const writes: [string, object][] = [
    ...world.priceList.map((p): [string, object] => [`priceList/${p.id}`, p]),
    ...DEPOTS.map((d): [string, object] => [`depots/${d.id}`, d]),
    ...customers.map((c): [string, object] => [`customers/${c.id}`, c]),
    ...orders.map((o): [string, object] => [`orders/${o.id}`, { ...o, version: 1 }]),
  ];
  for (let i = 0; i < writes.length; i += 500) {
    const batch = db.batch();
    // JSON round trip drops `undefined` fields, which Firestore refuses.
    for (const [path, data] of writes.slice(i, i + 500)) batch.set(db.doc(path), JSON.parse(JSON.stringify(data)) as DocumentData);
    await batch.commit();
  }
  return { customers, orders: orders.length };
}
