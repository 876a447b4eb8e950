import { initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, setDoc } from 'firebase/firestore';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firestoreEmulatorHost, uniqueProjectId } from '../../../functions/src/local/test-support';
import type { SessionUser } from '../lib/types';
import { customToken, loadFirebaseModule, startFirebaseAuthServer, type LocalFirebaseAuth } from './test-support/firebase-auth-server';

/**
 * End to end through firestore.rules on the emulator: the ID token that a custom-token sign-in
 * gives the SPA (not a mock token) is what the rules judge, so its top-level role claims must be
 * exactly the ones the rules read.
 */
const driverA: SessionUser = { uid: 'u-driver-a', username: 'drivera', displayName: '司機 A', role: 'driver', driverId: 'drv-a' };

let env: RulesTestEnvironment;
let auth: LocalFirebaseAuth;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  const projectId = uniqueProjectId('web-auth');
  const [host, port] = firestoreEmulatorHost().split(':') as [string, string];
  env = await initializeTestEnvironment({
    projectId,
    firestore: { host, port: Number(port), rules: readFileSync(join(__dirname, '../../../firestore.rules'), 'utf8') },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    await setDoc(doc(ctx.firestore(), 'routes/route-pub-a'), { driverId: 'drv-a', status: 'published', date: '2026-11-28' });
    await setDoc(doc(ctx.firestore(), 'routes/route-pub-b'), { driverId: 'drv-b', status: 'published', date: '2026-11-28' });
    await setDoc(doc(ctx.firestore(), `users/${driverA.uid}`), { username: driverA.username, disabled: false });
  });
  auth = await startFirebaseAuthServer(projectId);
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await auth.stop();
  await env.cleanup();
});

it("a driver signed in with the login's custom token reads their own published route, not another driver's, and nothing once the password changed after that sign-in", async () => {
  const m = await loadFirebaseModule(
    { projectId: env.projectId, apiKey: 'test-web-api-key', emulators: { firestore: firestoreEmulatorHost(), auth: auth.host } },
    realFetch,
  );
  const db = await m.firestoreFor(driverA, customToken(driverA.uid, { role: 'driver', driverId: 'drv-a' }));
  expect(auth.calls.some((c) => c.path.endsWith('accounts:signInWithCustomToken'))).toBe(true);
  expect((await m.getDoc(m.doc(db, 'routes/route-pub-a'))).data()).toMatchObject({ driverId: 'drv-a' });
  await expect(m.getDoc(m.doc(db, 'routes/route-pub-b'))).rejects.toMatchObject({ code: 'permission-denied' });

  // The password changes a second after this sign-in (withNewPassword's whole seconds): the ID token's auth_time is
  // older, so the same sign-in reads nothing more.
  const signedInAt = JSON.parse(Buffer.from((await m.idTokenFor(driverA)).split('.')[1] ?? '', 'base64url').toString('utf8')).auth_time as number;
  await env.withSecurityRulesDisabled((ctx) => setDoc(doc(ctx.firestore(), `users/${driverA.uid}`), { username: driverA.username, disabled: false, sessionsValidFromSeconds: signedInAt + 1 }));
  await expect(m.getDoc(m.doc(db, 'routes/route-pub-a'))).rejects.toMatchObject({ code: 'permission-denied' });
  await m.closeFirestore();
});
