import { aCustomer, anIssuedInvoice } from '../test-support';
import { anOrder } from '../test-support/order-mother';
import type { Order } from '../orders';
import { reconcileMonth, reconciledInvoiceIds, type ChainedInvoice, type ReconciledOrder } from './month-reconciliation';
import type { Invoice } from './invoice';

const monthly = aCustomer().withId('cust-m').with({ paymentTerms: 'monthly' }).build();
const cash = aCustomer().withId('cust-c').with({ paymentTerms: 'cash' }).build();

function sale(id: string, customer: typeof cash, at: string, more: Partial<NonNullable<Order['delivery']>> = {}): ReconciledOrder {
  const o = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity: 1 }] }).inStatus('delivered').build();
  return { ...o, delivery: { at, ...more } };
}
const known = (...invoices: Invoice[]): Map<string, ChainedInvoice> => new Map(invoices.map((i) => [i.id, i]));
const dated = (...invoices: Invoice[]) => invoices.map(({ id, number, amounts }) => ({ id, number, amounts }));
const NO_ALLOWANCES = { count: 0, totalAmount: 0 };

describe('a month’s invoices against its 月報 revenue', () => {
  // Booked late (補登) into June, delivered at the door on May 31st; May's month invoice, by a run from before sales
  // were invoiced in the month they are billed in, lists it.
  const lateToJune = sale('ord-late', monthly, '2025-05-31T04:00:00.000Z', { bookedOn: '2025-06-02' });
  const mayOnAccount = sale('ord-may', monthly, '2025-05-20T04:00:00.000Z');
  const mayInvoice = anIssuedInvoice('inv-cust-m-2025-05', monthly, 'RC00000100', {
    source: { customerId: monthly.id, month: '2025-05', orderIds: [mayOnAccount.id, lateToJune.id] },
    amounts: { salesAmount: 0, taxAmount: 0, totalAmount: mayOnAccount.total + lateToJune.total },
    issuedAt: '2025-05-31T14:30:00.000Z',
  });

  it('names a sale booked late into June but billed on May’s invoice under June’s other months, and May’s invoice’s excess under May’s', () => {
    const ids = reconciledInvoiceIds([lateToJune]);
    expect(ids).toEqual(['inv-ord-late', 'inv-cust-m-2025-06', 'inv-cust-m-2025-05']);
    const june = reconcileMonth('2025-06', [lateToJune], known(mayInvoice), [], NO_ALLOWANCES);
    expect(june).toMatchObject({ revenue: lateToJune.total, invoicedInOtherMonths: { amount: lateToJune.total, invoices: [{ number: 'RC00000100', issuedOn: '2025-05-31' }] } });
    const may = reconcileMonth('2025-05', [mayOnAccount, lateToJune], known(mayInvoice), dated(mayInvoice), NO_ALLOWANCES);
    expect(may).toMatchObject({
      revenue: mayOnAccount.total,
      deliveries: 1,
      invoiced: { count: 1, totalAmount: mayInvoice.amounts.totalAmount },
      forOtherMonths: { amount: lateToJune.total, invoices: [{ number: 'RC00000100', amount: lateToJune.total }] },
      invoicedInOtherMonths: { amount: 0 },
    });
  });

  it('follows a sale through two reissues to the one valid, and counts a collection of empties as no sale', () => {
    const sold = sale('ord-c', cash, '2025-05-03T04:00:00.000Z');
    // A collection of empties only (回收空瓶) carries no items and charges nothing.
    const empties = { ...sale('ord-e', cash, '2025-05-04T04:00:00.000Z'), items: [], total: 0 };
    const voidOf = (reissuedAs: string) => ({ status: 'void' as const, reissuedAs });
    const chain = [
      anIssuedInvoice('inv-ord-c', cash, 'RC00000001', { issuedAt: '2025-05-03T04:05:00.000Z', ...voidOf('inv-ord-c-r1') }),
      anIssuedInvoice('inv-ord-c-r1', cash, 'RC00000002', { issuedAt: '2025-05-04T04:05:00.000Z', ...voidOf('inv-ord-c-r2') }),
      anIssuedInvoice('inv-ord-c-r2', cash, 'RC00000003', { issuedAt: '2025-05-05T04:05:00.000Z', amounts: { salesAmount: 0, taxAmount: 0, totalAmount: sold.total } }),
    ];
    const last = chain[2]!;
    const r = reconcileMonth('2025-05', [sold, empties], known(...chain), dated(last), NO_ALLOWANCES);
    expect(r).toEqual({
      month: '2025-05',
      revenue: sold.total,
      deliveries: 1,
      invoiced: { count: 1, totalAmount: sold.total },
      voidNotReissued: { amount: 0, invoices: [] },
      notInvoiced: { amount: 0, count: 0 },
      invoicedInOtherMonths: { amount: 0, invoices: [] },
      forOtherMonths: { amount: 0, invoices: [] },
      allowances: NO_ALLOWANCES,
    });
  });
});
