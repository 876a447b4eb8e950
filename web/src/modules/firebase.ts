import { deleteApp, type FirebaseApp, initializeApp } from 'firebase/app';
import { connectFirestoreEmulator, type Firestore, getFirestore } from 'firebase/firestore';
import type { SessionUser } from '../lib/types';

/**
 * Served by Firebase Hosting in production (with `apiKey`) and by the local gateway in development
 * (with the emulator's `host:port`: `emulators.firestore` as the gateway serves it today,
 * `firestoreEmulatorHost` as the team's contract draft names it).
 */
export interface FirebaseInit {
  projectId: string;
  apiKey?: string;
  firestoreEmulatorHost?: string;
  emulators?: { firestore?: string | null };
}

let initPromise: Promise<FirebaseInit> | null = null;
let current: { uid: string; app: FirebaseApp; db: Firestore } | null = null;

function loadInit(): Promise<FirebaseInit> {
  initPromise ??= fetch('/__/firebase/init.json').then(async (res) => {
    if (!res.ok) throw new Error(`/__/firebase/init.json answered ${res.status}`);
    return (await res.json()) as FirebaseInit;
  });
  initPromise.catch(() => {
    initPromise = null;
  });
  return initPromise;
}

/**
 * The Firestore instance for the signed-in user. Against the emulator the user's claims travel as
 * a mock token, so firestore.rules see the same `role` / `driverId` / `customerId` as in production.
 * A mock token is fixed per instance, hence one Firebase app per user.
 */
export async function firestoreFor(user: SessionUser): Promise<Firestore> {
  if (current?.uid === user.uid) return current.db;
  await closeFirestore();
  const init = await loadInit();
  const app = initializeApp({ projectId: init.projectId, ...(init.apiKey ? { apiKey: init.apiKey } : {}) }, `lucky-gas-${user.uid}`);
  const db = getFirestore(app);
  const emulatorHost = init.firestoreEmulatorHost ?? init.emulators?.firestore;
  if (emulatorHost) {
    const [host = '127.0.0.1', port = '8080'] = emulatorHost.split(':');
    connectFirestoreEmulator(db, host, Number(port), {
      mockUserToken: {
        sub: user.uid,
        user_id: user.uid,
        role: user.role,
        ...(user.driverId ? { driverId: user.driverId } : {}),
        ...(user.customerId ? { customerId: user.customerId } : {}),
      },
    });
  }
  current = { uid: user.uid, app, db };
  return db;
}

/** Stops every listener of the previous user (logout or a different login). */
export async function closeFirestore(): Promise<void> {
  const previous = current;
  current = null;
  if (previous) await deleteApp(previous.app);
}
