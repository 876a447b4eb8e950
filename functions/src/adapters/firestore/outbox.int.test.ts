import { Timestamp, type Firestore } from '@google-cloud/firestore';
import type { PubSub } from '@google-cloud/pubsub';
import { randomUUID } from 'node:crypto';
import { buildEvent, type OutboxEntry, type Topic } from '../../domain/events';
import { ensureTopicsAndSubscriptions } from '../../local/pubsub-setup';
import { testConfig } from '../../local/test-support';
import { createPubSub } from '../pubsub/client';
import { pubsubEventPublisher } from '../pubsub/event-publisher';
import { createFirestore } from './client';
import { OUTBOX, publishOutbox, sweepOutbox, writeOutbox } from './outbox';

const config = testConfig();
let db: Firestore;
let pubsub: PubSub;
const DAY_MS = 86_400_000;

beforeAll(() => {
  db = createFirestore(config);
  pubsub = createPubSub(config);
});
afterAll(async () => {
  await Promise.allSettled([db.terminate(), pubsub.close()]);
});

const entry = (topic: Topic): OutboxEntry => ({
  topic,
  event: buildEvent({
    id: randomUUID(),
    type: 'order.created',
    occurredAt: new Date('2026-11-20T02:00:00Z'),
    actor: { uid: 'u-office', role: 'office' },
    subject: 'orders/o1',
    sequence: 1000,
    data: { orderId: 'o1', customerId: 'c1' },
  }),
});

async function committed(e: OutboxEntry, at: Date): Promise<void> {
  await db.runTransaction(async (tx) => writeOutbox(db, tx, [e], at));
}

const stored = async (e: OutboxEntry) => (await db.collection(OUTBOX).doc(e.event.id).get()).data() ?? {};

describe('outbox retention', () => {
  it('stamps an entry published after its commit to expire 30 days after publishing', async () => {
    await ensureTopicsAndSubscriptions(pubsub, { topics: ['order-events'], subscriptions: [], pushBase: 'http://127.0.0.1:1' });
    const e = entry('order-events');
    await committed(e, new Date('2026-11-20T02:00:00Z'));
    const publishedAt = new Date('2026-11-20T02:00:01Z');

    await publishOutbox(db, pubsubEventPublisher(pubsub), [e.event.id], () => publishedAt);

    const doc = await stored(e);
    expect(doc.publishedAt).toEqual(Timestamp.fromDate(publishedAt));
    expect(doc.expiresAt).toEqual(Timestamp.fromMillis(publishedAt.getTime() + 30 * DAY_MS));
  });

  it('gives an entry whose publishing failed no expiry until the sweeper publishes it, then 30 days from the sweep', async () => {
    // No topic yet: the emulator refuses the publish, as Pub/Sub down would.
    const e = entry('price-events');
    const createdAt = new Date('2026-11-20T02:00:00Z');
    await committed(e, createdAt);
    const publisher = pubsubEventPublisher(pubsub);

    await publishOutbox(db, publisher, [e.event.id], () => createdAt);
    const failed = await stored(e);
    expect({ publishedAt: failed.publishedAt, attempts: failed.attempts, expiresAt: failed.expiresAt }).toEqual({ publishedAt: null, attempts: 1, expiresAt: undefined });

    await ensureTopicsAndSubscriptions(pubsub, { topics: ['price-events'], subscriptions: [], pushBase: 'http://127.0.0.1:1' });
    const sweptAt = new Date('2026-11-21T09:30:00Z');
    await sweepOutbox(db, publisher, { olderThanMs: 60_000, limit: 500, now: () => sweptAt });

    const swept = await stored(e);
    expect(swept.publishedAt).toEqual(Timestamp.fromDate(sweptAt));
    expect(swept.expiresAt).toEqual(Timestamp.fromMillis(sweptAt.getTime() + 30 * DAY_MS));
  });
});
