/**
 * Which events become an alert on the office's screen (警示), how loud, and what is stored: the alerts
 * consumer and the demo seed's replayed history both build them here.
 */
import { canonicalJson } from '../canonical-json';
import type { EventEnvelope } from '../events';

export type AlertSeverity = 'info' | 'warning' | 'critical';

/** Urgent orders, failed deliveries and anything `system.*` (the event says how loud; warning by default). */
export function alertFor(event: EventEnvelope): { severity: AlertSeverity; kind: string } | null {
  if (event.type.startsWith('system.')) {
    const severity = event.data['severity'];
    return { severity: severity === 'critical' || severity === 'info' ? severity : 'warning', kind: event.type };
  }
  if (event.type === 'order.created' && event.data['priority'] === 'urgent') return { severity: 'critical', kind: 'order.urgent' };
  if (event.type === 'order.status_changed' && event.data['to'] === 'failed') return { severity: 'warning', kind: 'order.failed' };
  return null;
}

/**
 * The alert an event writes: `alerts/{eventId}`, or the one its `data.alertId` names, for a warning a later event with
 * other figures replaces (the nightly run's, rerun the same night: its event id adds the figures).
 */
export function alertIdOf(event: EventEnvelope): string {
  const id = event.data['alertId'];
  return typeof id === 'string' && id !== '' ? id : event.id;
}

/**
 * Whether the event says the warning its `alertId` names no longer holds (a rerun of the night found none of it): the
 * stored alert is marked `cleared` (and acknowledged: nobody need act on it), never raised by it.
 */
export const clearsAlert = (event: EventEnvelope): boolean => event.data['cleared'] === true && alertIdOf(event) !== event.id;

/** Whether a stored alert's data already say what the event says (a rerun of the night with the same figures). */
export const sameFigures = (storedData: unknown, event: EventEnvelope): boolean => canonicalJson(storedData) === canonicalJson(event.data);

/** `alerts/{alertIdOf(event)}` as stored: the event's data, the customer's name when known, not yet acknowledged. */
export function alertDocument(event: EventEnvelope, customerName?: string): Record<string, unknown> | null {
  const alert = alertFor(event);
  if (!alert) return null;
  return {
    id: alertIdOf(event),
    ...alert,
    subject: event.subject,
    data: event.data,
    ...(customerName ? { customerName } : {}),
    occurredAt: event.occurredAt,
    acknowledged: false,
  };
}
