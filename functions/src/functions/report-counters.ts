import { cloudEvent } from '@google-cloud/functions-framework';
import { FieldValue } from '@google-cloud/firestore';
import { container } from '../adapters/container';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import { dailyCounterDelta } from '../domain/reports/daily-counters';

export const REPORT_COUNTERS = 'reportCounters';

/** Keeps `reports/daily-<day>` counters; each event is applied once, and increments commute. */
export const handleReportEvent = eventConsumer(REPORT_COUNTERS, async (event) => {
  const delta = dailyCounterDelta(event);
  if (!delta) return;
  const c = await container();
  await processOnce(c.db, REPORT_COUNTERS, event, async (tx) => {
    // `set` with merge treats keys literally, so dotted paths become nested maps here.
    const doc: Record<string, Record<string, FieldValue> | string> = { day: delta.day };
    for (const [path, amount] of Object.entries(delta.increments)) {
      const [group, field] = path.split('.') as [string, string];
      const nested = (doc[group] ??= {}) as Record<string, FieldValue>;
      nested[field] = FieldValue.increment(amount);
    }
    tx.set(c.db.collection('reports').doc(`daily-${delta.day}`), doc, { merge: true });
  });
});

cloudEvent(REPORT_COUNTERS, handleReportEvent);
