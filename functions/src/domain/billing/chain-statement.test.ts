import type { Customer } from '../customers';
import type { Order } from '../orders';
import { aCustomer } from '../test-support/customer-mother';
import { anOrder } from '../test-support/order-mother';
import { addAccounts, branchesOfMonth, branchOwnStatement, chainStatement, chainStatementSchema } from './chain-statement';
import type { Payment } from './payment';
import { buildStatement, type StatementAccount } from './statement';
import { statementCsv } from './statement-csv';
import { csvCells } from '../test-support/excel';

const NOW = new Date('2027-01-10T04:00:00Z');
const headOffice = aCustomer().withId('cust-hq').withCode('C00100').with({ name: '鼎泰餐飲總公司', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '鼎泰餐飲股份有限公司' } }).build();
const banqiao: Customer = { ...aCustomer().withId('cust-b1').withCode('C00101').with({ name: '鼎泰板橋店', paymentTerms: 'monthly' }).build(), payerId: 'cust-hq', payerSince: '2026-10-20T02:00:00Z' };
const zhonghe: Customer = { ...aCustomer().withId('cust-b2').withCode('C00102').with({ name: '鼎泰中和店', paymentTerms: 'monthly' }).build(), payerId: 'cust-hq', payerSince: '2026-12-01T02:00:00Z' };

function delivered(id: string, customer: Customer, at: string, quantity: number, cashCollected = 0): Order {
  const order = anOrder().withId(id).forCustomer(customer).with({ items: [{ size: 20, quantity }] }).inStatus('delivered').build();
  return { ...order, delivery: { at, delivered: [{ size: 20, quantity }], emptiesCollected: [{ size: 20, quantity }], cashCollected } };
}

const account = (before: Partial<StatementAccount['before']> = {}, payments: Payment[] = []): StatementAccount => ({
  before: { ...addAccounts([]), ...before },
  payments,
  allowances: [],
  refunds: [],
});

const paid: Payment = { id: 'pay-1', customerId: 'cust-hq', amount: 5000, method: 'transfer', receivedOn: '2026-11-15', note: '10 月貨款', status: 'received', by: { uid: 'u-office', role: 'office' }, at: '2026-11-15T02:00:00Z' };

describe('a head office’s statement (分店／總公司付款)', () => {
  const own = buildStatement(headOffice, '2026-11', [delivered('ord-hq', headOffice, '2026-11-05T02:00:00Z', 1)], account({ charges: 5000 }, [paid]), NOW);
  const branch = buildStatement(banqiao, '2026-11', [delivered('ord-b1', banqiao, '2026-11-06T02:00:00Z', 2), delivered('ord-b1-cash', banqiao, '2026-11-07T02:00:00Z', 1, 850)], account({ charges: 1700 }), NOW);
  const chain = chainStatement(own, [branch]);

  it('keeps its own lines and lists each branch’s apart, with what that branch’s month came to', () => {
    expect(chain.lines.map((l) => l.orderId)).toEqual(['ord-hq']);
    expect(chain.branches).toEqual([
      {
        customer: { id: 'cust-b1', code: 'C00101', name: '鼎泰板橋店', address: branch.customer.address },
        lines: branch.lines,
        totals: { charges: 2550, cashCollected: 850, amountDue: 1700, allowances: 0, cylinders: [{ size: 20, quantity: 3 }], emptiesCollected: [{ size: 20, quantity: 3 }] },
      },
    ]);
    expect(chainStatementSchema.parse(chain)).toEqual(chain);
  });

  it('owes for the whole chain: opening, charges, cash, payments and closing balance summed, so the head office’s payment settles branch deliveries', () => {
    expect(chain.totals).toMatchObject({ openingBalance: 6700, charges: 3400, cashCollected: 850, amountDue: 2550, payments: 5000, closingBalance: 4250 });
    expect(chain.totals.closingBalance).toBe(own.totals.closingBalance + branch.totals.closingBalance);
    expect(chain.totals.cylinders).toEqual([{ size: 20, quantity: 4 }]);
    expect(chain.payments.map((p) => p.id)).toEqual(['pay-1']);
  });

  it('lists the branches’ lines in the head office’s CSV too, each naming where it went, so the lines add up to the chain’s charges', () => {
    const cells = csvCells(statementCsv(chain, 'zh-TW'));
    const header = cells.findIndex((row) => row[0] === '送達日期');
    expect(cells[header]?.at(-1)).toBe('送達客戶（總公司／分店）');
    const lines = cells.slice(header + 1).filter((row) => row[1]?.startsWith('ord-'));
    expect(lines.map((row) => [row[1], row.at(-1)])).toEqual([
      ['ord-hq', 'C00100 鼎泰餐飲總公司'],
      ['ord-b1', 'C00101 鼎泰板橋店'],
      ['ord-b1-cash', 'C00101 鼎泰板橋店'],
    ]);
    expect(lines.reduce((sum, row) => sum + Number(row[6]), 0)).toBe(chain.totals.charges);
    // A customer's own file keeps its columns as they were.
    expect(csvCells(statementCsv(own, 'zh-TW')).find((row) => row[0] === '送達日期')?.at(-1)).toBe('發票號碼');
  });

  it('gives each shop’s month a row of its own in the head office’s CSV, the head office’s being the chain’s less its branches’, in zh-TW and en', () => {
    const subtotals = (locale: 'zh-TW' | 'en', title: string) => {
      const cells = csvCells(statementCsv(chain, locale));
      const at = cells.findIndex((row) => row[0] === title);
      return cells.slice(at + 1, at + 4);
    };
    expect(subtotals('zh-TW', '各店小計')).toEqual([
      ['送達客戶（總公司／分店）', '本期應收', '已收現金', '本期應付', '發票號碼', '送達瓶數', '送達公斤數'],
      ['C00100 鼎泰餐飲總公司', '850', '0', '850', '', '20 公斤 × 1', '20'],
      ['C00101 鼎泰板橋店', '2550', '850', '1700', '', '20 公斤 × 3', '60'],
    ]);
    expect(subtotals('en', 'Subtotals by shop')[2]).toEqual(['C00101 鼎泰板橋店', '2550', '850', '1700', '', '20 kg × 3', '60']);
    // A customer's own file has no shops to add up.
    expect(csvCells(statementCsv(own, 'zh-TW')).some((row) => row[0] === '各店小計')).toBe(false);
  });

  it('takes in a branch from the month it was linked in, not before', () => {
    expect(branchesOfMonth([banqiao, zhonghe], '2026-11').map((b) => b.id)).toEqual(['cust-b1']);
    expect(branchesOfMonth([banqiao, zhonghe], '2026-12').map((b) => b.id)).toEqual(['cust-b1', 'cust-b2']);
    expect(branchesOfMonth([banqiao, zhonghe], '2026-09')).toEqual([]);
  });

  it('names, on a branch’s own statement, the head office that pays it', () => {
    expect(branchOwnStatement(branch, headOffice).payer).toEqual({ id: 'cust-hq', code: 'C00100', name: '鼎泰餐飲總公司' });
  });
});
