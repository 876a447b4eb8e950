import { cloudEvent } from '@google-cloud/functions-framework';
import { FieldValue } from '@google-cloud/firestore';
import { container } from '../adapters/container';
import { firestoreSalesStore } from '../adapters/firestore/sales-store';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import type { EventEnvelope } from '../domain/events';
import { dailyCounterDelta, nestPaths, type CounterDelta } from '../domain/reports/daily-counters';
import { reportsTouchedBy, touchesDelivery } from '../domain/reports/monthly-sales';
import { punctualityDelta, stopOfEvent } from '../domain/reports/punctuality';
import { billedAt, taipeiMonth } from '../domain/billing';
import type { DeliveryRecord } from '../domain/orders';

export const REPORT_COUNTERS = 'reportCounters';

/** Which report document an event counts in: order events in `daily-<day>`, drivers' stops in `punctuality-<day>`. */
function countedIn(event: EventEnvelope): { report: string; delta: CounterDelta } | null {
  const daily = dailyCounterDelta(event);
  if (daily) return { report: `daily-${daily.day}`, delta: daily };
  const stop = stopOfEvent(event);
  if (!stop) return null;
  const delta = punctualityDelta(stop);
  return { report: `punctuality-${delta.day}`, delta };
}

/**
 * Keeps the `reports/*` counters and marks the stored 月報 of a closed month stale when an event changes what it read: a
 * counter of one of its days, or an order billed in it (read to learn when: `billedAt`, a late-booked one's booked day). Each event is applied once, increments
 * commute, and a stale mark written twice is one.
 */
export const handleReportEvent = eventConsumer(REPORT_COUNTERS, async (event) => {
  const counted = countedIn(event);
  const orderId = touchesDelivery(event) ? (event.data as { orderId?: unknown }).orderId : undefined;
  if (!counted && typeof orderId !== 'string') return;
  const c = await container();
  const now = c.clock.now();
  await processOnce(c.db, REPORT_COUNTERS, event, async (tx) => {
    const delivery = typeof orderId === 'string' ? ((await tx.get(c.db.collection('orders').doc(orderId))).get('delivery') as DeliveryRecord | undefined) : undefined;
    const changed = [...(counted?.report.startsWith('daily-') ? [counted.delta.day.slice(0, 7)] : []), ...(delivery ? [taipeiMonth(new Date(billedAt(delivery)))] : [])];
    const stale = [...new Set(changed.flatMap((m) => reportsTouchedBy(m, now)))];
    if (stale.length > 0) firestoreSalesStore(c.db).markStale(tx, stale, now);
    if (!counted) return;
    const doc = { day: counted.delta.day, ...nestPaths(counted.delta.increments, (n) => FieldValue.increment(n)) };
    tx.set(c.db.collection('reports').doc(counted.report), doc, { merge: true });
  });
});

cloudEvent(REPORT_COUNTERS, handleReportEvent);
