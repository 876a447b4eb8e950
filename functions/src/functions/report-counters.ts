import { cloudEvent } from '@google-cloud/functions-framework';
import { FieldValue } from '@google-cloud/firestore';
import { container } from '../adapters/container';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import type { EventEnvelope } from '../domain/events';
import { dailyCounterDelta, nestPaths, type CounterDelta } from '../domain/reports/daily-counters';
import { punctualityDelta, stopOfEvent } from '../domain/reports/punctuality';

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

/** Keeps the `reports/*` counters; each event is applied once, and increments commute. */
export const handleReportEvent = eventConsumer(REPORT_COUNTERS, async (event) => {
  const counted = countedIn(event);
  if (!counted) return;
  const c = await container();
  await processOnce(c.db, REPORT_COUNTERS, event, async (tx) => {
    const doc = { day: counted.delta.day, ...nestPaths(counted.delta.increments, (n) => FieldValue.increment(n)) };
    tx.set(c.db.collection('reports').doc(counted.report), doc, { merge: true });
  });
});

cloudEvent(REPORT_COUNTERS, handleReportEvent);
