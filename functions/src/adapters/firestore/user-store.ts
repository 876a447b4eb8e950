import type { Firestore, Transaction } from '@google-cloud/firestore';
import { conflict, notFound } from '../../domain/errors';
import { disabledAccount, type User } from '../../domain/users';
import type { AccountState } from '../../http/auth/revoked-sessions';
import { runContendedTransaction } from './contended-transaction';

/**
 * Whether an account goes by `username`, read in the transaction that would create one: a portal account's uid is
 * opaque (`newUser`), so the uid no longer keeps a username once.
 */
export async function usernameTakenIn(tx: Transaction, db: Firestore, username: string): Promise<boolean> {
  return !(await tx.get(db.collection('users').where('username', '==', username).limit(1))).empty;
}

/** Accounts in `users/{uid}`, one per username. */
export function firestoreUserStore(db: Firestore) {
  const col = db.collection('users');
  const missing = (uid: string) => notFound('USER.NOT_FOUND', `User ${uid} not found`, { uid });
  return {
    /** Whether `users/{uid}` is disabled and since when its sessions count; null without an account (service principals). */
    async stateOf(uid: string): Promise<AccountState | null> {
      const snap = await col.doc(uid).get();
      if (!snap.exists) return null;
      const user = snap.data() as User;
      return { disabled: user.disabled === true, ...(user.sessionsValidFrom ? { sessionsValidFromMs: Date.parse(user.sessionsValidFrom) } : {}) };
    },
    /** Display names by uid, for showing who recorded something; uids without an account are left out. */
    async displayNames(uids: readonly string[]): Promise<Map<string, string>> {
      const unique = [...new Set(uids)];
      if (unique.length === 0) return new Map();
      const snaps = await db.getAll(...unique.map((uid) => col.doc(uid)), { fieldMask: ['displayName'] });
      return new Map(snaps.flatMap((s) => (s.exists ? [[s.id, String(s.get('displayName'))] as const] : [])));
    },
    /** The portal accounts linked to a customer, by username. */
    async ofCustomer(customerId: string): Promise<User[]> {
      const snap = await col.where('customerId', '==', customerId).get();
      return snap.docs
        .map((d) => d.data() as User)
        .filter((u) => u.role === 'customer')
        .sort((a, b) => a.username.localeCompare(b.username));
    },
    /** One account, or null without one. */
    async find(uid: string): Promise<User | null> {
      const snap = await col.doc(uid).get();
      return snap.exists ? (snap.data() as User) : null;
    },
    /** The office and admin accounts (single-field equality: not the portal's many customer accounts). */
    async staff(): Promise<User[]> {
      return (await col.where('role', 'in', ['office', 'admin']).get()).docs.map((d) => d.data() as User);
    },
    async list(): Promise<User[]> {
      return (await col.orderBy('username').get()).docs.map((d) => d.data() as User);
    },
    async create(user: User): Promise<User> {
      const taken = () => conflict('USER.USERNAME_TAKEN', `${user.username} exists`);
      try {
        await runContendedTransaction(db, async (tx) => {
          if (await usernameTakenIn(tx, db, user.username)) throw taken();
          tx.create(col.doc(user.uid), user);
        });
      } catch (err) {
        // gRPC ALREADY_EXISTS: `u-<username>` is still the uid of an account erased before portal uids were opaque.
        if ((err as { code?: number }).code === 6) throw taken();
        throw err;
      }
      return user;
    },
    /**
     * Disables every account linked to a driver (a retired driver must not sign in any more);
     * returns the uids it changed, none when they were disabled already.
     */
    async disableDriverAccounts(driverId: string, now: Date): Promise<string[]> {
      return runContendedTransaction(db, async (tx) => {
        const linked = (await tx.get(col.where('driverId', '==', driverId))).docs.map((d) => d.data() as User);
        const enabled = linked.filter((u) => !u.disabled);
        for (const u of enabled) tx.set(col.doc(u.uid), disabledAccount(u, now));
        return enabled.map((u) => u.uid);
      });
    },
    /**
     * `alongside` reads and writes what must change with the account (or checks what it now points at) in the same
     * transaction, or throws to change nothing.
     */
    async update(uid: string, change: (u: User) => User, alongside?: (tx: Transaction, next: User) => Promise<void>): Promise<User> {
      return runContendedTransaction(db, async (tx) => {
        const snap = await tx.get(col.doc(uid));
        if (!snap.exists) throw missing(uid);
        const next = change(snap.data() as User);
        await alongside?.(tx, next);
        tx.set(col.doc(uid), next);
        return next;
      });
    },
  };
}
