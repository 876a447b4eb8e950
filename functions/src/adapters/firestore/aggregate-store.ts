import { FieldPath, type Firestore, type Query, type Transaction } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { notFound } from '../../domain/errors';
import { buildEvent, sequenceOf, type Actor, type EventPublisher, type OutboxEntry, type Topic } from '../../domain/events';
import { publishOutbox, writeOutbox } from './outbox';
import { runContendedTransaction } from './contended-transaction';

/** An event to announce with a change; the store fills id, subject, sequence, actor and time. */
export interface PendingEvent {
  readonly topic: Topic;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface Change<T> {
  readonly next: T;
  readonly events: readonly PendingEvent[];
}

export interface WriteContext {
  readonly actor: Actor;
  readonly now: Date;
}

/** Stored documents carry a version; it orders the subject's events (the envelope's `sequence`). */
export type Versioned<T> = T & { readonly version: number };

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/**
 * Documents whose every change commits together with its outbox entries, then is published
 * after commit (the sweeper republishes what a crash leaves behind). One implementation serves
 * orders and routes alike.
 */
export function aggregateStore<T extends { readonly id: string }>(
  db: Firestore,
  opts: { collection: string; notFoundCode: string; publisher: EventPublisher },
) {
  const col = db.collection(opts.collection);

  const envelopes = (id: string, version: number, events: readonly PendingEvent[], ctx: WriteContext): OutboxEntry[] =>
    events.map((e, i) => ({
      topic: e.topic,
      event: buildEvent({
        id: randomUUID(),
        type: e.type,
        occurredAt: ctx.now,
        actor: ctx.actor,
        subject: `${opts.collection}/${id}`,
        sequence: sequenceOf(version, i),
        data: e.data,
      }),
    }));

  const missing = (id: string) => notFound(opts.notFoundCode, `${opts.collection}/${id} not found`, { id });

  async function commit<R>(work: (tx: Transaction) => Promise<{ result: R; outbox: OutboxEntry[] }>, ctx: WriteContext) {
    const { result, outbox } = await runContendedTransaction(db, async (tx) => {
      const out = await work(tx);
      writeOutbox(db, tx, out.outbox, ctx.now);
      return out;
    });
    await publishOutbox(db, opts.publisher, outbox.map((o) => o.event.id));
    return result;
  }

  return {
    collection: col,

    async get(id: string): Promise<Versioned<T>> {
      const snap = await col.doc(id).get();
      if (!snap.exists) throw missing(id);
      return snap.data() as Versioned<T>;
    },

    async find(id: string): Promise<Versioned<T> | null> {
      const snap = await col.doc(id).get();
      return snap.exists ? (snap.data() as Versioned<T>) : null;
    },

    /**
     * Creates the document once: when the id exists already (a retried request, a rerun job), the
     * stored document is returned and nothing is written or announced again.
     */
    async create(
      id: string,
      build: (tx: Transaction) => Promise<Change<T>>,
      ctx: WriteContext,
    ): Promise<{ doc: Versioned<T>; created: boolean }> {
      return commit<{ doc: Versioned<T>; created: boolean }>(async (tx) => {
        const ref = col.doc(id);
        const existing = await tx.get(ref);
        if (existing.exists) return { result: { doc: existing.data() as Versioned<T>, created: false }, outbox: [] };
        const { next, events } = await build(tx);
        const doc = { ...next, version: 1 } as Versioned<T>;
        tx.create(ref, doc);
        return { result: { doc, created: true }, outbox: envelopes(id, 1, events, ctx) };
      }, ctx);
    },

    /** Reads, changes and writes one document atomically with its events. */
    async mutate(
      id: string,
      change: (current: Versioned<T>, tx: Transaction) => Promise<Change<T>> | Change<T>,
      ctx: WriteContext,
    ): Promise<Versioned<T>> {
      return commit(async (tx) => {
        const ref = col.doc(id);
        const snap = await tx.get(ref);
        if (!snap.exists) throw missing(id);
        const current = snap.data() as Versioned<T>;
        const { next, events } = await change(current, tx);
        if (events.length === 0 && next === current) return { result: current, outbox: [] };
        // Documents written outside this store (imports, fixtures) may lack a version: they count as 0.
        const version = (current.version ?? 0) + 1;
        const doc = { ...next, version } as Versioned<T>;
        tx.set(ref, doc);
        return { result: doc, outbox: envelopes(id, version, events, ctx) };
      }, ctx);
    },

    /** Newest first by `createdAt`; the cursor is `<createdAt>|<id>` of the last item. */
    async list(filter: (q: Query) => Query, limit: number, cursor?: string): Promise<Page<Versioned<T>>> {
      let q = filter(col).orderBy('createdAt', 'desc').orderBy(FieldPath.documentId(), 'desc');
      if (cursor) {
        const cut = cursor.lastIndexOf('|');
        q = q.startAfter(cursor.slice(0, cut), cursor.slice(cut + 1));
      }
      const snap = await q.limit(limit + 1).get();
      const items = snap.docs.slice(0, limit).map((d) => d.data() as Versioned<T> & { createdAt: string });
      const last = items[items.length - 1];
      return { items, nextCursor: snap.size > limit && last ? `${last.createdAt}|${last.id}` : null };
    },
  };
}
