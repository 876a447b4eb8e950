import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../../config/load-config';
import { DomainError } from '../../domain/errors';
import { principalFromClaims, type Principal } from './principal';

/** Firebase ID tokens and our dev issuer both sign with RS256; nothing else is accepted. */
export const ALLOWED_ALGORITHMS = ['RS256'] as const;
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenVerifier {
  /** Resolves to the caller; rejects with AUTH.UNAUTHENTICATED, or SERVICE.UNAVAILABLE when the signing keys cannot be fetched. */
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly keys: JWTVerifyGetKey;
}

export function unauthenticated(reason: string, cause?: unknown): DomainError {
  return new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', reason, undefined, { cause });
}

/**
 * Whether jwtVerify failed because the signing keys could not be had (timeout, network error, a non-200 or unreadable
 * JWKS) rather than because the token is bad. jose raises its generic JOSEError only when fetching a JWKS, and anything
 * that is not a JOSEError comes from the network.
 */
function keysUnavailable(err: unknown): boolean {
  if (!(err instanceof errors.JOSEError)) return true;
  return err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || err.code === errors.JOSEError.code;
}

/**
 * A 401 makes the SPA end the session, so a token that could not be checked is a 503 instead: the caller retries with
 * the same token rather than being signed out whenever Google's key endpoint is slow.
 */
function refusal(reason: string, err: unknown): DomainError {
  return keysUnavailable(err)
    ? new DomainError('SERVICE.UNAVAILABLE', 'unavailable', `The token signing keys could not be fetched (${String(err)})`, undefined, { cause: err })
    : unauthenticated(reason, err);
}

export function createTokenVerifier(opts: VerifierOptions): TokenVerifier {
  return {
    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, opts.keys, {
          algorithms: [...ALLOWED_ALGORITHMS],
          issuer: opts.issuer,
          audience: opts.audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (err) {
        throw refusal('Invalid token', err);
      }
      // jose checks nbf but not an issue time in the future, which only a bad clock or a forger produces.
      if (typeof payload['iat'] === 'number' && payload['iat'] > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) {
        throw unauthenticated('Token issued in the future');
      }
      const principal = principalFromClaims(payload);
      if (!principal) throw unauthenticated('Token carries no valid role claims');
      return principal;
    },
  };
}

/**
 * The same verification for both environments; only where the keys come from differs:
 * Google's published JWKS for Firebase ID tokens, the in-process dev issuer's JWKS locally.
 */
export function verifierFromConfig(auth: Config['auth'], localJwks?: JSONWebKeySet): TokenVerifier {
  const keys =
    auth.mode === 'local' && localJwks
      ? createLocalJWKSet(localJwks)
      : createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return createTokenVerifier({ issuer: auth.issuer, audience: auth.audience, keys });
}

/**
 * Cloud Scheduler's Google-signed OIDC token for one service account. Such a caller may run the
 * scheduled jobs and nothing else, so only the jobs function accepts it (see `eitherVerifier`).
 */
export function schedulerVerifier(s: NonNullable<Config['scheduler']>): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(s.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return {
    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: [...ALLOWED_ALGORITHMS],
          issuer: ['https://accounts.google.com', 'accounts.google.com'],
          audience: s.audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'iat', 'email'],
        }));
      } catch (err) {
        throw refusal('Invalid scheduler token', err);
      }
      if (payload['email'] !== s.serviceAccount || payload['email_verified'] !== true) {
        throw unauthenticated('Token is not from the scheduler account');
      }
      return { uid: s.serviceAccount, role: 'admin' };
    },
  };
}

/**
 * The first verifier that accepts the token decides. When all refuse, one that could not fetch its keys speaks for
 * them: the token may be one it would have accepted, so the caller retries (503) instead of being refused (401).
 */
export function eitherVerifier(...verifiers: readonly TokenVerifier[]): TokenVerifier {
  return {
    async verify(token) {
      const refusals: unknown[] = [];
      for (const v of verifiers) {
        try {
          return await v.verify(token);
        } catch (err) {
          refusals.push(err);
        }
      }
      throw refusals.find((err) => err instanceof DomainError && err.kind === 'unavailable') ?? refusals.at(-1);
    },
  };
}
