import { z } from '../../domain/schema';
import type { Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import type { LocalIssuer } from './local-issuer';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, afterFailure, retryAfterMs, type ThrottleStore } from './login-throttle';
import type { Principal } from './principal';

export interface CredentialRecord extends Principal {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

export interface CredentialStore {
  findByUsername(username: string): Promise<CredentialRecord | null>;
}

/** Mints the Firebase Auth custom token that signs the SPA's Firestore client in with the same role claims. */
export interface CustomTokenSigner {
  sign(principal: Principal, now: Date): Promise<string>;
}

export interface LoginDeps {
  readonly users: CredentialStore;
  readonly throttle: ThrottleStore;
  readonly issuer: LocalIssuer;
  readonly verifyPassword: (password: string, stored: string) => Promise<boolean>;
  readonly clock: Clock;
  readonly ttlSeconds: number;
  /** Absent where no Firebase Auth session is needed or possible (no signer configured). */
  readonly customTokens: CustomTokenSigner | null;
}

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: string;
  readonly firebaseToken?: string;
  readonly user: Omit<CredentialRecord, 'passwordHash' | 'disabled'>;
}

/** A syntactically valid hash that matches nothing, so unknown users cost the same time as known ones. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function login(
  input: { username: string; password: string; ip: string },
  deps: LoginDeps,
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const keys = [`account:${username}`, `ip:${input.ip}`];
  const nowMs = deps.clock.now().getTime();
  const states = await Promise.all(keys.map((k) => deps.throttle.get(k)));
  const wait = Math.max(...states.map((s) => retryAfterMs(s, nowMs)));
  if (wait > 0) {
    throw new DomainError('AUTH.RATE_LIMITED', 'rate_limited', 'Too many failed logins', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    });
  }

  const user = await deps.users.findByUsername(username);
  const ok = await deps.verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    await Promise.all([
      deps.throttle.update(keys[0] as string, (s) => afterFailure(s, ACCOUNT_LIMIT, nowMs)),
      deps.throttle.update(keys[1] as string, (s) => afterFailure(s, ADDRESS_LIMIT, nowMs)),
    ]);
    throw new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthenticated', 'Invalid credentials');
  }
  await deps.throttle.clear(keys[0] as string);
  const { passwordHash: _hash, disabled: _disabled, ...publicUser } = user;
  const [{ token, expiresAt }, firebaseToken] = await Promise.all([
    deps.issuer.issue(user, deps.ttlSeconds, deps.clock.now()),
    deps.customTokens?.sign(user, deps.clock.now()),
  ]);
  return { token, expiresAt, ...(firebaseToken ? { firebaseToken } : {}), user: publicUser };
}

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .openapi('LoginRequest', { example: { username: 'office', password: 'luckygas-demo' } });

export const loginResponseSchema = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    firebaseToken: z
      .string()
      .optional()
      .openapi({ description: 'Firebase Auth custom token (same uid and role claims) for `signInWithCustomToken`' }),
    user: z.object({
      uid: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.enum(['admin', 'office', 'driver', 'customer']),
      driverId: z.string().optional(),
      customerId: z.string().optional(),
    }),
  })
  .openapi('LoginResponse');
