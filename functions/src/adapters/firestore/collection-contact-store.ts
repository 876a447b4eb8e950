import type { Firestore } from '@google-cloud/firestore';
import type { CollectionContact } from '../../domain/billing';
import { lastCallByCustomer } from '../../domain/customers';
import { customerRecords } from './customer-records';

export const COLLECTION_CONTACTS = 'collectionContacts';

/** `collectionContacts/{id}`: the office's 催款 calls and visits, kept as recorded (the erasure takes the note). */
export function firestoreCollectionContactStore(db: Firestore) {
  const { col, create } = customerRecords<CollectionContact>(db, COLLECTION_CONTACTS, 'COLLECTION_CONTACT.NOT_FOUND');
  return {
    create,

    /** Each customer's latest contact made at or after `since` (single-field range: no composite index). */
    async latestSince(since: string): Promise<Map<string, CollectionContact>> {
      const snap = await col.where('at', '>=', since).get();
      return lastCallByCustomer(snap.docs.map((d) => d.data() as CollectionContact));
    },

    /** One customer's contacts, newest first: sorted here, as a customer gets a handful (no composite index). */
    async ofCustomer(customerId: string, limit: number): Promise<CollectionContact[]> {
      const snap = await col.where('customerId', '==', customerId).get();
      return snap.docs.map((d) => d.data() as CollectionContact).sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
    },
  };
}
