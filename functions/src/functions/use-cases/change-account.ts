import type { Transaction } from '@google-cloud/firestore';
import type { Container } from '../../adapters/container';
import { firestoreUserStore } from '../../adapters/firestore/user-store';
import type { User } from '../../domain/users';

/**
 * Changes `users/{uid}` in a transaction and has this instance's token verifier ask about the account afresh, so a
 * new password or a disabled flag holds here at once (other instances see it within their 30 s).
 */
export async function changeAccount(
  c: Pick<Container, 'db' | 'verifier'>,
  uid: string,
  change: (user: User) => User,
  alongside?: (tx: Transaction, next: User) => Promise<void>,
): Promise<User> {
  const next = await firestoreUserStore(c.db).update(uid, change, alongside);
  c.verifier.forget(uid);
  return next;
}
