import type { Container } from '../../adapters/container';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { firestoreStatementStore } from '../../adapters/firestore/statement-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { balanceOf, nextMonth } from '../../domain/billing';
import { taipeiDate } from '../../domain/clock';
import { linkPayer, type Customer, type SetPayerInput } from '../../domain/customers';
import type { Actor } from '../../domain/events';
import { uninvoicedOnAccount } from '../../domain/invoicing';
import { monthsInvoiced } from './edit-customer';

/**
 * Sets or clears a customer's head office (總公司付款, `linkPayer`), everything it is checked on read in the transaction
 * that writes it: the payer, the customers that name the branch as theirs, the branch's balance and its deliveries on
 * account of this month and the last with their 月結發票. A payment or delivery committing meanwhile makes it retry.
 * @throws `CUSTOMER.NOT_FOUND` (the branch), what `linkPayer` throws.
 */
export async function setPayer(c: Container, id: string, input: SetPayerInput, actor: Actor): Promise<Customer> {
  const now = c.clock.now();
  const today = taipeiDate(now);
  const customers = firestoreCustomerStore(c.db);
  return inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
    const [payer, branchesOfBranch, sums, invoiced] = await Promise.all([
      input.payerId === null ? null : uow.read<Customer>('customers', input.payerId),
      customers.branchesOf(id, uow.tx),
      firestoreStatementStore(c.db).accountBefore(id, nextMonth(today.slice(0, 7)), { tx: uow.tx }),
      monthsInvoiced(uow, id, today),
    ]);
    const state = { branchesOfBranch, balance: balanceOf(sums), uninvoiced: uninvoicedOnAccount(id, invoiced.orders, invoiced.issued) };
    const { after } = await customers.updateIn(uow, id, (branch) => linkPayer(branch, input.payerId, payer, state, now));
    return after;
  });
}
