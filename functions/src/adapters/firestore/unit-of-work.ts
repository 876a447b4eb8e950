import type { DocumentReference, Firestore, Query, Transaction } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { buildEvent, sequenceOf, type EventPublisher, type OutboxEntry } from '../../domain/events';
import type { PendingEvent, Versioned, WriteContext } from './aggregate-store';
import { publishOutbox, writeOutbox } from './outbox';
import { runContendedTransaction } from './contended-transaction';

/**
 * One Firestore transaction over several versioned documents (a route and its orders, a job and
 * its drafts) with their outbox entries. Reads happen as the work asks; writes are held back and
 * applied at the end, so the work may interleave them freely (Firestore wants reads first).
 */
export class UnitOfWork {
  private readonly writes: ((tx: Transaction) => void)[] = [];
  readonly outbox: OutboxEntry[] = [];

  constructor(
    readonly db: Firestore,
    readonly tx: Transaction,
    readonly ctx: WriteContext,
  ) {}

  async read<T>(collection: string, id: string): Promise<Versioned<T> | null> {
    const snap = await this.tx.get(this.db.collection(collection).doc(id));
    return snap.exists ? (snap.data() as Versioned<T>) : null;
  }

  async readAll<T>(collection: string, ids: readonly string[]): Promise<(Versioned<T> | null)[]> {
    if (ids.length === 0) return [];
    const refs = ids.map((id) => this.db.collection(collection).doc(id));
    const snaps = await this.tx.getAll(...refs);
    return snaps.map((s) => (s.exists ? (s.data() as Versioned<T>) : null));
  }

  async query<T>(q: Query): Promise<Versioned<T>[]> {
    return (await this.tx.get(q)).docs.map((d) => d.data() as Versioned<T>);
  }

  /** Writes the next version of a document (the first when `current` is null) and stages its events. */
  put<T extends { readonly id: string }>(collection: string, current: Versioned<T> | null, next: T, events: readonly PendingEvent[] = []): Versioned<T> {
    const version = (current?.version ?? 0) + 1;
    const doc = { ...next, version } as Versioned<T>;
    const ref: DocumentReference = this.db.collection(collection).doc(next.id);
    this.writes.push((tx) => tx.set(ref, doc));
    for (const [i, e] of events.entries()) {
      this.outbox.push({
        topic: e.topic,
        event: buildEvent({
          id: randomUUID(),
          type: e.type,
          occurredAt: this.ctx.now,
          actor: this.ctx.actor,
          subject: `${collection}/${next.id}`,
          sequence: sequenceOf(version, i),
          data: e.data,
        }),
      });
    }
    return doc;
  }

  /** A plain document with no version or events (action records, locations). */
  set(collection: string, id: string, data: object): void {
    const ref = this.db.collection(collection).doc(id);
    this.writes.push((tx) => tx.set(ref, data));
  }

  remove(collection: string, id: string): void {
    const ref = this.db.collection(collection).doc(id);
    this.writes.push((tx) => tx.delete(ref));
  }

  apply(): void {
    for (const w of this.writes) w(this.tx);
    writeOutbox(this.db, this.tx, this.outbox, this.ctx.now);
  }
}

/** Runs `work` in one transaction, then publishes its events (the sweeper catches what this misses). */
export async function inTransaction<R>(
  db: Firestore,
  publisher: EventPublisher,
  ctx: WriteContext,
  work: (uow: UnitOfWork) => Promise<R>,
): Promise<R> {
  const { result, outbox } = await runContendedTransaction(db, async (tx) => {
    const uow = new UnitOfWork(db, tx, ctx);
    const r = await work(uow);
    uow.apply();
    return { result: r, outbox: uow.outbox };
  });
  await publishOutbox(db, publisher, outbox.map((o) => o.event.id));
  return result;
}
