import type { Container } from '../../adapters/container';
import { randomUUID } from 'node:crypto';
import { firestoreCustomerErasureStore, forgetUsernameIn, scrubPendingEventsIn } from '../../adapters/firestore/customer-erasure-store';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { customerOrdersIn } from '../../adapters/firestore/order-store';
import { firestoreReceivableStore } from '../../adapters/firestore/receivable-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { activeBranches, assertErasureConfirmed, assertNoBranchesToErase, eraseCustomer, revised, type Customer, type EraseCustomerInput } from '../../domain/customers';
import { conflict } from '../../domain/errors';
import { OPEN_STATUSES } from '../../domain/orders';
import { disabledAccount, type User } from '../../domain/users';
import { actorOf, type Principal } from '../../http/auth/principal';

/**
 * 刪除個資 (`domain/customers/erasure.ts`). One transaction erases the record, checked against what is still open (the
 * balance is read just before: it moves only with a delivery, which needs an open order, or a payment or refund), and
 * disables and renames the customer's portal accounts (ending their sessions as a disabling does, on this instance at
 * once), their usernames replaced and what is kept under them gone (`forgetUsernameIn`), dropping their prediction, a
 * pending 開通帳號 code and reset codes, and takes the words typed out of the events about them still to be published. Then the copies elsewhere are scrubbed in batches and the record
 * says so (`erasure.completedAt`). A run cut short after the transaction is finished by calling again: the record is
 * erased already, so only the scrubbing runs; once complete, 409 `CUSTOMER.ALREADY_ERASED`.
 */
export async function eraseCustomerData(c: Container, id: string, input: EraseCustomerInput, principal: Principal): Promise<Customer> {
  const customers = firestoreCustomerStore(c.db);
  const now = c.clock.now();
  const current = await customers.get(id);
  let erased = current;
  if (current.erasure === undefined) {
    // A branch (分店／總公司付款) owes nothing of its own: its deliveries on account are its head office's balance, and a
    // head office's is its chain's, closed branches' unpaid deliveries with it.
    const balance = current.payerId ? 0 : (await firestoreReceivableStore(c.db).compute(current, now)).balance;
    const done = await inTransaction(c.db, c.publisher, { actor: actorOf(principal), now }, async (uow) => {
      assertNoBranchesToErase(current, activeBranches(await customers.branchesOf(id, uow.tx)));
      const openOrders = (await customerOrdersIn(uow, id, OPEN_STATUSES, 1)).length;
      const accounts = await uow.query<User>(uow.db.collection('users').where('customerId', '==', id));
      const { after } = await customers.updateIn(uow, id, (cur) =>
        eraseCustomer(
          cur,
          { cylinders: cur.cylindersOnSite.reduce((n, l) => n + l.count, 0), deposit: cur.cylindersOnSite.reduce((n, l) => n + l.depositPaid, 0), balance, openOrders },
          input,
          actorOf(principal),
          now,
        ),
      );
      for (const account of accounts) {
        await forgetUsernameIn(uow, account.username);
        // The username they chose (often their phone number) goes; an opaque one keeps the account's one-per-username rule.
        uow.set('users', account.uid, { ...disabledAccount(account, c.tokenClock.now()), displayName: after.name, username: `erased-${randomUUID()}` });
        uow.remove('passwordResets', account.uid);
      }
      uow.remove('predictions', id);
      uow.remove('portalSignups', id);
      await scrubPendingEventsIn(uow, id);
      return { after, uids: accounts.map((a) => a.uid) };
    });
    erased = done.after;
    // This instance refuses their sessions at once, as an admin's disabling does; other instances within their 30 s.
    for (const uid of done.uids) c.verifier.forget(uid);
  } else {
    assertErasureConfirmed(current, input);
    if (current.erasure.completedAt) throw conflict('CUSTOMER.ALREADY_ERASED', `Customer ${id} was erased already`, { id });
  }
  await firestoreCustomerErasureStore(c.db).scrubCopies(erased);
  return customers.update(id, (cur) => (cur.erasure ? revised(cur, { erasure: { ...cur.erasure, completedAt: c.clock.now().toISOString() } }, c.clock.now()) : cur));
}
