import type { Container } from '../../adapters/container';
import { firestorePasswordResetStore, ResetCodeGone } from '../../adapters/firestore/password-reset-store';
import { selectSender } from '../../adapters/notify/select-sender';
import type { Customer } from '../../domain/customers';
import { recipientOf } from '../../domain/notifications/channel';
import { withNewPassword, type PasswordReset } from '../../domain/users';
import type { SendText } from '../../http/auth/password-reset';
import { changeAccount } from './change-account';

/**
 * How a reset code reaches a customer: by LINE or SMS, as their notifications do. The portal inbox is no way to reach
 * someone who cannot sign in, so without either there is none; except with the local dev issuer, where the code is
 * printed in the server's log instead (as the Firebase Auth emulator prints its SMS codes), so 忘記密碼 works in the demo.
 */
export function resetCodeCourier(c: Pick<Container, 'config' | 'db' | 'clock'>, log: (line: string) => void = (line) => console.info(line)) {
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  return async (customerId: string): Promise<SendText | null> => {
    const snap = await c.db.collection('customers').doc(customerId).get();
    if (!snap.exists) return null;
    const { address, sender } = select(recipientOf(snap.data() as Customer));
    if (address.channel !== 'inbox') return async (text, idempotencyKey) => void (await sender.send({ ...address, text, idempotencyKey }));
    if (c.config.auth.mode !== 'local') return null;
    return async (text) => log(JSON.stringify({ severity: 'NOTICE', message: 'password reset code (local mode: no LINE or SMS gateway configured)', customerId, text }));
  };
}

/**
 * Sets the password a reset code was checked for and deletes the code, in one transaction and only while the code is
 * still the account's; false, changing nothing, when it was used or replaced meanwhile.
 */
export async function useResetCode(c: Pick<Container, 'db' | 'verifier'>, reset: PasswordReset, passwordHash: string, now: Date): Promise<boolean> {
  try {
    await changeAccount(c, reset.uid, (u) => withNewPassword(u, passwordHash, now), firestorePasswordResetStore(c.db).usedIn(reset));
    return true;
  } catch (err) {
    if (err instanceof ResetCodeGone) return false;
    throw err;
  }
}
