import { decodeJwt } from 'jose';
import { DomainError } from '../../domain/errors';
import { unauthenticated, type TokenVerifier } from './token-verifier';

/** What the account behind a token allows now; null for a caller without an account (a service principal). */
export interface AccountState {
  /** An admin disabled the account. */
  readonly disabled: boolean;
  /** Epoch ms from which sign-ins count: set when the password changes, so the sessions from before end. */
  readonly sessionsValidFromMs?: number;
}

export interface AccountStateCheck {
  readonly stateOf: (uid: string) => Promise<AccountState | null>;
  /** How long an answer is reused: the longest a revoked session keeps access on one instance. */
  readonly ttlMs: number;
  readonly now: () => number;
}

export interface SessionVerifier extends TokenVerifier {
  /** The account changed here (its password): its next request asks afresh instead of reusing an answer. */
  forget(uid: string): void;
}

/**
 * When the session a verified token belongs to began, in epoch seconds: a Firebase ID token's `auth_time` (its `iat`
 * moves on with every hourly refresh), our own token's `iat` (issued at sign-in, never refreshed).
 */
function signedInAtSeconds(token: string): number {
  const claims = decodeJwt(token);
  const authTime = claims['auth_time'];
  return typeof authTime === 'number' ? authTime : (claims.iat ?? 0);
}

/**
 * Tokens outlive the accounts and passwords behind them (an hour by default), so a driver who left, or whoever learnt
 * a password since changed, would keep access until the token expires. This verifier also asks whether the account is
 * disabled and whether the token's sign-in came before the account's `sessionsValidFrom`, remembering each answer for
 * `ttlMs` so a busy caller costs one read per interval, not one per request. An instance that changed the account
 * itself forgets its answer, so there the change holds at once; elsewhere within `ttlMs`.
 */
export function refusingRevokedSessions(inner: TokenVerifier, check: AccountStateCheck): SessionVerifier {
  const answers = new Map<string, { readonly state: AccountState | null; readonly at: number }>();
  return {
    async verify(token) {
      const principal = await inner.verify(token);
      const now = check.now();
      let answer = answers.get(principal.uid);
      if (!answer || now - answer.at >= check.ttlMs) {
        answer = { state: await check.stateOf(principal.uid), at: now };
        answers.set(principal.uid, answer);
      }
      // Its own code, still a 401 (the session ends): the app tells the person their account was disabled, not 逾時.
      if (answer.state?.disabled) throw new DomainError('AUTH.ACCOUNT_DISABLED', 'unauthenticated', 'Account disabled');
      // Whole seconds, as tokens count time: a sign-in in the same second as the change (the new password's) stays valid.
      const validFrom = answer.state?.sessionsValidFromMs;
      if (validFrom !== undefined && signedInAtSeconds(token) < Math.floor(validFrom / 1000)) throw unauthenticated('Session ended by a password change');
      return principal;
    },
    forget(uid) {
      answers.delete(uid);
    },
  };
}
