import { deleteApp, type FirebaseApp, initializeApp } from 'firebase/app';
import { type Auth, browserSessionPersistence, connectAuthEmulator, initializeAuth, signInWithCustomToken, signOut } from 'firebase/auth';
import {
  clearIndexedDbPersistence,
  connectFirestoreEmulator,
  type Firestore,
  getFirestore,
  initializeFirestore,
  persistentLocalCache,
  persistentMultipleTabManager,
  terminate,
} from 'firebase/firestore';
import type { SessionUser } from '../lib/types';

/**
 * Served by Firebase Hosting in production (with `apiKey`) and by the local gateway in development
 * (with the emulator's `host:port`: `emulators.firestore` as the gateway serves it today,
 * `firestoreEmulatorHost` as the team's contract draft names it). `emulators.auth` points Firebase
 * Auth at a local stand-in; only tests set it, to run the production sign-in path (and, with
 * `emulators.firestore`, to send the resulting ID token to the Firestore emulator's rules).
 */
export interface FirebaseInit {
  projectId: string;
  apiKey?: string;
  firestoreEmulatorHost?: string;
  emulators?: { firestore?: string | null; auth?: string | null };
}

interface Opened {
  app: FirebaseApp;
  db: Firestore;
  /** Only when the user signed in to Firebase Auth (not with the Firestore emulator's mock token). */
  auth: Auth | null;
}

/** The session has no way to sign in to Firebase Auth (no custom token left, or no Auth at all): only a new login helps. */
class NoSignIn extends Error {}

// Firebase Auth's answers meaning "not now" rather than "no": the network, its throttle, its own hiccup.
const AUTH_TRANSIENT = new Set(['auth/network-request-failed', 'auth/too-many-requests', 'auth/internal-error', 'auth/timeout']);

/**
 * Whether signing in failed for good: Firebase Auth refused the custom token or the user (`auth/…`: expired, disabled)
 * or there is nothing to sign in with. Anything else — `/__/firebase/init.json` or Firebase not reached, a plain
 * TypeError from fetch with no signal — is the network's, and the session stays.
 */
export function signInRefused(error: unknown): boolean {
  if (error instanceof NoSignIn) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('auth/') && !AUTH_TRANSIENT.has(code);
}

let initPromise: Promise<FirebaseInit> | null = null;
let current: { uid: string; opened: Promise<Opened> } | null = null;

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

const hostAndPort = (value: string, defaultPort: string): [string, number] => {
  const [host = '127.0.0.1', port = defaultPort] = value.split(':');
  return [host, Number(port)];
};

async function open(user: SessionUser, firebaseToken: string | undefined, previous: Promise<Opened> | null): Promise<Opened> {
  if (previous) await close(previous);
  const init = await loadInit();
  const app = initializeApp({ projectId: init.projectId, ...(init.apiKey ? { apiKey: init.apiKey } : {}) }, `lucky-gas-${user.uid}`);
  // A driver's route and orders are kept on the phone (IndexedDB), so the app reopened without signal still lists the
  // day's stops instead of 「今天沒有已發布的路線」; the office and the portal keep the memory cache, so a shared PC holds
  // no customer data once the tab is closed.
  const db = user.role === 'driver' ? initializeFirestore(app, { localCache: persistentLocalCache({ tabManager: persistentMultipleTabManager() }) }) : getFirestore(app);
  const emulatorHost = init.firestoreEmulatorHost ?? init.emulators?.firestore;
  const authEmulatorHost = init.emulators?.auth;
  if (emulatorHost) {
    // With an Auth emulator as well, the signed-in user's ID token reaches the rules instead of a mock token.
    const mockUserToken = {
      sub: user.uid,
      user_id: user.uid,
      // The sign-in time firestore.rules hold against a password change (auth_time follows iat). Locally the tab's own
      // session stands for the sign-in: one the API has since refused ends at its next call.
      iat: Math.floor(Date.now() / 1000),
      role: user.role,
      ...(user.driverId ? { driverId: user.driverId } : {}),
      ...(user.customerId ? { customerId: user.customerId } : {}),
    };
    connectFirestoreEmulator(db, ...hostAndPort(emulatorHost, '8080'), authEmulatorHost ? {} : { mockUserToken });
    if (!authEmulatorHost) return { app, db, auth: null };
  }
  try {
    // Kept for the tab like our own session (sessionStorage): it survives a reload, and closing the tab
    // on a shared office PC leaves no Firebase sign-in behind (the default persistence is IndexedDB).
    const auth = initializeAuth(app, { persistence: browserSessionPersistence });
    if (authEmulatorHost) connectAuthEmulator(auth, `http://${authEmulatorHost}`, { disableWarnings: true });
    // After a reload the user may still be signed in (Firebase Auth persists its session per app name).
    await auth.authStateReady();
    if (auth.currentUser?.uid === user.uid) return { app, db, auth };
    if (!firebaseToken) throw new NoSignIn('This session has no Firebase sign-in token; sign in again.');
    // The custom token from POST /api/auth/login carries the user's uid and role claims, and Firebase copies
    // them into the ID tokens that firestore.rules read as request.auth.token and the API verifies.
    await signInWithCustomToken(auth, firebaseToken);
    return { app, db, auth };
  } catch (error) {
    await deleteApp(app);
    throw error;
  }
}

async function close(opened: Promise<Opened>): Promise<void> {
  const previous = await opened.catch(() => null);
  if (!previous) return;
  if (previous.auth) await signOut(previous.auth);
  // The session is over (sign-out, expiry, another account): the phone keeps none of the driver's data. Another tab of
  // the same driver still holding the cache refuses the wipe; the next session's listeners bring it up to date anyway.
  await terminate(previous.db);
  await clearIndexedDbPersistence(previous.db).catch(() => undefined);
  await deleteApp(previous.app);
}

/**
 * The Firestore instance for the signed-in user. Against the emulator the user's claims travel as
 * a mock token, so firestore.rules see the same `role` / `driverId` / `customerId` as in production,
 * where the user signs in to Firebase Auth with the login's custom token first. A mock token and an
 * Auth session are fixed per instance, hence one Firebase app per user; listeners asking at the same
 * time share one sign-in.
 */
export function firestoreFor(user: SessionUser, firebaseToken?: string): Promise<Firestore> {
  return openedFor(user, firebaseToken).then((o) => o.db);
}

/**
 * The API bearer in production (no local token): the Firebase ID token of the user's custom-token
 * session, which the SDK refreshes before it expires. Same sign-in as `firestoreFor`.
 */
export async function idTokenFor(user: SessionUser, firebaseToken?: string): Promise<string> {
  const { auth } = await openedFor(user, firebaseToken);
  if (!auth?.currentUser) throw new NoSignIn('No Firebase Auth session: the Firestore emulator uses mock tokens.');
  return auth.currentUser.getIdToken();
}

function openedFor(user: SessionUser, firebaseToken: string | undefined): Promise<Opened> {
  if (current?.uid !== user.uid) {
    const opened = open(user, firebaseToken, current?.opened ?? null);
    current = { uid: user.uid, opened };
    opened.catch(() => {
      if (current?.opened === opened) current = null;
    });
  }
  return current.opened;
}

/** Stops every listener of the previous user and signs them out (logout or a different login). */
export async function closeFirestore(): Promise<void> {
  const previous = current;
  current = null;
  if (previous) await close(previous.opened);
}
