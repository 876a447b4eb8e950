import { keepAnnouncements, keptAnnouncements } from '../lib/kept-announcements';
import type { SessionUser } from '../lib/types';

/**
 * The production bearer (no local token) after a reload: the Firebase ID token of the stored session. Firebase's own
 * refusals end the session; not reaching init.json or Firebase at all (no signal) only fails the call.
 */
const idTokenFor = jest.fn<Promise<string>, [SessionUser, string | undefined]>();
jest.mock('../modules/firebase', () => ({
  ...jest.requireActual<typeof import('../modules/firebase')>('../modules/firebase'),
  idTokenFor: (user: SessionUser, token: string | undefined) => idTokenFor(user, token),
  closeFirestore: async () => undefined,
}));

class MemoryStorage {
  private readonly values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
  removeItem = (key: string) => void this.values.delete(key);
}

const driver: SessionUser = { uid: 'u-driver1', username: 'driver1', displayName: '林司機', role: 'driver', driverId: 'drv-01' };

let loaded: typeof import('./useSession') | null = null;

/** useSession as a reload finds it: the stored session of a firebase-mode login (a custom token, no local token). */
async function reloaded() {
  const storage = new MemoryStorage();
  storage.setItem('lg.session', JSON.stringify({ expiresAt: new Date(Date.now() + 3_600_000).toISOString(), firebaseToken: 'custom-token', user: driver }));
  const local = new MemoryStorage();
  Object.assign(globalThis, { sessionStorage: storage, localStorage: local });
  jest.resetModules();
  loaded = await import('./useSession');
  return { storage, local, ...loaded };
}

afterEach(async () => {
  idTokenFor.mockReset();
  // A session kept arms its expiry timer, which would hold the test run open.
  await loaded?.endSession('signedOut');
});

describe('the API bearer of a firebase-mode session after a reload', () => {
  it('keeps the session when /__/firebase/init.json cannot be fetched (no signal), the call failing as unreachable', async () => {
    idTokenFor.mockRejectedValue(new TypeError('Failed to fetch'));
    const { storage, bearerToken, useSession } = await reloaded();
    const { createApiClient, NETWORK_UNREACHABLE } = await import('../lib/api-client');
    const fetched = jest.fn(async () => Response.json({}));
    const api = createApiClient({ baseUrl: 'http://api.invalid', getToken: bearerToken, getLocale: () => 'zh-TW', fetch: fetched });

    await expect(api.post('/api/driver/stops/o1/deliver', { actionId: 'a1' })).rejects.toMatchObject({ status: 0, code: NETWORK_UNREACHABLE });
    expect(fetched).not.toHaveBeenCalled();
    expect(useSession().session.value?.user.uid).toBe(driver.uid);
    expect(useSession().endedBecause.value).toBeNull();
    expect(storage.getItem('lg.session')).not.toBeNull();
  });

  it('keeps the session when Firebase Auth cannot be reached', async () => {
    idTokenFor.mockRejectedValue(Object.assign(new Error('Firebase: Error (auth/network-request-failed).'), { code: 'auth/network-request-failed' }));
    const { bearerToken, useSession } = await reloaded();
    await expect(bearerToken()).rejects.toThrow('auth/network-request-failed');
    expect(useSession().session.value).not.toBeNull();
  });

  it('ends the session when Firebase Auth refuses the stored sign-in, for the login page to say it expired', async () => {
    idTokenFor.mockRejectedValue(Object.assign(new Error('Firebase: Error (auth/invalid-custom-token).'), { code: 'auth/invalid-custom-token' }));
    const { storage, bearerToken, useSession } = await reloaded();
    await expect(bearerToken()).resolves.toBeNull();
    expect(useSession().session.value).toBeNull();
    expect(useSession().endedBecause.value).toBe('expired');
    expect(storage.getItem('lg.session')).toBeNull();
  });
});

describe('the end of a session', () => {
  it('leaves the phone no copy of the 公告 the driver read for offline, for whoever signs in next', async () => {
    const { local, endSession } = await reloaded();
    const typhoon = { id: 'ann-typhoon', title: '颱風停止配送', body: '信義區今日暫停配送。', showFrom: '2026-12-02', showTo: '2026-12-03', audience: { kind: 'all' as const } };
    keepAnnouncements(local, driver.uid, [typhoon], '2026-12-02T00:12:00.000Z');
    await endSession('signedOut');
    expect(keptAnnouncements(local, driver.uid, '2026-12-02')).toBeNull();
  });
});
