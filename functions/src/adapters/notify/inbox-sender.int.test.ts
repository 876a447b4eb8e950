import type { Firestore } from '@google-cloud/firestore';
import { createFirestore } from '../firestore/client';
import type { Clock } from '../../domain/clock';
import { firestoreEmulatorHost, testConfig, uniqueProjectId } from '../../local/test-support';
import { inboxSender, NOTIFICATIONS_COLLECTION } from './inbox-sender';

const clock: Clock = { now: () => new Date('2026-11-29T01:15:00Z') };

describe('inbox sender on the Firestore emulator', () => {
  let db: Firestore;
  beforeAll(async () => {
    // Naming the emulator host explicitly fails loudly without emulators instead of reaching for the real service.
    db = createFirestore(testConfig({ projectId: uniqueProjectId('inbox'), emulators: { firestore: firestoreEmulatorHost() } }));
    // Opening the gRPC channel takes seconds on a busy machine; pay it here, not inside a test's 5 s budget.
    await db.collection(NOTIFICATIONS_COLLECTION).doc('warm-up').get();
    await db.collection('users').doc('u-c42').set({ uid: 'u-c42', username: 'c42', role: 'customer', customerId: 'cust-42', disabled: false });
  }, 30_000);
  afterAll(() => db.terminate());

  const message = { channel: 'inbox' as const, to: 'cust-42', text: '幸福氣通知：您的訂單 #A1 已確認。', idempotencyKey: 'evt-1:cust-42' };

  it('stores the notification for the customer with readAt null', async () => {
    const receipt = await inboxSender(db, clock).send(message);
    const snap = await db.collection(NOTIFICATIONS_COLLECTION).doc(receipt.providerMessageId ?? '').get();
    expect(snap.exists).toBe(true);
    expect(snap.data()).toEqual({
      customerId: 'cust-42',
      channel: 'inbox',
      text: message.text,
      idempotencyKey: 'evt-1:cust-42',
      createdAt: expect.objectContaining({ seconds: Date.parse('2026-11-29T01:15:00Z') / 1000 }),
      readAt: null,
    });
  });

  it('writes a redelivered notification once and answers the same id', async () => {
    const sender = inboxSender(db, clock);
    const again = { ...message, idempotencyKey: 'evt-2:cust-42' };
    const [a, b, c] = await Promise.all([sender.send(again), sender.send(again), sender.send(again)]);
    expect(new Set([a.providerMessageId, b.providerMessageId, c.providerMessageId]).size).toBe(1);
    const docs = await db.collection(NOTIFICATIONS_COLLECTION).where('idempotencyKey', '==', 'evt-2:cust-42').get();
    expect(docs.size).toBe(1);
  });

  it('refuses for good a customer with no portal account, or only a disabled one, and stores nothing: nobody would read it', async () => {
    await db.collection('users').doc('u-c43').set({ uid: 'u-c43', username: 'c43', role: 'customer', customerId: 'cust-43', disabled: true });
    for (const to of ['cust-43', 'cust-44']) {
      const idempotencyKey = `evt-4:${to}`;
      await expect(inboxSender(db, clock).send({ ...message, to, idempotencyKey })).rejects.toMatchObject({ code: 'INBOX.NO_ACCOUNT', kind: 'validation' });
      expect((await db.collection(NOTIFICATIONS_COLLECTION).where('idempotencyKey', '==', idempotencyKey).get()).size).toBe(0);
    }
  });

  it('classifies a notification Firestore refuses (over 1 MiB) as permanent', async () => {
    await expect(
      inboxSender(db, clock).send({ ...message, text: '氣'.repeat(400_000), idempotencyKey: 'evt-3:cust-42' }),
    ).rejects.toMatchObject({ code: 'INBOX.INVALID', kind: 'validation' });
  });
});
