import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, createRemoteJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { loadConfig } from '../../config/load-config';
import { DomainError } from '../../domain/errors';
import { createLocalIssuer, memoryKeyStore } from './local-issuer';
import { createTokenVerifier, eitherVerifier, schedulerVerifier, verifierFromConfig } from './token-verifier';
import { createLocalJWKSet } from 'jose';

const ISSUER = 'http://localhost:5000/api/auth';
const AUDIENCE = 'lucky-gas';

async function setup() {
  const issuer = await createLocalIssuer({ issuer: ISSUER, audience: AUDIENCE, store: memoryKeyStore() });
  const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: createLocalJWKSet(issuer.jwks()) });
  return { issuer, verifier };
}

async function expectUnauthenticated(p: Promise<unknown>) {
  await expect(p).rejects.toBeInstanceOf(DomainError);
  await expect(p).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED', kind: 'unauthenticated' });
}

const office = { uid: 'u-office', role: 'office' } as const;

describe('token verification', () => {
  it('accepts a token from the issuer and reads role claims', async () => {
    const { issuer, verifier } = await setup();
    const { token } = await issuer.issue({ uid: 'u-d1', role: 'driver', driverId: 'drv-1' }, 600);
    await expect(verifier.verify(token)).resolves.toEqual({ uid: 'u-d1', role: 'driver', driverId: 'drv-1' });
  });

  it('reads a Turnkey machine account, which carries no driver or customer id', async () => {
    const { issuer, verifier } = await setup();
    const { token } = await issuer.issue({ uid: 'u-turnkey', role: 'turnkey' }, 600);
    await expect(verifier.verify(token)).resolves.toEqual({ uid: 'u-turnkey', role: 'turnkey' });
  });

  it('rejects an unsigned token (alg none)', async () => {
    const { verifier } = await setup();
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(
      JSON.stringify({ sub: 'x', role: 'admin', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600 }),
    );
    await expectUnauthenticated(verifier.verify(`${header}.${payload}.`));
  });

  it('rejects HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const { issuer, verifier } = await setup();
    const publicJwk = issuer.jwks().keys[0] as JWK;
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid as string })
      .setSubject('attacker')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(secret);
    await expectUnauthenticated(verifier.verify(token));
  });

  it('rejects a token signed by an unknown key id', async () => {
    const { verifier } = await setup();
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: 'someone-else' })
      .setSubject('attacker')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    await expectUnauthenticated(verifier.verify(token));
  });

  it('rejects an expired token beyond the clock tolerance but accepts one within it', async () => {
    const { issuer, verifier } = await setup();
    const longAgo = new Date(Date.now() - 3600_000 - 120_000);
    await expectUnauthenticated(verifier.verify((await issuer.issue(office, 3600, longAgo)).token));
    const justExpired = new Date(Date.now() - 3600_000 - 10_000);
    await expect(verifier.verify((await issuer.issue(office, 3600, justExpired)).token)).resolves.toMatchObject(office);
  });

  it('rejects a token that is not yet valid', async () => {
    const { issuer, verifier } = await setup();
    const future = new Date(Date.now() + 10 * 60_000);
    const { token } = await issuer.issue(office, 3600, future);
    await expectUnauthenticated(verifier.verify(token));
  });

  it('rejects a wrong issuer and a wrong audience', async () => {
    const { issuer } = await setup();
    const { token } = await issuer.issue(office, 600);
    const keys = createLocalJWKSet(issuer.jwks());
    await expectUnauthenticated(createTokenVerifier({ issuer: 'https://evil.example', audience: AUDIENCE, keys }).verify(token));
    await expectUnauthenticated(createTokenVerifier({ issuer: ISSUER, audience: 'another-app', keys }).verify(token));
  });

  it('rejects a tampered payload', async () => {
    const { issuer, verifier } = await setup();
    const { token } = await issuer.issue({ uid: 'c1', role: 'customer', customerId: 'cust-1' }, 600);
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(p))) as Record<string, unknown>;
    const forged = base64url.encode(JSON.stringify({ ...claims, role: 'admin' }));
    await expectUnauthenticated(verifier.verify(`${h}.${forged}.${s}`));
  });

  it('rejects a valid signature whose claims lack the id its role needs', async () => {
    const { issuer, verifier } = await setup();
    const { token } = await issuer.issue({ uid: 'd', role: 'driver' } as never, 600);
    await expectUnauthenticated(verifier.verify(token));
  });
});

