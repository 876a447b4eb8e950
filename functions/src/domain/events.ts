/** The event envelope shared by every topic (see docs/architecture.md, "Events"). */
export const TOPICS = [
  'order-events',
  'route-events',
  'driver-events',
  'notifications',
  'system-alerts',
  'optimization-requests',
  'price-events',
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

/**
 * Days an event's traces are kept once it is handled: its published outbox entry (what went out, to look back over a
 * redelivery or replay one) and each consumer's `processedEvents` record of it. One period for both, so an entry still
 * there to be republished by hand is one the consumers still know they handled; a month, since the payloads name
 * customers (a driver's words on a failed stop, the times told) while the orders already keep the record.
 */
export const EVENT_TRACES_KEPT_DAYS = 30;

/** Sends an event to a topic; adapters fill it (Pub/Sub in production and locally). */
export interface EventPublisher {
  publish(topic: Topic, event: EventEnvelope): Promise<void>;
}

/** More events than one write of one document ever announces (a delivery writes four at most). */
const EVENTS_PER_WRITE = 1000;

/**
 * The `sequence` of the `index`th event a write of an entity's `version` announces. Events of one write differ (a
 * delivery of a scheduled order announces "out for delivery" and then "delivered" together), so a consumer that skips
 * what is older than the last it handled keeps the later one whichever Pub/Sub brings first; and every event of a later
 * version comes after every event of an earlier one.
 */
export const sequenceOf = (version: number, index: number): number => version * EVENTS_PER_WRITE + index;

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
