import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import { alertDocument, alertFor, alertIdOf, clearsAlert, sameFigures } from '../domain/reports/alerts';

export const SYSTEM_ALERTS = 'systemAlerts';

/**
 * Writes `alerts/{alertIdOf(event)}` for the office's live alert list (staff acknowledge them there); one alert per event
 * however often delivered. A later event naming the same alert replaces it, open again, unless it says the same (`sameFigures`);
 * an earlier one delivered late does not.
 * An event clearing the alert (`clearsAlert`) marks a stored one cleared and acknowledged, and writes none that is not there.
 */
export const handleAlertEvent = eventConsumer(SYSTEM_ALERTS, async (event) => {
  if (!alertFor(event)) return;
  const c = await container();
  if (clearsAlert(event)) {
    await processOnce(c.db, SYSTEM_ALERTS, event, async (tx) => {
      const ref = c.db.collection('alerts').doc(alertIdOf(event));
      const stored = await tx.get(ref);
      if (!stored.exists || stored.get('cleared') === true || String(stored.get('occurredAt')) > event.occurredAt) return;
      tx.update(ref, { cleared: true, clearedAt: event.occurredAt, acknowledged: true });
    });
    return;
  }
  // The office reads the customer's name on the alert; the same name each time the event is redelivered.
  const customerId = event.data['customerId'];
  const customer = typeof customerId === 'string' ? await c.db.collection('customers').doc(customerId).get() : null;
  const customerName = customer?.get('name') as unknown;
  const alert = alertDocument(event, typeof customerName === 'string' ? customerName : undefined);
  if (!alert) return;
  await processOnce(c.db, SYSTEM_ALERTS, event, async (tx) => {
    const ref = c.db.collection('alerts').doc(alertIdOf(event));
    const stored = await tx.get(ref);
    // Cleared after this event was raised (delivered late): the rerun that cleared it knows better.
    const since = [stored.get('occurredAt'), stored.get('clearedAt')].filter((at): at is string => typeof at === 'string');
    if (since.some((at) => at > event.occurredAt)) return;
    // The same figures again: the office's acknowledgement of them stands.
    if (stored.exists && stored.get('cleared') !== true && sameFigures(stored.get('data'), event)) return;
    tx.set(ref, alert);
  });
});

cloudEvent(SYSTEM_ALERTS, handleAlertEvent);
