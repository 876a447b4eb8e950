import { FieldPath, Timestamp, type Firestore, type Query } from '@google-cloud/firestore';
import { invalid } from '../../domain/errors';
import type { AuditEntry, AuditFilter } from '../../domain/audit';

export const AUDIT_LOG = 'auditLog';

/** gRPC's ALREADY_EXISTS: `create` of an id that is there. */
const ALREADY_EXISTS = 6;
/** A bulk write that failed for another reason is tried this many times in all. */
const MAX_BULK_ATTEMPTS = 5;

/**
 * `auditLog/{requestId}` as stored: `expiresAt` a Timestamp (the TTL policy in infra/firestore.tf reads only
 * timestamps) and the body as JSON text — any shape a route accepts stores (Firestore refuses nested arrays), and one
 * unindexed field (firestore.indexes.json exempts it) instead of an index entry per body field.
 */
interface Doc extends Omit<AuditEntry, 'expiresAt' | 'body'> {
  readonly expiresAt: Timestamp;
  readonly bodyJson?: string;
}

const toDoc = ({ expiresAt, body, ...rest }: AuditEntry): Doc => ({
  ...rest,
  expiresAt: Timestamp.fromDate(new Date(expiresAt)),
  ...(body === undefined ? {} : { bodyJson: JSON.stringify(body) }),
});

function fromDoc({ expiresAt, bodyJson, ...rest }: Doc): AuditEntry {
  return { ...rest, expiresAt: expiresAt.toDate().toISOString(), ...(bodyJson === undefined ? {} : { body: JSON.parse(bodyJson) as unknown }) };
}

export interface AuditPage {
  readonly items: AuditEntry[];
  readonly nextCursor: string | null;
}

export function firestoreAuditLogStore(db: Firestore) {
  const col = db.collection(AUDIT_LOG);

  /**
   * Newest first; equality on `actor.uid` and / or `function`, `entityIds` array-contains, `at` in a range. Each
   * combination of the three has its composite index (…, `at` desc) in firestore.indexes.json; `at` alone needs none.
   */
  function filtered(filter: AuditFilter): Query {
    let q: Query = col;
    if (filter.actorUid) q = q.where('actor.uid', '==', filter.actorUid);
    if (filter.function) q = q.where('function', '==', filter.function);
    if (filter.entityId) q = q.where('entityIds', 'array-contains', filter.entityId);
    if (filter.atFrom) q = q.where('at', '>=', filter.atFrom);
    if (filter.atBefore) q = q.where('at', '<', filter.atBefore);
    return q.orderBy('at', 'desc').orderBy(FieldPath.documentId(), 'desc');
  }

  return {
    /** Writes an entry once: the same request id again (a retry that ran once more) keeps the first entry. */
    async write(entry: AuditEntry): Promise<void> {
      try {
        await col.doc(entry.id).create(toDoc(entry));
      } catch (err) {
        if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
      }
    },

    /**
     * Writes many entries at once, each only if absent as `write` does: the demo seed's trail (1,654 entries: 0.8 s on
     * the emulator, 2.5 s with the bulk writer's ramp-up, which spares a live database's new key ranges and is off here
     * because only the seed writes this way).
     */
    async writeAll(entries: readonly AuditEntry[]): Promise<void> {
      const writer = db.bulkWriter({ throttling: false });
      writer.onWriteError((err) => err.code !== ALREADY_EXISTS && err.failedAttempts < MAX_BULK_ATTEMPTS);
      const written = entries.map((entry) =>
        writer.create(col.doc(entry.id), toDoc(entry)).catch((err: { code?: number }) => {
          if (err.code !== ALREADY_EXISTS) throw err;
        }),
      );
      await writer.close();
      await Promise.all(written);
    },

    /** A page of entries after the one `cursor` names (the last id of the previous page). */
    async list(filter: AuditFilter, limit: number, cursor?: string): Promise<AuditPage> {
      let q = filtered(filter);
      if (cursor) {
        const last = await col.doc(cursor).get();
        if (!last.exists) throw invalid('AUDIT.CURSOR_INVALID', 'No such entry', { path: 'cursor' });
        q = q.startAfter(last);
      }
      const snap = await q.limit(limit + 1).get();
      const items = snap.docs.slice(0, limit).map((d) => fromDoc(d.data() as Doc));
      const last = items[items.length - 1];
      return { items, nextCursor: snap.size > limit && last ? last.id : null };
    },
  };
}
export type AuditLogStore = ReturnType<typeof firestoreAuditLogStore>;
