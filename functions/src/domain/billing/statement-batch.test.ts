import type { Customer } from '../customers';
import type { Order } from '../orders';
import { aCustomer } from '../test-support/customer-mother';
import { anOrder } from '../test-support/order-mother';
import { addAccounts, branchOwnStatement } from './chain-statement';
import type { Payment } from './payment';
import { buildStatement, type StatementAccount } from './statement';
import { inStatementBatch } from './statement-batch';

const NOW = new Date('2026-12-02T02:00:00Z');
const monthly = aCustomer().withId('cust-m').withCode('C00001').with({ paymentTerms: 'monthly' }).build();
const cash = aCustomer().withId('cust-c').withCode('C00002').with({ paymentTerms: 'cash' }).build();

function delivered(customer: Customer, cashCollected: number): Order {
  const order = anOrder().withId(`ord-${customer.id}`).forCustomer(customer).with({ items: [{ size: 20, quantity: 1 }] }).inStatus('delivered').build();
  return { ...order, delivery: { at: '2026-11-10T02:00:00Z', delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: cashCollected < 0 ? order.total : cashCollected } };
}

const account = (before: Partial<StatementAccount['before']> = {}, payments: Payment[] = []): StatementAccount => ({ before: { ...addAccounts([]), ...before }, payments, allowances: [], refunds: [] });
const paid: Payment = { id: 'pay-1', customerId: 'cust-m', amount: 2000, method: 'transfer', receivedOn: '2026-11-15', note: '', status: 'received', by: { uid: 'u-office', role: 'office' }, at: '2026-11-15T02:00:00Z' };
const ALL_AT_THE_DOOR = -1;

describe('which customers the month’s batch of statements (月結對帳單批次) takes', () => {
  it('takes a customer on account charged in the month, even one who paid it all at the door', () => {
    expect(inStatementBatch(buildStatement(monthly, '2026-11', [delivered(monthly, ALL_AT_THE_DOOR)], account(), NOW))).toBe(true);
  });

  it('takes a customer with nothing delivered who still owes from before, or who paid in the month', () => {
    expect(inStatementBatch(buildStatement(monthly, '2026-11', [], account({ charges: 3000 }), NOW))).toBe(true);
    expect(inStatementBatch(buildStatement(monthly, '2026-11', [], account({ charges: 2000 }, [paid]), NOW))).toBe(true);
  });

  it('takes a cash customer who left something owing at the door, and leaves out one who paid everything', () => {
    expect(inStatementBatch(buildStatement(cash, '2026-11', [delivered(cash, 0)], account(), NOW))).toBe(true);
    expect(inStatementBatch(buildStatement(cash, '2026-11', [delivered(cash, ALL_AT_THE_DOOR)], account(), NOW))).toBe(false);
  });

  it('leaves out a customer on account with no activity and nothing owed, and a branch whose head office pays', () => {
    expect(inStatementBatch(buildStatement(monthly, '2026-11', [], account(), NOW))).toBe(false);
    const branch = buildStatement({ ...monthly, payerId: 'cust-hq' }, '2026-11', [delivered(monthly, 0)], account(), NOW);
    expect(inStatementBatch(branchOwnStatement(branch, { id: 'cust-hq', code: 'C00100', name: '總公司' }))).toBe(false);
  });
});
