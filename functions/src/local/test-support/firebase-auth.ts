import { gaxios } from 'google-auth-library';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { CUSTOM_TOKEN_AUDIENCE } from '../../adapters/firebase/custom-token-signer';
import { startSignJwtServer, type LocalSignJwtServer } from '../../adapters/firebase/test-support/sign-jwt-server';
import { startHttpServer, type LocalHttpServer } from '../../adapters/notify/test-support/http-server';
import { loadConfig, type Config } from '../../config/load-config';
import { uniqueProjectId } from './index';

/**
 * Google's side of production login (LG_AUTH_MODE=firebase) on local ports, for `startTestStack`:
 * the metadata server that gives the function its application default credentials, IAM
 * Credentials `signJwt` that signs the custom token, and Firebase Auth, which exchanges that
 * token for the session's ID tokens and publishes their keys (the securetoken JWKS).
 */
export interface FirebaseAuthStandIns {
  /** For `startTestStack`: firebase-mode configuration naming the signer, with keys and signJwt on these servers. */
  readonly overrides: Pick<Config, 'projectId' | 'auth'>;
  readonly signJwt: LocalSignJwtServer;
  /**
   * What `accounts:signInWithCustomToken` does: checks the custom token's signature (the service
   * account's keys), audience and lifetime, then mints an ID token for `uid` with `claims` copied to
   * the top level. Rejects what Firebase Auth would refuse.
   */
  signInWithCustomToken(customToken: string): Promise<string>;
  /** An ID token signed by the securetoken key; `claims` go to the top level and may replace the standard ones (`aud`, ...). */
  idToken(claims: Record<string, unknown>, subject: string): Promise<string>;
  stop(): Promise<void>;
}

export const SIGNER_ACCOUNT = 'lg-api@lucky-gas-test.iam.gserviceaccount.com';
export const METADATA_ACCESS_TOKEN = 'metadata-access-token';

/** The GCE metadata server as Cloud Functions runs it: the runtime service account's access token. */
async function startMetadataServer(): Promise<LocalHttpServer> {
  return startHttpServer((req, res) => {
    const ok = req.headers['metadata-flavor'] === 'Google';
    res.writeHead(ok ? 200 : 403, { 'metadata-flavor': 'Google', 'content-type': 'application/json' });
    if (ok && req.url.startsWith('/computeMetadata/v1/instance/service-accounts/default/token')) {
      res.end(JSON.stringify({ access_token: METADATA_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' }));
    } else {
      res.end(JSON.stringify({ error: ok ? `unexpected ${req.url}` : 'Metadata-Flavor header missing' }));
    }
  });
}

export async function startFirebaseAuthStandIns(suite: string): Promise<FirebaseAuthStandIns> {
  const projectId = uniqueProjectId(suite);
  const issuer = `https://securetoken.google.com/${projectId}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'securetoken-key-1';
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const [signJwt, securetoken, metadata] = await Promise.all([
    startSignJwtServer(SIGNER_ACCOUNT),
    startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(jwks);
    }),
    startMetadataServer(),
  ]);
  // google-auth-library finds application default credentials on this "metadata server", as on Cloud Functions.
  const savedEnv = { GCE_METADATA_HOST: process.env.GCE_METADATA_HOST, METADATA_SERVER_DETECTION: process.env.METADATA_SERVER_DETECTION };
  process.env.GCE_METADATA_HOST = metadata.baseUrl.replace(/^http:\/\//, '');
  process.env.METADATA_SERVER_DETECTION = 'assume-present';
  // gaxios would load node-fetch by dynamic import, which jest's module sandbox refuses.
  const savedFetch = gaxios.instance.defaults.fetchImplementation;
  gaxios.instance.defaults.fetchImplementation = fetch;

  const { auth } = loadConfig({
    LG_AUTH_MODE: 'firebase',
    LG_PROJECT_ID: projectId,
    LG_FIREBASE_TOKEN_SIGNER: SIGNER_ACCOUNT,
    LG_IAM_CREDENTIALS_API_BASE: signJwt.baseUrl,
  });

  async function idToken(claims: Record<string, unknown>, subject: string): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const standard = { iss: issuer, aud: projectId, sub: subject, user_id: subject, iat, auth_time: iat, exp: iat + 3600 };
    return new SignJWT({ ...standard, firebase: { identities: {}, sign_in_provider: 'custom' }, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(privateKey);
  }

  return {
    overrides: { projectId, auth: { ...auth, jwksUrl: `${securetoken.baseUrl}/service_accounts/v1/jwk/securetoken` } },
    signJwt,
    async signInWithCustomToken(customToken) {
      const { payload } = await jwtVerify(customToken, createLocalJWKSet(signJwt.jwks), {
        algorithms: ['RS256'],
        issuer: SIGNER_ACCOUNT,
        subject: SIGNER_ACCOUNT,
        audience: CUSTOM_TOKEN_AUDIENCE,
        maxTokenAge: 3600,
      });
      const { uid, claims } = payload as { uid?: unknown; claims?: Record<string, unknown> };
      if (typeof uid !== 'string') throw new Error('INVALID_CUSTOM_TOKEN: uid missing');
      return idToken(claims ?? {}, uid);
    },
    idToken,
    async stop() {
      gaxios.instance.defaults.fetchImplementation = savedFetch;
      for (const [name, value] of Object.entries(savedEnv)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await Promise.all([signJwt.stop(), securetoken.stop(), metadata.stop()]);
    },
  };
}
