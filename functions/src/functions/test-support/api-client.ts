import type { Container } from '../../adapters/container';
import type { Principal } from '../../http/auth/principal';

/** Loose JSON for assertions on API answers. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary JSON

export interface ApiResponse {
  readonly status: number;
  readonly body: Json;
  readonly headers: Headers;
}

export const PRINCIPALS = {
  admin: { uid: 'u-admin', role: 'admin' },
  office: { uid: 'u-office', role: 'office' },
  driver1: { uid: 'u-driver1', role: 'driver', driverId: 'drv-1' },
  driver2: { uid: 'u-driver2', role: 'driver', driverId: 'drv-2' },
  customerA: { uid: 'u-cust-a', role: 'customer', customerId: 'cust-a' },
  customerB: { uid: 'u-cust-b', role: 'customer', customerId: 'cust-b' },
  turnkey: { uid: 'u-turnkey', role: 'turnkey' },
} as const satisfies Record<string, Principal>;
export type Who = keyof typeof PRINCIPALS;

/** Calls the gateway as a principal whose token the stack's own dev issuer signed. */
export function apiClient(baseUrl: string, c: Container) {
  const tokens = new Map<string, string>();
  async function tokenFor(who: Who | Principal): Promise<string> {
    const p = typeof who === 'string' ? PRINCIPALS[who] : who;
    const key = JSON.stringify(p);
    let t = tokens.get(key);
    if (!t) {
      if (!c.localIssuer) throw new Error('the test stack runs without the local issuer');
      t = (await c.localIssuer.issue(p, 3600)).token;
      tokens.set(key, t);
    }
    return t;
  }
  return async function call(
    method: string,
    path: string,
    opts: { as?: Who | Principal; body?: unknown; key?: string; lang?: string } = {},
  ): Promise<ApiResponse> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(opts.as ? { authorization: `Bearer ${await tokenFor(opts.as)}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.key ? { 'idempotency-key': opts.key } : {}),
        ...(opts.lang ? { 'accept-language': opts.lang } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    let body: Json;
    try {
      body = text ? (JSON.parse(text) as Json) : {};
    } catch {
      body = { raw: text };
    }
    return { status: res.status, body, headers: res.headers };
  };
}
