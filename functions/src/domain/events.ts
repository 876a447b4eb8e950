/** The event envelope shared by every topic (see docs/architecture.md, "Events"). */
export const TOPICS = [
  'order-events',
  'route-events',
  'driver-events',
  'notifications',
  'system-alerts',
  'optimization-requests',
] as const;
export type Topic = (typeof TOPICS)[number];

export interface Actor {
  readonly uid: string;
  readonly role: Role | 'system';
}

/** `turnkey` is a machine account: the MOF Turnkey machine's sync, which may only call the upload endpoints. */
export type Role = 'admin' | 'office' | 'driver' | 'customer' | 'turnkey';

export interface EventEnvelope<TData = Readonly<Record<string, unknown>>> {
  /** Unique per event; consumers deduplicate on it. */
  readonly id: string;
  /** e.g. `order.created`, `order.status_changed`, `route.published`. */
  readonly type: string;
  /** ISO-8601 UTC instant. */
  readonly occurredAt: string;
  readonly actor: Actor;
  /** The entity the event is about, e.g. `orders/abc`. */
  readonly subject: string;
  readonly data: TData;
  readonly schemaVersion: 1;
  /** Monotonic per subject, so consumers can ignore out-of-order deliveries. */
  readonly sequence: number;
}

/** A pending outbox entry, written in the same transaction as the change it announces. */
export interface OutboxEntry {
  readonly topic: Topic;
  readonly event: EventEnvelope;
}

/** Sends an event to a topic; adapters fill it (Pub/Sub in production and locally). */
export interface EventPublisher {
  publish(topic: Topic, event: EventEnvelope): Promise<void>;
}

export function buildEvent<TData extends Readonly<Record<string, unknown>>>(input: {
  id: string;
  type: string;
  occurredAt: Date;
  actor: Actor;
  subject: string;
  sequence: number;
  data: TData;
}): EventEnvelope<TData> {
  return {
    id: input.id,
    type: input.type,
    occurredAt: input.occurredAt.toISOString(),
    actor: input.actor,
    subject: input.subject,
    data: input.data,
    schemaVersion: 1,
    sequence: input.sequence,
  };
}
