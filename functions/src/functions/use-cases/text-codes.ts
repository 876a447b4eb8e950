import { randomInt } from 'node:crypto';
import type { Container } from '../../adapters/container';
import { firestoreCredentialStore } from '../../adapters/firestore/credential-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestorePasswordResetStore } from '../../adapters/firestore/password-reset-store';
import { firestorePortalSignupStore } from '../../adapters/firestore/portal-signup-store';
import { selectSender } from '../../adapters/notify/select-sender';
import type { Customer } from '../../domain/customers';
import { recipientOf, type NotificationRecipient } from '../../domain/notifications/channel';
import { hashPassword, type CodeRequest } from '../../domain/users';
import { codesLogged } from './codes-logged';
import { sendPasswordResetCode, type SendText } from '../../http/auth/password-reset';
import { sendPortalSignupCode } from '../../http/auth/portal-signup';

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
    if (!codesLogged(c.config)) return null;
    return async (text) => log(JSON.stringify({ severity: 'NOTICE', message: 'one-time code (local mode: no LINE or SMS gateway configured)', customerId: recipient.customerId, text }));
  };
}

/** A reset code goes where the customer's notifications go: LINE if they linked it, else their first mobile. */
function resetCodeCourier(c: Pick<Container, 'config' | 'db' | 'clock'>, log: Log) {
  const reach = courier(c, log);
  return async (customerId: string): Promise<SendText | null> => {
    const snap = await c.db.collection('customers').doc(customerId).get();
    return snap.exists ? reach(recipientOf(snap.data() as Customer)) : null;
  };
}

/** A sign-up code goes by SMS to the mobile typed, and only there: receiving it is what proves the phone is theirs. */
function signupCodeCourier(c: Pick<Container, 'config' | 'db' | 'clock'>, log: Log) {
  const reach = courier(c, log);
  return (customerId: string, mobile: string): SendText | null => reach({ customerId, phones: [mobile] });
}

/** Texts the code a request made at `requestedAt` asked for, when there is someone to text; true when a code went out. */
export function sendRequestedCode(c: Pick<Container, 'config' | 'db' | 'clock'>, asked: CodeRequest, requestedAt: Date, log: Log = toConsole): Promise<boolean> {
  const made = { hashCode: hashPassword, randomInt, clock: c.clock };
  if (asked.purpose === 'password-reset') {
    return sendPasswordResetCode({ ...asked, requestedAt }, {
      ...made,
      findByUsername: (username) => firestoreCredentialStore(c.db).findByUsername(username),
      save: (reset) => firestorePasswordResetStore(c.db).save(reset),
      reach: resetCodeCourier(c, log),
    });
  }
  return sendPortalSignupCode({ ...asked, requestedAt }, {
    ...made,
    findCustomer: (code) => firestoreCustomerStore(c.db).findByCode(code),
    save: (signup) => firestorePortalSignupStore(c.db).save(signup),
    textTo: signupCodeCourier(c, log),
  });
}
