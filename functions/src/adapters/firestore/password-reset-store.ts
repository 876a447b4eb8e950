import type { Firestore, Transaction } from '@google-cloud/firestore';
import type { PasswordReset } from '../../domain/users';

/** Thrown inside a transaction when the texted code checked is no longer the live one, so nothing is written. */
export class ResetCodeGone extends Error {}

/** `passwordResets/{uid}`: one live code per account, read and written by the auth function only. */
export function firestorePasswordResetStore(db: Firestore) {
  const ref = (uid: string) => db.collection('passwordResets').doc(uid);
  return {
    async find(uid: string): Promise<PasswordReset | null> {
      const snap = await ref(uid).get();
      return snap.exists ? (snap.data() as PasswordReset) : null;
    },
    async save(reset: PasswordReset): Promise<void> {
      await ref(reset.uid).set(reset);
    },
    /** For the account's transaction: deletes the code if it is still `reset`, else throws ResetCodeGone. */
    usedIn(reset: PasswordReset): (tx: Transaction) => Promise<void> {
      return async (tx) => {
        const snap = await tx.get(ref(reset.uid));
        if ((snap.data() as PasswordReset | undefined)?.codeHash !== reset.codeHash) throw new ResetCodeGone();
        tx.delete(ref(reset.uid));
      };
    },
  };
}
