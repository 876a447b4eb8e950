import type { Container } from '../../adapters/container';
import { firestorePasswordResetStore, ResetCodeGone } from '../../adapters/firestore/password-reset-store';
import { firestorePortalSignupStore } from '../../adapters/firestore/portal-signup-store';
import { withNewPassword, type PasswordReset, type PortalSignup, type User } from '../../domain/users';
import { changeAccount } from './change-account';

/**
 * Sets the password a reset code was checked for and deletes the code, in one transaction and only while the code is
 * still the account's; false, changing nothing, when it was used or replaced meanwhile.
 */
export async function useResetCode(c: Pick<Container, 'db' | 'verifier'>, reset: PasswordReset, passwordHash: string, sessionsFrom: Date): Promise<boolean> {
  return whileCodeHolds(() => changeAccount(c, reset.uid, (u) => withNewPassword(u, passwordHash, sessionsFrom), firestorePasswordResetStore(c.db).usedIn(reset)));
}

/** Creates the portal account and deletes the sign-up code together; false when the code was used or replaced meanwhile. */
export async function openPortalAccount(c: Pick<Container, 'db'>, signup: PortalSignup, user: User): Promise<boolean> {
  return whileCodeHolds(() => firestorePortalSignupStore(c.db).open(signup, user));
}

async function whileCodeHolds(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    if (err instanceof ResetCodeGone) return false;
    throw err;
  }
}