describe('production configuration (Firebase ID tokens)', () => {
  let server: Server;
  let jwks: { keys: JWK[] };
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'google-key-1', alg: 'RS256', use: 'sig' }] };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const firebaseToken = (claims: Record<string, unknown>, iss: string, aud: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'google-key-1' })
      .setSubject('firebase-uid-1')
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  it("verifies Google's issuer/audience format against a remote JWKS with the same code", async () => {
    const config = loadConfig({ LG_AUTH_MODE: 'firebase', LG_PROJECT_ID: 'lucky-gas-prod' });
    expect(config.auth.issuer).toBe('https://securetoken.google.com/lucky-gas-prod');
    expect(config.auth.audience).toBe('lucky-gas-prod');
    const { port } = server.address() as AddressInfo;
    const verifier = verifierFromConfig({ ...config.auth, jwksUrl: `http://127.0.0.1:${port}/jwks` });
    const good = await firebaseToken(
      { role: 'customer', customerId: 'cust-0001' },
      'https://securetoken.google.com/lucky-gas-prod',
      'lucky-gas-prod',
    );
    await expect(verifier.verify(good)).resolves.toEqual({ uid: 'firebase-uid-1', role: 'customer', customerId: 'cust-0001' });
    const otherProject = await firebaseToken(
      { role: 'admin' },
      'https://securetoken.google.com/other-project',
      'other-project',
    );
    await expectUnauthenticated(verifier.verify(otherProject));
  });

  it('reads the role claims of an ID token from a custom-token sign-in (claims copied to the top level)', async () => {
    const config = loadConfig({ LG_AUTH_MODE: 'firebase', LG_PROJECT_ID: 'lucky-gas-prod' });
    const { port } = server.address() as AddressInfo;
    const verifier = verifierFromConfig({ ...config.auth, jwksUrl: `http://127.0.0.1:${port}/jwks` });
    const authTime = Math.floor(Date.now() / 1000);
    const idToken = await firebaseToken(
      {
        role: 'driver',
        driverId: 'drv-3',
        user_id: 'firebase-uid-1',
        auth_time: authTime,
        firebase: { identities: {}, sign_in_provider: 'custom' },
      },
      'https://securetoken.google.com/lucky-gas-prod',
      'lucky-gas-prod',
    );
    await expect(verifier.verify(idToken)).resolves.toEqual({ uid: 'firebase-uid-1', role: 'driver', driverId: 'drv-3' });
    // Claims left nested as in the custom token itself (never a Firebase ID token) give no role.
    const nested = await firebaseToken(
      { claims: { role: 'admin' }, firebase: { sign_in_provider: 'custom' } },
      'https://securetoken.google.com/lucky-gas-prod',
      'lucky-gas-prod',
    );
    await expectUnauthenticated(verifier.verify(nested));
  });

  it('accepts the scheduler account\'s Google OIDC token only for that account and audience', async () => {
    const { port } = server.address() as AddressInfo;
    const scheduler = schedulerVerifier({
      audience: 'lucky-gas-jobs',
      serviceAccount: 'lg-scheduler@p.iam.gserviceaccount.com',
      jwksUrl: `http://127.0.0.1:${port}/certs`,
    });
    const oidc = (email: string, aud = 'lucky-gas-jobs', iss = 'https://accounts.google.com', verified = true) =>
      firebaseToken({ email, email_verified: verified }, iss, aud);
    await expect(scheduler.verify(await oidc('lg-scheduler@p.iam.gserviceaccount.com'))).resolves.toEqual({
      uid: 'lg-scheduler@p.iam.gserviceaccount.com',
      role: 'admin',
    });
    await expectUnauthenticated(scheduler.verify(await oidc('someone@p.iam.gserviceaccount.com')));
    await expectUnauthenticated(scheduler.verify(await oidc('lg-scheduler@p.iam.gserviceaccount.com', 'https://other')));
    await expectUnauthenticated(scheduler.verify(await oidc('lg-scheduler@p.iam.gserviceaccount.com', 'lucky-gas-jobs', 'https://evil.example')));
    await expectUnauthenticated(scheduler.verify(await oidc('lg-scheduler@p.iam.gserviceaccount.com', 'lucky-gas-jobs', 'https://accounts.google.com', false)));
    // What Cloud Run leaves of a token it checked itself: the claims with the signature replaced.
    const [h, p] = (await oidc('lg-scheduler@p.iam.gserviceaccount.com')).split('.') as [string, string];
    await expectUnauthenticated(scheduler.verify(`${h}.${p}.SIGNATURE_REMOVED_BY_GOOGLE`));
  });
});

