import { taipeiDate } from '../clock';
import { buildEvent, type EventEnvelope } from '../events';
import type { Order } from '../orders';

/**
 * Counter increments an order event contributes to the Taipei day it happened on. Every event
 * adds a fixed amount, so applying each event once, in any order, gives the same totals: that is
 * what makes the report consumer safe under out-of-order delivery.
 */
export interface CounterDelta {
  /** `reports/daily-<YYYY-MM-DD>`. */
  readonly day: string;
  /** Dotted field paths to increment, e.g. `orders.created`, `revenue.delivered`. */
  readonly increments: Readonly<Record<string, number>>;
}

export function dailyCounterDelta(event: EventEnvelope): CounterDelta | null {
  const day = taipeiDate(new Date(event.occurredAt));
  const data = event.data as { to?: unknown; total?: unknown; priority?: unknown };
  const total = typeof data.total === 'number' ? data.total : 0;
  switch (event.type) {
    case 'order.created':
      return {
        day,
        increments: {
          'orders.created': 1,
          ...(data.priority === 'urgent' ? { 'orders.urgent': 1 } : {}),
          'revenue.booked': total,
        },
      };
    case 'order.status_changed': {
      if (typeof data.to !== 'string') return null;
      return {
        day,
        increments: {
          [`orders.${data.to}`]: 1,
          ...(data.to === 'delivered' ? { 'revenue.delivered': total } : {}),
          ...(data.to === 'cancelled' ? { 'revenue.cancelled': total } : {}),
        },
      };
    }
    default:
      return null;
  }
}

/** One `reports/daily-<day>` document: counters grouped as the consumer nests them (`orders.created` → orders.created). */
export interface DailyCounters {
  readonly day: string;
  readonly [group: string]: string | Readonly<Record<string, number>>;
}

/**
 * The counter deltas the events of an order's timeline contributed, for an order written without
 * going through the outbox (the demo seed's history). It runs the consumer's own `dailyCounterDelta`
 * on the events the timeline records, so replayed history and live counting cannot disagree.
 */
export function timelineCounterDeltas(order: Order): CounterDelta[] {
  return timelineEvents(order).flatMap((event) => dailyCounterDelta(event) ?? []);
}

/**
 * The order events an order's timeline records, as the outbox would have published them (the fields
 * the consumers read), for history written without going through it.
 */
export function timelineEvents(order: Order): EventEnvelope[] {
  const subject = `orders/${order.id}`;
  const common = { orderId: order.id, customerId: order.customerId, requestedDate: order.requestedDate, total: order.total };
  // A move to another day keeps the status: the outbox published it as `order.updated`, which no counter reads.
  return order.timeline.flatMap((entry, i) => {
    if (entry.rescheduled) return [];
    const data = entry.from === null ? { ...common, priority: order.priority } : { ...common, from: entry.from, to: entry.to, ...(entry.reason ? { reason: entry.reason } : {}) };
    const type = entry.from === null ? 'order.created' : 'order.status_changed';
    return [buildEvent({ id: `${order.id}-${i}`, type, occurredAt: new Date(entry.at), actor: entry.by, subject, sequence: i + 1, data })];
  });
}

/**
 * Dotted counter paths as the nested maps a document holds (`drivers.drv-01.late` → drivers → drv-01 → late),
 * each amount turned into `leaf` (the number itself, or Firestore's increment of it). `set` with merge
 * takes keys literally, so the nesting is spelled out.
 */
export function nestPaths<T>(increments: Readonly<Record<string, number>>, leaf: (amount: number) => T): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [path, amount] of Object.entries(increments)) {
    const keys = path.split('.');
    let node = doc;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1] as string] = leaf(amount);
  }
  return doc;
}

/** Sums deltas into one document per day, by day. */
export function sumCounterDeltas(deltas: readonly CounterDelta[]): DailyCounters[] {
  const days = new Map<string, Record<string, number>>();
  for (const { day, increments } of deltas) {
    const sums = days.get(day) ?? {};
    days.set(day, sums);
    for (const [path, amount] of Object.entries(increments)) sums[path] = (sums[path] ?? 0) + amount;
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, sums]) => ({ ...(nestPaths(sums, (n) => n) as DailyCounters), day }));
}
