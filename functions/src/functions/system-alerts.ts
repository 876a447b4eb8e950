import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import { alertDocument, alertFor, alertIdOf } from '../domain/reports/alerts';

export const SYSTEM_ALERTS = 'systemAlerts';

/**
 * Writes `alerts/{alertIdOf(event)}` for the office's live alert list (staff acknowledge them there); one alert per event
 * however often delivered. A later event naming the same alert replaces it, open again; an earlier one delivered late does not.
 */
export const handleAlertEvent = eventConsumer(SYSTEM_ALERTS, async (event) => {
  if (!alertFor(event)) return;
  const c = await container();
  // The office reads the customer's name on the alert; the same name each time the event is redelivered.
  const customerId = event.data['customerId'];
  const customer = typeof customerId === 'string' ? await c.db.collection('customers').doc(customerId).get() : null;
  const customerName = customer?.get('name') as unknown;
  const alert = alertDocument(event, typeof customerName === 'string' ? customerName : undefined);
  if (!alert) return;
  await processOnce(c.db, SYSTEM_ALERTS, event, async (tx) => {
    const ref = c.db.collection('alerts').doc(alertIdOf(event));
    const stored: unknown = (await tx.get(ref)).get('occurredAt');
    if (typeof stored === 'string' && stored > event.occurredAt) return;
    tx.set(ref, alert);
  });
});

cloudEvent(SYSTEM_ALERTS, handleAlertEvent);
