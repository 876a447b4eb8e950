import { Timestamp, type Firestore } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { SIGN_IN_FAILURES_KEPT_DAYS, type SignInFailure } from '../../domain/users';

export const SIGN_IN_FAILURES = 'signInFailures';
const DAY_MS = 86_400_000;

/** `signInFailures/{id}`: refused sign-ins, server-only, deleted by TTL on `expiresAt` after `SIGN_IN_FAILURES_KEPT_DAYS`. */
export function firestoreSignInFailureStore(db: Firestore) {
  const col = db.collection(SIGN_IN_FAILURES);
  return {
    async record(failure: Omit<SignInFailure, 'id'>): Promise<void> {
      const id = randomUUID();
      await col.doc(id).set({ id, ...failure, expiresAt: Timestamp.fromMillis(Date.parse(failure.at) + SIGN_IN_FAILURES_KEPT_DAYS * DAY_MS) });
    },
    /** Newest first; one username's with it (the (username, at desc) index). */
    async list(query: { readonly username?: string | undefined; readonly limit: number }): Promise<SignInFailure[]> {
      const base = query.username ? col.where('username', '==', query.username) : col;
      const snap = await base.orderBy('at', 'desc').limit(query.limit).get();
      return snap.docs.map((d) => {
        const { expiresAt: _ttl, ...failure } = d.data() as SignInFailure & { expiresAt: Timestamp };
        return failure;
      });
    },
  };
}