describe("Google's signing keys out of reach", () => {
  const ISS = 'https://securetoken.google.com/lucky-gas-prod';
  const AUD = 'lucky-gas-prod';
  let privateKey: KeyLike;
  let jwks: { keys: JWK[] };
  const servers: Server[] = [];

  /** A JWKS endpoint on a free port that answers as `handler` does. */
  async function keyServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  }
  const hanging = () => keyServer(() => undefined);
  const failing = () => keyServer((_req, res) => res.writeHead(500).end('backend error'));
  const serving = () => keyServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(jwks)));
  const verifierAt = (url: string) => createTokenVerifier({ issuer: ISS, audience: AUD, keys: createRemoteJWKSet(new URL(url), { timeoutDuration: 200 }) });

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'google-key-1', alg: 'RS256', use: 'sig' }] };
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  const idToken = (claims: Record<string, unknown> = { role: 'office' }) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'google-key-1' }).setSubject('firebase-uid-1').setIssuer(ISS).setAudience(AUD).setIssuedAt().setExpirationTime('1h').sign(privateKey);

  async function expectUnavailable(p: Promise<unknown>) {
    await expect(p).rejects.toBeInstanceOf(DomainError);
    await expect(p).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE', kind: 'unavailable' });
  }

  it('answers 503, not 401, when the key endpoint does not answer in time, so the session is kept', async () => {
    await expectUnavailable(verifierAt(await hanging()).verify(await idToken()));
  });

  it('answers 503 when the key endpoint fails or cannot be reached', async () => {
    await expectUnavailable(verifierAt(await failing()).verify(await idToken()));
    const gone = await failing();
    const server = servers.at(-1) as Server;
    await new Promise<void>((r) => server.close(() => r()));
    await expectUnavailable(verifierAt(gone).verify(await idToken()));
  });

  it('still refuses a bad token with 401 once the keys are at hand', async () => {
    const verifier = verifierAt(await serving());
    await expect(verifier.verify(await idToken())).resolves.toEqual({ uid: 'firebase-uid-1', role: 'office' });
    const { privateKey: stranger } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RS256', kid: 'google-key-1' }).setSubject('x').setIssuer(ISS).setAudience(AUD).setIssuedAt().setExpirationTime('1h').sign(stranger);
    await expectUnauthenticated(verifier.verify(forged));
  });

  it("answers 503 for the scheduler's token when Google's OIDC keys fail", async () => {
    const scheduler = schedulerVerifier({ audience: 'lucky-gas-jobs', serviceAccount: 'lg-scheduler-invoker@p.iam.gserviceaccount.com', jwksUrl: await failing() });
    await expectUnavailable(scheduler.verify(await idToken()));
  });

  it('lets the verifier that could not fetch its keys speak for the jobs function, whichever it is', async () => {
    const down = verifierAt(await failing());
    const up = verifierAt(await serving());
    const { privateKey: stranger } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RS256', kid: 'other' }).setSubject('x').setIssuer(ISS).setAudience(AUD).setIssuedAt().setExpirationTime('1h').sign(stranger);
    await expectUnavailable(eitherVerifier(down, up).verify(foreign));
    await expectUnavailable(eitherVerifier(up, down).verify(foreign));
    await expectUnauthenticated(eitherVerifier(up, up).verify(foreign));
    await expect(eitherVerifier(down, up).verify(await idToken())).resolves.toMatchObject({ role: 'office' });
  });
});
