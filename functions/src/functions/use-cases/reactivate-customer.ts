import type { Container } from '../../adapters/container';
import { firestoreCustomerStore } from '../../adapters/firestore/customer-store';
import { loadPriceList } from '../../adapters/firestore/order-store';
import { inTransaction } from '../../adapters/firestore/unit-of-work';
import { assertNotErased, assertPayerTakesBranch, reactivateCustomer, type Customer } from '../../domain/customers';
import type { Actor } from '../../domain/events';
import { assertTermsCoveredByList } from '../../domain/pricing';

/**
 * Brings a deactivated customer back. A branch (分店／總公司付款) is checked against its head office as read in the same
 * transaction, so a head office deactivated or taken off 月結 meanwhile makes it retry and refuse.
 * @throws `CUSTOMER.NOT_FOUND`, what `reactivateCustomer` throws, `CUSTOMER.ERASED`, `CUSTOMER.BRANCH_PAYER_INACTIVE`,
 *   `CUSTOMER.BRANCH_PAYER_NOT_MONTHLY` (409), `PRICE.CONTRACT_DISCOUNT_EXHAUSTED` (422).
 */
export async function reactivate(c: Container, id: string, actor: Actor): Promise<Customer> {
  const now = c.clock.now();
  const list = await loadPriceList(c.db);
  const customers = firestoreCustomerStore(c.db);
  return inTransaction(c.db, c.publisher, { actor, now }, async (uow) => {
    const current = await customers.getIn(uow.tx, id);
    const payer = current.payerId ? await uow.read<Customer>('customers', current.payerId) : null;
    const { after } = await customers.updateIn(uow, id, (cur) => {
      const back = reactivateCustomer(assertNotErased(cur), now);
      assertPayerTakesBranch(back, payer);
      assertTermsCoveredByList(list, back);
      return back;
    });
    return after;
  });
}
