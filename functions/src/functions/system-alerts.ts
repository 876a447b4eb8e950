import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { eventConsumer, processOnce } from '../adapters/pubsub/event-consumer';
import type { EventEnvelope } from '../domain/events';

export const SYSTEM_ALERTS = 'systemAlerts';

/** Which events become an alert on the office screen, and how loud. */
function alertFor(event: EventEnvelope): { severity: 'info' | 'warning' | 'critical'; kind: string } | null {
  if (event.type.startsWith('system.')) {
    const severity = event.data['severity'];
    return { severity: severity === 'critical' || severity === 'info' ? severity : 'warning', kind: event.type };
  }
  if (event.type === 'order.created' && event.data['priority'] === 'urgent') return { severity: 'critical', kind: 'order.urgent' };
  if (event.type === 'order.status_changed' && event.data['to'] === 'failed') return { severity: 'warning', kind: 'order.failed' };
  return null;
}

/** Writes `alerts/{eventId}` for the office's live alert list (staff acknowledge them there); one alert per event however often delivered. */
export const handleAlertEvent = eventConsumer(SYSTEM_ALERTS, async (event) => {
  const alert = alertFor(event);
  if (!alert) return;
  const c = await container();
  // The office reads the customer's name on the alert; the same name each time the event is redelivered.
  const customerId = event.data['customerId'];
  const customer = typeof customerId === 'string' ? await c.db.collection('customers').doc(customerId).get() : null;
  const customerName = customer?.get('name') as unknown;
  await processOnce(c.db, SYSTEM_ALERTS, event, async (tx) => {
    tx.set(c.db.collection('alerts').doc(event.id), {
      id: event.id,
      ...alert,
      subject: event.subject,
      data: event.data,
      ...(typeof customerName === 'string' ? { customerName } : {}),
      occurredAt: event.occurredAt,
      acknowledged: false,
    });
  });
});

cloudEvent(SYSTEM_ALERTS, handleAlertEvent);
