import type { Firestore } from '@google-cloud/firestore';
import { sha256 } from '../../http/idempotency';
import type { ThrottleState, ThrottleStore } from '../../http/auth/login-throttle';
import { runContendedTransaction } from './contended-transaction';

export const LOGIN_THROTTLE = 'loginThrottle';
/** Hashed ids: usernames and addresses are not stored in clear in an operational collection. */
export const throttleDocId = (key: string): string => sha256(key);

/** Counters live in Firestore so every function instance sees the same failures. */
export function firestoreThrottleStore(db: Firestore): ThrottleStore {
  const ref = (key: string) => db.collection(LOGIN_THROTTLE).doc(throttleDocId(key));
  return {
    async get(key) {
      const snap = await ref(key).get();
      return snap.exists ? (snap.data() as ThrottleState) : null;
    },
    async update(key, next) {
      await runContendedTransaction(db, async (tx) => {
        const snap = await tx.get(ref(key));
        tx.set(ref(key), next(snap.exists ? (snap.data() as ThrottleState) : null));
      });
    },
    async clear(key) {
      await ref(key).delete();
    },
  };
}
