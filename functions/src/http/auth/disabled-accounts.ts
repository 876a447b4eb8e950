import { unauthenticated, type TokenVerifier } from './token-verifier';

export interface DisabledAccountCheck {
  /** True when the account exists and an admin disabled it. */
  readonly isDisabled: (uid: string) => Promise<boolean>;
  /** How long an answer is reused: the longest a disabled account keeps access on one instance. */
  readonly ttlMs: number;
  readonly now: () => number;
}

/**
 * Tokens outlive the accounts behind them (an hour by default), so a disabled account — a driver
 * who left, say — would keep access until its token expires. This verifier also asks whether the
 * account is disabled, remembering each answer for `ttlMs` so a busy caller costs one read per
 * interval, not one per request.
 */
export function refusingDisabledAccounts(inner: TokenVerifier, check: DisabledAccountCheck): TokenVerifier {
  const answers = new Map<string, { readonly disabled: boolean; readonly at: number }>();
  return {
    async verify(token) {
      const principal = await inner.verify(token);
      const now = check.now();
      let answer = answers.get(principal.uid);
      if (!answer || now - answer.at >= check.ttlMs) {
        answer = { disabled: await check.isDisabled(principal.uid), at: now };
        answers.set(principal.uid, answer);
      }
      if (answer.disabled) throw unauthenticated('Account disabled');
      return principal;
    },
  };
}
