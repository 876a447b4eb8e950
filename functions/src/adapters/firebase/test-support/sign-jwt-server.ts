import type { ServerResponse } from 'node:http';
import { CompactSign, exportJWK, generateKeyPair, type JSONWebKeySet, type JWTPayload } from 'jose';
import { startHttpServer } from '../../notify/test-support/http-server';

/**
 * A local stand-in for the IAM Credentials API `signJwt`: checks the request the way Google does
 * (path naming the account, a bearer token, `{payload}` holding a JSON object) and answers
 * `{keyId, signedJwt}` signed RS256 by a key of its own, published as `jwks` for verification.
 */
export interface LocalSignJwtServer {
  readonly baseUrl: string;
  readonly jwks: JSONWebKeySet;
  /** Bearer tokens and payloads of the requests it signed. */
  readonly signed: { bearer: string; payload: JWTPayload }[];
  /** Answers the next requests with this HTTP status (e.g. 403 PERMISSION_DENIED) instead of signing. */
  failWith(status: number | null): void;
  stop(): Promise<void>;
}

function error(res: ServerResponse, code: number, status: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message, status } }));
}

export async function startSignJwtServer(serviceAccount: string): Promise<LocalSignJwtServer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const keyId = 'local-sa-key-1';
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: keyId, alg: 'RS256', use: 'sig' }] };
  const signed: LocalSignJwtServer['signed'] = [];
  let failure: number | null = null;
  const path = `/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:signJwt`;
  const server = await startHttpServer((req, res) => {
    if (req.method !== 'POST' || req.url !== path) return error(res, 404, 'NOT_FOUND', `No such method: ${req.url}`);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return error(res, 401, 'UNAUTHENTICATED', 'Request is missing required authentication credential.');
    if (failure !== null) return error(res, failure, 'PERMISSION_DENIED', "Permission 'iam.serviceAccounts.signJwt' denied");
    let text: string;
    let payload: JWTPayload;
    try {
      text = (JSON.parse(req.body.toString('utf8')) as { payload: string }).payload;
      payload = JSON.parse(text) as JWTPayload;
    } catch {
      return error(res, 400, 'INVALID_ARGUMENT', 'payload must be a JSON object string');
    }
    signed.push({ bearer, payload });
    void new CompactSign(new TextEncoder().encode(text))
      .setProtectedHeader({ alg: 'RS256', kid: keyId, typ: 'JWT' })
      .sign(privateKey)
      .then((signedJwt) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keyId, signedJwt }));
      });
  });
  return {
    ...server,
    jwks,
    signed,
    failWith: (status) => {
      failure = status;
    },
  };
}
