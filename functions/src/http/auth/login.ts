import { z } from '../../domain/schema';
import type { Clock } from '../../domain/clock';
import { DomainError, forbidden } from '../../domain/errors';
import { ROLES } from '../../domain/users/user';
import { signInFailureReason, type SignInFailure } from '../../domain/users/sign-in-failure';
import type { LocalIssuer } from './local-issuer';
import { throttledPasswordCheck, type ThrottleStore } from './login-throttle';
import type { Principal } from './principal';

export interface CredentialRecord extends Principal {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

export interface CredentialStore {
  findByUsername(username: string): Promise<CredentialRecord | null>;
  findByUid(uid: string): Promise<CredentialRecord | null>;
}

/** Mints the Firebase Auth custom token that signs the SPA's Firestore client in with the same role claims. */
export interface CustomTokenSigner {
  sign(principal: Principal, now: Date): Promise<string>;
}

export interface LoginDeps {
  readonly users: Pick<CredentialStore, 'findByUsername'>;
  readonly throttle: ThrottleStore;
  /** The local dev issuer (LG_AUTH_MODE=local); in firebase mode there is none and the API takes Firebase ID tokens. */
  readonly issuer: LocalIssuer | null;
  readonly verifyPassword: (password: string, stored: string) => Promise<boolean>;
  readonly clock: Clock;
  /**
   * Dates the tokens. Whoever verifies them (jose here, Firebase Auth) checks against the real time, so this is the system
   * clock even where a test shifts the functions' clock (`taipeiClockAt`): a token dated by that one would be refused.
   */
  readonly tokenClock: Clock;
  readonly ttlSeconds: number;
  /** Absent where no Firebase Auth session is needed or possible (no signer configured). */
  readonly customTokens: CustomTokenSigner | null;
  /** Where refused sign-ins are kept for the admin (登入失敗紀錄). */
  readonly failures: { record(failure: Omit<SignInFailure, 'id'>): Promise<void> };
}

export interface LoginResult {
  /** Only from the local issuer; in firebase mode the SPA sends the Firebase ID token of its custom-token session. */
  readonly token?: string;
  readonly expiresAt: string;
  readonly firebaseToken?: string;
  readonly user: Omit<CredentialRecord, 'passwordHash' | 'disabled'>;
}

/** A syntactically valid hash that matches nothing, so unknown users cost the same time as known ones. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function login(
  input: { username: string; password: string; ip: string },
  deps: LoginDeps,
): Promise<LoginResult> {
  if (!deps.issuer && !deps.customTokens) {
    // Firebase mode without LG_FIREBASE_TOKEN_SIGNER: no credential to hand out, so do not judge (or count) passwords.
    throw new DomainError('SERVICE.UNAVAILABLE', 'unavailable', 'Firebase mode needs a custom-token signer (LG_FIREBASE_TOKEN_SIGNER)');
  }
  const username = input.username.trim().toLowerCase();
  let account: CredentialRecord | null = null;
  let user: CredentialRecord | null;
  try {
    user = await throttledPasswordCheck({ throttle: deps.throttle, username, ip: input.ip, nowMs: deps.clock.now().getTime() }, async () => {
      account = await deps.users.findByUsername(username);
      const matches = await deps.verifyPassword(input.password, account?.passwordHash ?? DUMMY_HASH);
      return matches && account ? account : null;
    });
    if (!user) throw new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthenticated', 'Invalid credentials');
    // Said only to whoever typed the account's password, so it tells a guesser nothing about which accounts exist, while
    // the driver let go is not left retrying a "wrong password" until the throttle locks him out.
    if (user.disabled) throw forbidden('AUTH.ACCOUNT_DISABLED', 'Account disabled');
  } catch (err) {
    await recordRefusal(err, { username, account, ip: input.ip }, deps);
    throw err;
  }
  const { passwordHash: _hash, disabled: _disabled, ...publicUser } = user;
  const now = deps.tokenClock.now();
  const [local, firebaseToken] = await Promise.all([
    deps.issuer?.issue(user, deps.ttlSeconds, now),
    deps.customTokens?.sign(user, now),
  ]);
  // Without a local token the session lasts as long as one would; Firebase refreshes its ID tokens meanwhile.
  const expiresAt = local?.expiresAt ?? new Date(now.getTime() + deps.ttlSeconds * 1000).toISOString();
  return { ...(local ? { token: local.token } : {}), expiresAt, ...(firebaseToken ? { firebaseToken } : {}), user: publicUser };
}

/**
 * Keeps a refused sign-in for the admin (who was tried, why, from where). A failure to keep it is logged and the caller
 * still gets the refusal: the sign-in's answer does not depend on the record.
 */
async function recordRefusal(err: unknown, attempt: { username: string; account: CredentialRecord | null; ip: string }, deps: LoginDeps): Promise<void> {
  const reason = err instanceof DomainError ? signInFailureReason(err.code, attempt.account !== null) : null;
  if (!reason) return;
  const at = deps.clock.now().toISOString();
  await deps.failures
    .record({ at, username: attempt.username, ...(attempt.account ? { uid: attempt.account.uid } : {}), reason, ip: attempt.ip })
    .catch((e: unknown) => console.error(JSON.stringify({ severity: 'ERROR', message: 'sign-in failure not recorded', error: String(e) })));
}

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .openapi('LoginRequest', { example: { username: 'office', password: 'luckygas-demo' } });

export const loginResponseSchema = z
  .object({
    token: z
      .string()
      .optional()
      .openapi({ description: 'API bearer token of the local dev issuer; absent in firebase mode, where the API takes Firebase ID tokens' }),
    expiresAt: z.string().openapi({ description: 'When the session ends (the local token expires; in firebase mode the SPA signs out)' }),
    firebaseToken: z
      .string()
      .optional()
      .openapi({
        description:
          'Firebase Auth custom token (same uid and role claims) for `signInWithCustomToken`; in firebase mode the ID tokens of that session are the API bearer',
      }),
    user: z.object({
      uid: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.enum(ROLES),
      driverId: z.string().optional(),
      customerId: z.string().optional(),
    }),
  })
  .openapi('LoginResponse');
