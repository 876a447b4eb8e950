import type { DocumentSnapshot, Firestore } from '@google-cloud/firestore';
import type { CredentialRecord, CredentialStore } from '../../http/auth/login';
import { principalFromClaims } from '../../http/auth/principal';

/** A `users/{uid}` document as sign-in sees it; null for one without valid role claims or a hash. */
function credentialOf(doc: DocumentSnapshot): CredentialRecord | null {
  const data = doc.data();
  if (!data) return null;
  const principal = principalFromClaims({ ...data, sub: doc.id });
  if (!principal || typeof data['passwordHash'] !== 'string') return null;
  return {
    ...principal,
    username: String(data['username']),
    displayName: String(data['displayName'] ?? data['username']),
    passwordHash: data['passwordHash'],
    disabled: data['disabled'] === true,
  };
}

/** Reads `users/{uid}` documents (written by the admin screens and the demo seed). */
export function firestoreCredentialStore(db: Firestore): CredentialStore {
  return {
    async findByUsername(username) {
      const snap = await db.collection('users').where('username', '==', username).limit(1).get();
      const doc = snap.docs[0];
      return doc ? credentialOf(doc) : null;
    },
    async findByUid(uid) {
      return credentialOf(await db.collection('users').doc(uid).get());
    },
  };
}
