import type { CloudEvent } from '@google-cloud/functions-framework';
import { Timestamp, type Firestore, type Transaction } from '@google-cloud/firestore';
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { EVENT_TRACES_KEPT_DAYS, type EventEnvelope } from '../../domain/events';
import { runContendedTransaction } from '../firestore/contended-transaction';

/** What a Pub/Sub trigger delivers (google.events.cloud.pubsub.v1.MessagePublishedData). */
export interface MessagePublishedData {
  readonly message: {
    readonly data?: string;
    readonly attributes?: Readonly<Record<string, string>>;
    readonly messageId?: string;
    readonly publishTime?: string;
  };
  readonly subscription?: string;
}

const envelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  occurredAt: z.string().min(1),
  actor: z.object({ uid: z.string(), role: z.string() }),
  subject: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  schemaVersion: z.literal(1),
  sequence: z.number().int().nonnegative(),
});

export function decodeEnvelope(ce: CloudEvent<MessagePublishedData>): EventEnvelope {
  const raw = ce.data?.message?.data;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw ?? '', 'base64').toString('utf8'));
  } catch (err) {
    throw new DomainError('EVENTS.MALFORMED', 'validation', 'Message data is not JSON', undefined, { cause: err });
  }
  const result = envelopeSchema.safeParse(parsed);
  if (!result.success) throw new DomainError('EVENTS.MALFORMED', 'validation', z.prettifyError(result.error));
  return result.data as EventEnvelope;
}

const RETENTION_MS = EVENT_TRACES_KEPT_DAYS * 86_400_000;

/**
 * Runs `work` at most once per (consumer, event id): the processed marker is written in the same
 * transaction as the work's own writes, so a redelivery after a crash either sees both or neither.
 * `work` must do its reads before its writes (a Firestore transaction rule).
 */
export async function processOnce(
  db: Firestore,
  consumer: string,
  event: EventEnvelope,
  work: (tx: Transaction) => Promise<void>,
  now: () => Date = () => new Date(),
): Promise<'processed' | 'duplicate'> {
  const marker = markerOf(db, consumer, event);
  return runContendedTransaction(db, async (tx) => {
    if ((await tx.get(marker)).exists) return 'duplicate' as const;
    await work(tx);
    const t = now().getTime();
    tx.create(marker, {
      consumer,
      eventId: event.id,
      type: event.type,
      subject: event.subject,
      processedAt: Timestamp.fromMillis(t),
      expiresAt: Timestamp.fromMillis(t + RETENTION_MS),
    });
    return 'processed' as const;
  });
}

const markerOf = (db: Firestore, consumer: string, event: EventEnvelope) => db.collection('processedEvents').doc(`${consumer}_${event.id}`);

/** Whether `processOnce` has run for this event: for work that cannot share its transaction, such as a text sent. */
export async function processedBefore(db: Firestore, consumer: string, event: EventEnvelope): Promise<boolean> {
  return (await markerOf(db, consumer, event).get()).exists;
}

/**
 * Wraps a consumer so malformed messages are logged and acknowledged (retrying cannot fix them),
 * while any other failure rejects, which makes Pub/Sub redeliver and finally dead-letter it.
 */
export function eventConsumer(
  name: string,
  handle: (event: EventEnvelope) => Promise<void>,
): (ce: CloudEvent<MessagePublishedData>) => Promise<void> {
  return async (ce) => {
    let event: EventEnvelope;
    try {
      event = decodeEnvelope(ce);
    } catch (err) {
      console.error(JSON.stringify({ severity: 'ERROR', consumer: name, message: 'dropping malformed event', error: String(err) }));
      return;
    }
    await handle(event);
  };
}
