import { taipeiDate } from '../clock';
import type { EventEnvelope } from '../events';

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
