import type { Container } from '../../adapters/container';
import { firestorePasswordResetStore, ResetCodeGone } from '../../adapters/firestore/password-reset-store';
import { firestorePortalSignupStore } from '../../adapters/firestore/portal-signup-store';
import { selectSender } from '../../adapters/notify/select-sender';
import type { Customer } from '../../domain/customers';
import { recipientOf, type NotificationRecipient } from '../../domain/notifications/channel';
import { withNewPassword, type PasswordReset, type PortalSignup, type User } from '../../domain/users';
import type { SendText } from '../../http/auth/password-reset';
import { changeAccount } from './change-account';

type Log = (line: string) => void;
const toConsole: Log = (line) => console.info(line);

/**
 * How a texted code reaches someone: by LINE or SMS, as notifications do. The portal inbox is no way to reach someone
 * who cannot sign in, so without either there is none; except with the local dev issuer, where the code is printed in
 * the server's log instead (as the Firebase Auth emulator prints its SMS codes), so 忘記密碼 and 開通帳號 work in the demo.
 */
function courier(c: Pick<Container, 'config' | 'db' | 'clock'>, log: Log): (recipient: NotificationRecipient) => SendText | null {
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  return (recipient) => {
    const { address, sender } = select(recipient);
    if (address.channel !== 'inbox') return async (text, idempotencyKey) => void (await sender.send({ ...address, text, idempotencyKey }));
    if (c.config.auth.mode !== 'local') return null;
    return async (text) => log(JSON.stringify({ severity: 'NOTICE', message: 'one-time code (local mode: no LINE or SMS gateway configured)', customerId: recipient.customerId, text }));
  };
}

/** A reset code goes where the customer's notifications go: LINE if they linked it, else their first mobile. */
export function resetCodeCourier(c: Pick<Container, 'config' | 'db' | 'clock'>, log: Log = toConsole) {
  const reach = courier(c, log);
  return async (customerId: string): Promise<SendText | null> => {
    const snap = await c.db.collection('customers').doc(customerId).get();
    return snap.exists ? reach(recipientOf(snap.data() as Customer)) : null;
  };
}

/** A sign-up code goes by SMS to the mobile typed, and only there: receiving it is what proves the phone is theirs. */
export function signupCodeCourier(c: Pick<Container, 'config' | 'db' | 'clock'>, log: Log = toConsole) {
  const reach = courier(c, log);
  return (customerId: string, mobile: string): SendText | null => reach({ customerId, phones: [mobile] });
}

/**
 * Sets the password a reset code was checked for and deletes the code, in one transaction and only while the code is
 * still the account's; false, changing nothing, when it was used or replaced meanwhile.
 */
export async function useResetCode(c: Pick<Container, 'db' | 'verifier'>, reset: PasswordReset, passwordHash: string, now: Date): Promise<boolean> {
  return whileCodeHolds(() => changeAccount(c, reset.uid, (u) => withNewPassword(u, passwordHash, now), firestorePasswordResetStore(c.db).usedIn(reset)));
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
