import { createHash } from 'node:crypto';

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export type IdempotencyBegin =
  | { readonly state: 'new' }
  | { readonly state: 'replay'; readonly response: StoredResponse }
  | { readonly state: 'mismatch' }
  | { readonly state: 'in_progress' };

/**
 * Remembers the first response per (caller, function, key). Handlers that create entities also
 * derive their ids from the same scope (see `requestId`), so even a crash between the business
 * write and `complete` cannot produce a second entity on retry.
 */
export interface IdempotencyStore {
  begin(scope: string, fingerprint: string): Promise<IdempotencyBegin>;
  complete(scope: string, response: StoredResponse): Promise<void>;
  /** Forgets an attempt that failed on our side, so the client's retry runs again. */
  release(scope: string): Promise<void>;
}

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** Visible ASCII, as in the IETF Idempotency-Key draft's examples; bounded to keep doc ids small. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function idempotencyScope(functionName: string, caller: string, key: string): string {
  return sha256(`${functionName}\u0000${caller}\u0000${key}`);
}

export function requestFingerprint(method: string, path: string, rawBody: string): string {
  return sha256(`${method}\u0000${path}\u0000${rawBody}`);
}
