/**
 * What the customer hears of their call (報修): who is sent and at which time (again when the office moves the time or
 * hands the call to another driver), and how it ended. Announced on `notifications` with the call's change, in its transaction, and told by the
 * `notifyServiceCalls` consumer; the office and the driver read calls live and are told nothing here.
 */
import { buildEvent, type OutboxEntry } from '../events';
import type { ServiceCall } from './service-call';

export const SERVICE_CALL_DISPATCHED = 'service_call.dispatched';
export const SERVICE_CALL_CLOSED = 'service_call.closed';

/**
 * The customer's events for the change from `before` to `after`: `service_call.dispatched` when a driver is first sent,
 * the agreed time moves or the call is handed to another driver (the customer was told who is coming and opens the door
 * to them), not for a retried assignment, which changes neither; `service_call.closed` once when it closes. A dispatch's
 * id carries the assignment's instant, so each new time or driver is its own event and a redelivery of one is recognised
 * as such.
 */
export function serviceCallCustomerEvents(before: ServiceCall, after: ServiceCall): OutboxEntry[] {
  const event = (id: string, type: string, at: string, data: Record<string, unknown>): OutboxEntry => ({
    topic: 'notifications',
    event: buildEvent({
      id,
      type,
      occurredAt: new Date(at),
      actor: after.result?.by ?? after.assignment?.by ?? after.openedBy,
      subject: `serviceCalls/${after.id}`,
      // Calls carry no version; the instant of the change orders them as well.
      sequence: Date.parse(at),
      data: { customerId: after.customerId, serviceCallId: after.id, ...data },
    }),
  });
  if (before.status !== 'closed' && after.status === 'closed' && after.result) {
    return [event(`${after.id}-closed`, SERVICE_CALL_CLOSED, after.result.at, { outcome: after.result.outcome })];
  }
  const sent = after.assignment;
  const was = before.assignment;
  if (after.status !== 'assigned' || !sent || (was?.scheduledAt === sent.scheduledAt && was.driverId === sent.driverId)) return [];
  const moved = was && was.scheduledAt !== sent.scheduledAt ? { previousScheduledAt: was.scheduledAt } : {};
  const handedOver = was && was.driverId !== sent.driverId ? { previousDriverId: was.driverId } : {};
  const data = { scheduledAt: sent.scheduledAt, driverId: sent.driverId, ...moved, ...handedOver };
  return [event(`${after.id}-dispatched-${Date.parse(sent.at)}`, SERVICE_CALL_DISPATCHED, sent.at, data)];
}
