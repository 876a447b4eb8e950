import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import { alertDocument, alertFor } from '../domain/reports/alerts';

export const SYSTEM_ALERTS = 'systemAlerts';

/** Writes `alerts/{eventId}` for the office's live alert list (staff acknowledge them there); one alert per event however often delivered. */
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
    tx.set(c.db.collection('alerts').doc(event.id), alert);
  });
});

cloudEvent(SYSTEM_ALERTS, handleAlertEvent);
