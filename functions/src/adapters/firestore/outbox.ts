import { Timestamp, type Firestore, type Transaction } from '@google-cloud/firestore';
import { EVENT_TRACES_KEPT_DAYS, type EventPublisher, type OutboxEntry } from '../../domain/events';

export const OUTBOX = 'outbox';
/** The field of a published entry that the TTL policy in infra/firestore.tf reads. */
export const OUTBOX_TTL_FIELD = 'expiresAt';

/**
 * `outbox/{eventId}`. Only a published entry has `expiresAt`, `EVENT_TRACES_KEPT_DAYS` after `publishedAt`: one still
 * to be published stays until the sweeper gets it out. What reads a published one: a price posting retried under its
 * Idempotency-Key (whose answer is kept a day) finding its events written, and the erasure, which deletes those about
 * the customer sooner.
 */
interface OutboxDoc extends OutboxEntry {
  readonly createdAt: Timestamp;
  readonly publishedAt: Timestamp | null;
  readonly attempts: number;
  readonly [OUTBOX_TTL_FIELD]?: Timestamp;
}

const DAY_MS = 86_400_000;

/** Records events in the caller's transaction: they commit (or not) together with the change. */
export function writeOutbox(db: Firestore, tx: Transaction, entries: readonly OutboxEntry[], now: Date): void {
  for (const entry of entries) {
    const doc: OutboxDoc = {
      ...JSON.parse(JSON.stringify(entry)),
      createdAt: Timestamp.fromDate(now),
      publishedAt: null,
      attempts: 0,
    };
    tx.create(db.collection(OUTBOX).doc(entry.event.id), doc);
  }
}

async function publishOne(db: Firestore, publisher: EventPublisher, id: string, now: () => Date): Promise<boolean> {
  const ref = db.collection(OUTBOX).doc(id);
  const snap = await ref.get();
  const doc = snap.data() as OutboxDoc | undefined;
  if (!doc || doc.publishedAt) return false;
  try {
    await publisher.publish(doc.topic, doc.event);
  } catch {
    await ref.update({ attempts: doc.attempts + 1 });
    return false;
  }
  // Publishing twice (a crash before this line, or a concurrent sweep) is harmless: consumers dedupe by event id.
  const publishedAt = now();
  await ref.update({
    publishedAt: Timestamp.fromDate(publishedAt),
    attempts: doc.attempts + 1,
    [OUTBOX_TTL_FIELD]: Timestamp.fromMillis(publishedAt.getTime() + EVENT_TRACES_KEPT_DAYS * DAY_MS),
  });
  return true;
}

/** After commit: best effort, the sweeper catches whatever this misses. */
export async function publishOutbox(
  db: Firestore,
  publisher: EventPublisher,
  ids: readonly string[],
  now: () => Date = () => new Date(),
): Promise<void> {
  await Promise.all(ids.map((id) => publishOne(db, publisher, id, now).catch(() => false)));
}

/** Republishes entries left unpublished for longer than `olderThanMs` (process died, Pub/Sub down). */
export async function sweepOutbox(
  db: Firestore,
  publisher: EventPublisher,
  opts: { olderThanMs: number; limit: number; now?: () => Date },
): Promise<{ found: number; published: number }> {
  const now = opts.now ?? (() => new Date());
  const cutoff = Timestamp.fromMillis(now().getTime() - opts.olderThanMs);
  const snap = await db
    .collection(OUTBOX)
    .where('publishedAt', '==', null)
    .where('createdAt', '<=', cutoff)
    .orderBy('createdAt')
    .limit(opts.limit)
    .get();
  let published = 0;
  for (const doc of snap.docs) {
    if (await publishOne(db, publisher, doc.id, now)) published++;
  }
  return { found: snap.size, published };
}
