import { Timestamp, type Firestore } from '@google-cloud/firestore';
import type { IdempotencyBegin, IdempotencyStore, StoredResponse } from '../../http/idempotency';
import { runContendedTransaction } from './contended-transaction';

export const IDEMPOTENCY = 'idempotency';
/** An attempt older than this whose process never completed is assumed dead and may be retried. */
const IN_PROGRESS_TTL_MS = 60_000;
/** Stored responses expire (Firestore TTL policy on `expiresAt`, see infra/). */
const RETENTION_MS = 24 * 3600_000;

interface Doc {
  fingerprint: string;
  state: 'in_progress' | 'done';
  startedAt: Timestamp;
  expiresAt: Timestamp;
  response?: StoredResponse;
}

export function firestoreIdempotencyStore(db: Firestore, now: () => Date = () => new Date()): IdempotencyStore {
  const col = db.collection(IDEMPOTENCY);
  return {
    async begin(scope, fingerprint) {
      return runContendedTransaction(db, async (tx): Promise<IdempotencyBegin> => {
        const ref = col.doc(scope);
        const snap = await tx.get(ref);
        const t = now().getTime();
        const existing = snap.exists ? (snap.data() as Doc) : null;
        if (existing) {
          if (existing.fingerprint !== fingerprint) return { state: 'mismatch' };
          if (existing.state === 'done' && existing.response) return { state: 'replay', response: existing.response };
          if (t - existing.startedAt.toMillis() < IN_PROGRESS_TTL_MS) return { state: 'in_progress' };
        }
        const doc: Doc = {
          fingerprint,
          state: 'in_progress',
          startedAt: Timestamp.fromMillis(t),
          expiresAt: Timestamp.fromMillis(t + RETENTION_MS),
        };
        tx.set(ref, doc);
        return { state: 'new' };
      });
    },
    async complete(scope, response) {
      // Firestore rejects `undefined`; a JSON round trip keeps exactly what the client received.
      await col.doc(scope).update({ state: 'done', response: JSON.parse(JSON.stringify(response)) });
    },
    async release(scope) {
      await col.doc(scope).delete();
    },
  };
}
