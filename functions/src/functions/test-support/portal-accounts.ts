import type { Firestore } from '@google-cloud/firestore';

/**
 * Gives each customer an enabled portal account (no password: nobody signs in with it), so that messages sent to
 * their portal inbox are delivered: the inbox refuses a customer who cannot sign in (`INBOX.NO_ACCOUNT`).
 */
export async function seedPortalAccounts(db: Firestore, customerIds: readonly string[]): Promise<void> {
  const batch = db.batch();
  for (const id of customerIds) {
    batch.set(db.collection('users').doc(`u-portal-${id}`), { uid: `u-portal-${id}`, username: `portal-${id}`, displayName: id, role: 'customer', customerId: id, disabled: false });
  }
  await batch.commit();
}
