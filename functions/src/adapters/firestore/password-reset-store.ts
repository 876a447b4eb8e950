import type { DocumentReference, Firestore, Transaction } from '@google-cloud/firestore';
import { codeReplaces, type PasswordReset } from '../../domain/users';
import { runContendedTransaction } from './contended-transaction';

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
    /**
     * Stores the code unless a later request's is stored (`codeReplaces`) or the account is disabled by now; false,
     * storing nothing, then. The account is read again with the code: one disabled (by an admin, or by 刪除個資) after
     * sendCodes read it would otherwise be texted a code to the mobile it read, however briefly.
     */
    async save(reset: PasswordReset): Promise<boolean> {
      return replaceCode(db, ref(reset.uid), reset, async (tx) => (await tx.get(db.collection('users').doc(reset.uid))).get('disabled') !== true);
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

/**
 * Writes a texted code (a reset's, a sign-up's) over the stored one when `codeReplaces` allows and `stillWanted` (read in
 * the same transaction) holds, in one transaction.
 */
export async function replaceCode<T extends { readonly requestedAt: string }>(
  db: Firestore,
  ref: DocumentReference,
  code: T,
  stillWanted: (tx: Transaction) => Promise<boolean> = async () => true,
): Promise<boolean> {
  return runContendedTransaction(db, async (tx) => {
    const stored = (await tx.get(ref)).data() as T | undefined;
    if (!codeReplaces(code, stored ?? null) || !(await stillWanted(tx))) return false;
    tx.set(ref, code);
    return true;
  });
}
