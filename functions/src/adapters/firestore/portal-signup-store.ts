import type { Firestore } from '@google-cloud/firestore';
import { conflict } from '../../domain/errors';
import type { PortalSignup, User } from '../../domain/users';
import { ResetCodeGone, replaceCode } from './password-reset-store';
import { usernameTakenIn } from './user-store';
import { runContendedTransaction } from './contended-transaction';

/** `portalSignups/{customerId}`: a customer's one live sign-up code, read and written by the auth function only. */
export function firestorePortalSignupStore(db: Firestore) {
  const ref = (customerId: string) => db.collection('portalSignups').doc(customerId);
  return {
    async find(customerId: string): Promise<PortalSignup | null> {
      const snap = await ref(customerId).get();
      return snap.exists ? (snap.data() as PortalSignup) : null;
    },
    /** Stores the code unless a later request's is stored, as a reset code is; false, storing nothing, then. */
    async save(signup: PortalSignup): Promise<boolean> {
      return replaceCode(db, ref(signup.customerId), signup);
    },
    /**
     * Creates `users/{uid}` and deletes the code in one transaction: ResetCodeGone when the code is no longer the one
     * checked, 409 USER.USERNAME_TAKEN (the code kept, so another username can be tried) when the account exists.
     */
    async open(signup: PortalSignup, user: User): Promise<void> {
      const account = db.collection('users').doc(user.uid);
      await runContendedTransaction(db, async (tx) => {
        const [code, taken] = await Promise.all([tx.get(ref(signup.customerId)), usernameTakenIn(tx, db, user.username)]);
        if ((code.data() as PortalSignup | undefined)?.codeHash !== signup.codeHash) throw new ResetCodeGone();
        if (taken) throw conflict('USER.USERNAME_TAKEN', `${user.username} exists`, { path: 'username' });
        tx.create(account, user);
        tx.delete(ref(signup.customerId));
      });
    },
  };
}
