import type { Firestore } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { buildEvent, type EventEnvelope, type Topic } from '../../domain/events';
import { orderStatusEvent, type Order, type OrderStatus } from '../../domain/orders';

/**
 * What the Pub/Sub emulator POSTs to a consumer's push endpoint on the local gateway, for deliveries a test arranges
 * itself (again, late, out of order); answers the gateway's status (2xx ack, 5xx nack).
 */
export async function pushEvent(
  stack: { readonly url: string; readonly projectId: string },
  consumer: string,
  topic: Topic,
  event: EventEnvelope,
  messageId: string = randomUUID(),
): Promise<number> {
  const res = await fetch(`${stack.url}/_events/${consumer}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: {
        data: Buffer.from(JSON.stringify(event)).toString('base64'),
        attributes: { type: event.type, eventId: event.id },
        messageId,
        publishTime: new Date().toISOString(),
      },
      subscription: `projects/${stack.projectId}/subscriptions/${consumer}--${topic}`,
    }),
  });
  return res.status;
}

/** The `order.status_changed` event the driver's action publishes for `order` reaching `to` from out for delivery. */
export function statusChangedEvent(order: Order, to: OrderStatus = 'delivered'): EventEnvelope {
  const { type, data } = orderStatusEvent({ ...order, status: to }, 'out_for_delivery');
  return buildEvent({ id: randomUUID(), type, occurredAt: new Date(), actor: { uid: 'u-driver1', role: 'driver' }, subject: `orders/${order.id}`, sequence: 5, data });
}

/**
 * The outbox's events about one document as [type, data.fields, actor uid], in the order they were written (by sequence:
 * outbox ids are random, so Firestore's own order is not theirs).
 */
export async function outboxEventsOf(db: Firestore, subject: string): Promise<[string, unknown, string][]> {
  const events = (await db.collection('outbox').where('event.subject', '==', subject).get()).docs.map((d) => d.get('event') as EventEnvelope);
  return events.sort((a, b) => a.sequence - b.sequence).map((e) => [e.type, (e.data as { fields?: unknown }).fields, e.actor.uid]);
}
