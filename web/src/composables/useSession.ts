import { computed, ref } from 'vue';
import type { Account, LoginResponse, SessionUser, SpaRole } from '../lib/types';
import { forgetKeptAnnouncements } from '../lib/kept-announcements';
import { closeFirestore, idTokenFor, signInRefused } from '../modules/firebase';

/** Token and user of the signed-in person, kept for the browser tab (sessionStorage). */
export interface Session {
  /** The local issuer's API token; absent in production, where the API takes Firebase ID tokens. */
  token?: string;
  expiresAt: string;
  /** Signs in to Firebase Auth in production (Firestore listeners and API bearer); unused against the emulator. */
  firebaseToken?: string;
  user: SessionUser;
}

const STORAGE_KEY = 'lg.session';

function load(): Session | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

const session = ref<Session | null>(load());
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function armExpiry(current: Session | null) {
  clearTimeout(expiryTimer);
  if (!current) return;
  // setTimeout overflows past ~24.8 days; tokens are short-lived, the clamp only guards that edge.
  const delay = Math.min(Math.max(Date.parse(current.expiresAt) - Date.now(), 0), 2 ** 31 - 1);
  expiryTimer = setTimeout(() => void endSession(), delay);
}
armExpiry(session.value);

/** Whether the account may use the SPA: the Turnkey machine's account signs in only through `npm run turnkey:sync`. */
export function opensSpa(user: Account): user is SessionUser {
  return user.role !== 'turnkey';
}

export function startSession(response: LoginResponse & { user: SessionUser }): void {
  session.value = {
    ...(response.token ? { token: response.token } : {}),
    expiresAt: response.expiresAt,
    ...(response.firebaseToken ? { firebaseToken: response.firebaseToken } : {}),
    user: response.user,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session.value));
  armExpiry(session.value);
}

/**
 * Why a session ended, for the login page to say so: it expired (or the server refused it), an admin disabled the
 * account, or the person ended it.
 */
export type SessionEnd = 'expired' | 'accountDisabled' | 'signedOut' | 'passwordChanged';
const endedBecause = ref<SessionEnd | null>(null);

/**
 * Drops the session (logout, a password change, 401, or token expiry); the router sends the user to /login. Resolves
 * once the user's listeners are stopped and the Firebase sign-in, persisted for the tab's reloads,
 * is signed out.
 */
export function endSession(why: SessionEnd = 'expired'): Promise<void> {
  endedBecause.value = why;
  session.value = null;
  sessionStorage.removeItem(STORAGE_KEY);
  armExpiry(null);
  // The phone keeps nothing of the driver's beyond the session: the 公告 read for offline go as the routes' cache does.
  forgetKeptAnnouncements(localStorage);
  return closeFirestore();
}

/**
 * The API bearer: the local token, or in production the Firebase ID token of the session, signed in
 * again from Firebase Auth persistence or the stored custom token after a reload. A session Firebase
 * Auth refuses ends (the user signs in again); any other failure — offline, init.json not reached after
 * a reload without signal — only fails this call (`NETWORK.UNREACHABLE`, which the driver queue retries).
 */
export async function bearerToken(): Promise<string | null> {
  const current = session.value;
  if (!current) return null;
  if (Date.parse(current.expiresAt) <= Date.now()) {
    void endSession();
    return null;
  }
  if (current.token) return current.token;
  try {
    return await idTokenFor(current.user, current.firebaseToken);
  } catch (error) {
    if (!signInRefused(error)) throw error;
    if (session.value === current) void endSession();
    return null;
  }
}

/** Where each role lands after login. */
export function homeFor(role: SpaRole): string {
  switch (role) {
    case 'driver':
      return '/driver';
    case 'customer':
      return '/portal';
    case 'office':
    case 'admin':
      return '/office';
  }
}

export function useSession() {
  return {
    session,
    endedBecause,
    user: computed(() => session.value?.user ?? null),
  };
}
