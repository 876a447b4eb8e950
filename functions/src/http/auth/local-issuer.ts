import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Principal } from './principal';
import { claimsFor } from './principal';

/** Where the dev issuer keeps its private key between runs (a file locally, memory in tests). */
export interface SigningKeyStore {
  load(): Promise<JWK | null>;
  save(key: JWK): Promise<void>;
}

export const memoryKeyStore = (): SigningKeyStore => {
  let key: JWK | null = null;
  return {
    load: async () => key,
    save: async (k) => {
      key = k;
    },
  };
};

export interface LocalIssuer {
  readonly issuer: string;
  jwks(): JSONWebKeySet;
  issue(principal: Principal, ttlSeconds: number, now?: Date): Promise<{ token: string; expiresAt: string }>;
}

/** The local stack's stand-in for Firebase Auth: RS256 tokens with the same claims shape. */
export async function createLocalIssuer(opts: {
  issuer: string;
  audience: string;
  store: SigningKeyStore;
}): Promise<LocalIssuer> {
  let privateJwk = await opts.store.load();
  if (!privateJwk) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    await opts.store.save(privateJwk);
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const signingKey = await importJWK(privateJwk, 'RS256');
  const kid = privateJwk.kid ?? 'local';
  return {
    issuer: opts.issuer,
    jwks: () => ({ keys: [publicJwk] }),
    async issue(principal, ttlSeconds, now = new Date()) {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + ttlSeconds;
      const token = await new SignJWT(claimsFor(principal))
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(opts.issuer)
        .setAudience(opts.audience)
        .setSubject(principal.uid)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(exp)
        .setJti(randomUUID())
        .sign(signingKey);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
  };
}
