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

/** Writes `alerts/{eventId}` for the office's live alert list; one alert per event however often delivered. */
export const handleAlertEvent = eventConsumer(SYSTEM_ALERTS, async (event) => {
  const alert = alertFor(event);
  if (!alert) return;
  const c = await container();
  await processOnce(c.db, SYSTEM_ALERTS, event, async (tx) => {
    tx.set(c.db.collection('alerts').doc(event.id), {
      id: event.id,
      ...alert,
      subject: event.subject,
      data: event.data,
      occurredAt: event.occurredAt,
      acknowledged: false,
    });
  });
});

cloudEvent(SYSTEM_ALERTS, handleAlertEvent);
