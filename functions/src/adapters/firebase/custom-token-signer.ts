import { GoogleAuth } from 'google-auth-library';
import { base64url } from 'jose';
import { DomainError } from '../../domain/errors';
import type { CustomTokenSigner } from '../../http/auth/login';
import { claimsFor, type Principal } from '../../http/auth/principal';
import { callProvider, type Fetch } from '../notify/http';

/** The audience Firebase Auth requires of a custom token (`signInWithCustomToken`). */
export const CUSTOM_TOKEN_AUDIENCE =
  'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit';
/** Firebase refuses custom tokens that live longer than an hour. */
export const CUSTOM_TOKEN_MAX_TTL_SECONDS = 3600;
export const IAM_CREDENTIALS_API_BASE = 'https://iamcredentials.googleapis.com';
/** The account the Auth emulator itself names in the tokens it mints. */
export const EMULATOR_SERVICE_ACCOUNT = 'firebase-auth-emulator@example.com';

/**
 * The claims of a Firebase custom token for `principal`: issued by the signing service account,
 * `uid` the user, `claims` the role claims firestore.rules read (`request.auth.token.role`, ...),
 * which Firebase copies to the top level of the ID tokens it issues for this session.
 */
export function customTokenPayload(serviceAccount: string, principal: Principal, now: Date): Record<string, unknown> {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: serviceAccount,
    sub: serviceAccount,
    aud: CUSTOM_TOKEN_AUDIENCE,
    iat,
    exp: iat + CUSTOM_TOKEN_MAX_TTL_SECONDS,
    uid: principal.uid,
    claims: claimsFor(principal),
  };
}

export interface IamSignerOptions {
  /** The service account that signs (and is named as issuer); the caller needs `iam.serviceAccounts.signJwt` on it. */
  readonly serviceAccount: string;
  /** OAuth access token of the caller (application default credentials in production). */
  readonly accessToken: () => Promise<string>;
  /** `https://iamcredentials.googleapis.com`, or a local server in tests. */
  readonly apiBase?: string;
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
}

function signerUnavailable(message: string, details: Record<string, unknown>, cause?: unknown): DomainError {
  return new DomainError('SERVICE.UNAVAILABLE', 'unavailable', message, details, cause === undefined ? undefined : { cause });
}

/**
 * Production: the IAM Credentials API signs with the service account's Google-managed key
 * (`POST /v1/projects/-/serviceAccounts/{email}:signJwt`, `{payload}` → `{keyId, signedJwt}`),
 * so no private key is ever deployed. Failing to sign is a 503: the password was right.
 */
export function iamCustomTokenSigner(opts: IamSignerOptions): CustomTokenSigner {
  const base = (opts.apiBase ?? IAM_CREDENTIALS_API_BASE).replace(/\/$/, '');
  const url = `${base}/v1/projects/-/serviceAccounts/${encodeURIComponent(opts.serviceAccount)}:signJwt`;
  const call = { provider: 'IAM', timeoutMs: opts.timeoutMs ?? 5000, fetch: opts.fetch ?? fetch };
  return {
    async sign(principal, now) {
      const payload = JSON.stringify(customTokenPayload(opts.serviceAccount, principal, now));
      let token: string;
      try {
        token = await opts.accessToken();
      } catch (error) {
        throw signerUnavailable('No application default credentials to call the IAM Credentials API', {}, error);
      }
      const { response, body } = await callProvider(call, url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ payload }),
      });
      if (!response.ok) {
        throw signerUnavailable(`IAM Credentials signJwt answered ${response.status}`, {
          status: response.status,
          body: body.slice(0, 500),
        });
      }
      let signedJwt: unknown;
      try {
        ({ signedJwt } = JSON.parse(body) as { signedJwt?: unknown });
      } catch (error) {
        throw signerUnavailable('IAM Credentials signJwt answered with something that is not JSON', {}, error);
      }
      if (typeof signedJwt !== 'string') throw signerUnavailable('IAM Credentials signJwt answered without signedJwt', {});
      return signedJwt;
    },
  };
}

/** Access tokens of the function's own service account (application default credentials), cached and refreshed by the library. */
export function applicationDefaultAccessToken(): () => Promise<string> {
  const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  return async () => {
    const token = await auth.getAccessToken();
    if (!token) throw new Error('Application default credentials gave no access token');
    return token;
  };
}

/**
 * Local stack and tests: an unsigned token (`alg: none`), exactly what the Auth emulator mints
 * itself and accepts. Real Firebase Auth refuses it, and so does our own token verifier.
 */
export function emulatorCustomTokenSigner(): CustomTokenSigner {
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  return {
    async sign(principal, now) {
      const payload = base64url.encode(JSON.stringify(customTokenPayload(EMULATOR_SERVICE_ACCOUNT, principal, now)));
      return `${header}.${payload}.`;
    },
  };
}
