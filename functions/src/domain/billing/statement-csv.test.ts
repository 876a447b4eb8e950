import { allowanceDraft, b2bAmountsFromTotal, issuedAllowance } from '../invoicing';
import { aCustomer } from '../test-support/customer-mother';
import { anIssuedInvoice } from '../test-support/invoice-mother';
import { anOrder } from '../test-support/order-mother';
import type { Order } from '../orders';
import type { Payment } from './payment';
import { buildStatement, type StatementAccount } from './statement';
import { UTF8_BOM } from '../csv';
import { statementCsv } from './statement-csv';

const customer = aCustomer().withId('cust-m').withCode('C00042').with({ name: '=林記, "麵館"', paymentTerms: 'monthly', phones: ['0912-345-678'] }).build();
const order = anOrder().withId('ord-1').forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }, { size: 4, quantity: 1 }] }).inStatus('delivered').build();
const orders: Order[] = [
  { ...order, delivery: { at: '2026-11-30T16:30:00Z', delivered: [{ size: 20, quantity: 2 }, { size: 4, quantity: 1 }], emptiesCollected: [{ size: 20, quantity: 2 }], cashCollected: 500 } },
];
const payments: Payment[] = [
  { id: 'pay-1', customerId: 'cust-m', amount: 1200, method: 'cheque', receivedOn: '2026-12-20', reference: 'AB123456', note: '=11 月', status: 'received', by: { uid: 'u-office', role: 'office' }, at: '2026-12-20T02:00:00Z' },
];
const account: StatementAccount = { before: { charges: 3000, cashCollected: 0, payments: 2000, allowances: 0, refunds: 0 }, payments, allowances: [], refunds: [] };
const statement = buildStatement(customer, '2026-12', orders, account, new Date('2027-01-05T00:00:00Z'));

describe('statementCsv', () => {
  const zh = statementCsv(statement, 'zh-TW');
  const rows = zh.slice(1).split('\r\n');

  it('calls it a statement, not a monthly-account one, for a customer who pays as deliveries come', () => {
    const cash = buildStatement({ ...customer, paymentTerms: 'cash' }, '2026-12', orders, account, new Date('2027-01-05T00:00:00Z'));
    expect(statementCsv(cash, 'zh-TW').slice(1).split('\r\n')[0]).toBe('幸福氣 對帳單');
    expect(statementCsv(cash, 'en').slice(1).split('\r\n')[0]).toBe('Lucky Gas statement');
    expect(rows[0]).toBe('幸福氣 月結對帳單');
  });

  it('starts with a UTF-8 byte order mark and ends every row with CRLF, for Excel in Taiwan', () => {
    expect(zh.startsWith(UTF8_BOM)).toBe(true);
    expect(zh.endsWith('\r\n')).toBe(true);
    expect(zh.slice(1)).not.toMatch(/[^\r]\n/);
  });

  it('writes the header block, column titles and one row per item with the order’s amounts on its first row', () => {
    expect(rows.slice(0, 7)).toEqual([
      '幸福氣 月結對帳單',
      '月份,2026-12',
      `客戶,"'=林記, ""麵館"""`,
      '客戶編號,C00042',
      `地址,${customer.address.full}`,
      '電話,0912-345-678',
      '付款方式,月結',
    ]);
    const header = rows.indexOf('送達日期,訂單編號,規格,數量,單價,小計,訂單金額,付款方式,現場收現,發票號碼');
    expect(header).toBeGreaterThan(0);
    expect(rows.slice(header + 1, header + 3)).toEqual([
      `2026-12-01,ord-1,20 公斤,2,850,1700,${order.total},月結,500,`,
      '2026-12-01,ord-1,4 公斤,1,210,210,,,,',
    ]);
  });

  it('gives the day a sale or deposit booked late (補登) happened in a last column, only when the month has one, in zh-TW and en', () => {
    const late = { ...orders[0]!, id: 'ord-late', delivery: { ...orders[0]!.delivery!, at: '2026-11-30T10:00:00Z', bookedOn: '2026-12-01' } };
    const door = { id: 'dep-late', customerId: 'cust-m', kind: 'collect' as const, size: 20 as const, count: 1, amount: 1200, method: 'cash' as const, receivedOn: '2026-12-01', collectedOn: '2026-11-30', by: '陳大明', at: '2026-12-03T02:00:00Z', orderId: 'ord-late' };
    const withLate = buildStatement(customer, '2026-12', [...orders, late], { ...account, deposits: [door] }, new Date('2027-01-05T00:00:00Z'));
    const lines = statementCsv(withLate, 'zh-TW').slice(1).split('\r\n');
    const header = lines.indexOf('送達日期,訂單編號,規格,數量,單價,小計,訂單金額,付款方式,現場收現,發票號碼,補登：實際送達日（該月已關帳）');
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(header + 1, header + 5)).toEqual([
      `2026-12-01,ord-late,20 公斤,2,850,1700,${order.total},月結,500,,2026-11-30`,
      '2026-12-01,ord-late,4 公斤,1,210,210,,,,,',
      `2026-12-01,ord-1,20 公斤,2,850,1700,${order.total},月結,500,,`,
      '2026-12-01,ord-1,4 公斤,1,210,210,,,,,',
    ]);
    expect(lines).toContain('日期,收退,規格,瓶數,金額,方式,備註,補登：實際收取日（該月已關帳）');
    expect(lines).toContain('2026-12-01,收押金,20 公斤,1,1200,現金,,2026-11-30');
    const en = statementCsv(withLate, 'en').slice(1).split('\r\n');
    expect(en.some((r) => r.endsWith(',Posted late: delivered on (month already closed)'))).toBe(true);
    expect(en.some((r) => r.endsWith(',Posted late: collected on (month already closed)'))).toBe(true);
    // A month with none keeps its columns.
    expect(rows).toContain('送達日期,訂單編號,規格,數量,單價,小計,訂單金額,付款方式,現場收現,發票號碼');
  });

  it('names the invoice each order was billed on, on its first row, for the bookkeeper to tick against the invoice register', () => {
    const invoiced = { ...statement, lines: statement.lines.map((l) => ({ ...l, invoice: { number: 'LF00000824', status: 'issued' as const } })) };
    const billed = statementCsv(invoiced, 'zh-TW').slice(1).split('\r\n');
    const header = billed.indexOf('送達日期,訂單編號,規格,數量,單價,小計,訂單金額,付款方式,現場收現,發票號碼');
    expect(billed.slice(header + 1, header + 3)).toEqual([`2026-12-01,ord-1,20 公斤,2,850,1700,${order.total},月結,500,LF00000824`, '2026-12-01,ord-1,4 公斤,1,210,210,,,,']);
    expect(statementCsv(statement, 'en')).toContain('\r\nDelivered on,Order,Size,Quantity,Unit price,Subtotal,Order total,Payment,Cash collected,Invoice number\r\n');
  });

  it('lists the month’s payments under their own column titles', () => {
    const header = rows.indexOf('收款日期,收款金額,收款方式,參考號碼,備註');
    expect(header).toBeGreaterThan(0);
    expect(rows[header + 1]).toBe("2026-12-20,1200,支票,AB123456,'=11 月");
  });

  it('closes with the totals from the opening to the closing balance', () => {
    expect(rows.slice(-9)).toEqual([
      '上期結餘,1000',
      `本期應收,${order.total}`,
      '已收現金,500',
      `本期應付,${order.total - 500}`,
      '本期收款,1200',
      `期末結餘,${1000 + order.total - 500 - 1200}`,
      '送達瓶數,4 公斤 × 1、20 公斤 × 2',
      '回收空瓶,20 公斤 × 2',
      '',
    ]);
  });

  it('leaves the allowance rows out of a month without allowances', () => {
    expect(rows.some((r) => r.startsWith('折讓日期,') || r.startsWith('本期折讓,'))).toBe(false);
  });

  it('lists the month’s allowances (折讓) under their own column titles, an ECPay number kept as text, and takes their total off the closing balance', () => {
    const invoice = anIssuedInvoice('inv-cust-m-2026-11', customer, 'AB12345678', { kind: 'B2B', amounts: b2bAmountsFromTotal(850) });
    const draft = allowanceDraft(invoice, [], { reason: '退回一支未使用的鋼瓶', lines: [{ invoiceLine: 0, quantity: 1 }] }, { id: 'alw-1', by: { uid: 'u-office', role: 'office' } });
    const allowance = issuedAllowance(draft, { number: 'AL202612180001', issuedAt: new Date('2026-12-18T02:00:00Z'), providerRef: 'x' }, 'local-book');
    const byEcpay = { ...allowance, id: 'alw-2', number: '2026121900000001', issuedAt: '2026-12-19T02:00:00.000Z', reason: '短少' };
    const credited = buildStatement(customer, '2026-12', orders, { ...account, allowances: [allowance, byEcpay] }, new Date('2027-01-05T00:00:00Z'));
    const zhRows = statementCsv(credited, 'zh-TW').slice(1).split('\r\n');
    const header = zhRows.indexOf('折讓日期,折讓金額,折讓單號,原發票號碼,折讓原因');
    expect(header).toBeGreaterThan(zhRows.indexOf('收款日期,收款金額,收款方式,參考號碼,備註'));
    expect(zhRows.slice(header + 1, header + 3)).toEqual(['2026-12-18,850,AL202612180001,AB12345678,退回一支未使用的鋼瓶', '2026-12-19,850,"=""2026121900000001""",AB12345678,短少']);
    expect(zhRows.slice(zhRows.indexOf('本期收款,1200'), zhRows.indexOf('本期收款,1200') + 3)).toEqual(['本期收款,1200', '本期折讓,1700', `期末結餘,${1000 + order.total - 500 - 1200 - 1700}`]);
    const en = statementCsv(credited, 'en');
    expect(en).toContain('\r\nAllowance date,Allowance amount,Allowance number,Invoice number,Reason\r\n');
    expect(en).toContain('\r\nAllowances (credits),1700\r\n');
  });

  it('lists the month’s refunds (退款) under their own column titles and adds their total back to the closing balance; none, no rows', () => {
    expect(rows.some((r) => r.startsWith('退款日期,') || r.startsWith('本期退款,'))).toBe(false);
    const refund = { id: 'ref-1', customerId: 'cust-m', amount: 300, method: 'cash', paidOn: '2026-12-22', reason: '=退回折讓款', status: 'paid', by: { uid: 'u-office', role: 'office' }, at: '2026-12-22T02:00:00Z' } as const;
    const paidBack = buildStatement(customer, '2026-12', orders, { ...account, refunds: [refund] }, new Date('2027-01-05T00:00:00Z'));
    const zhRows = statementCsv(paidBack, 'zh-TW').slice(1).split('\r\n');
    const header = zhRows.indexOf('退款日期,退款金額,退款方式,退款原因');
    expect(zhRows[header + 1]).toBe("2026-12-22,300,現金,'=退回折讓款");
    expect(zhRows.slice(zhRows.indexOf('本期收款,1200'), zhRows.indexOf('本期收款,1200') + 3)).toEqual(['本期收款,1200', '本期退款,300', `期末結餘,${1000 + order.total - 500 - 1200 + 300}`]);
    const en = statementCsv(paidBack, 'en');
    expect(en).toContain('\r\nRefunded on,Refund amount,Method,Reason\r\n');
    expect(en).toContain('\r\nRefunds paid,300\r\n');
  });

  it('leaves the deposit section out when nothing was collected, refunded or held', () => {
    expect(rows).not.toContain('押金（代客戶保管，不列入應付金額）');
  });

  it('ends with the deposits apart from the totals: the month’s records, refunds negative, and the deposit held at month end', () => {
    const holding = { ...customer, cylindersOnSite: [{ size: 20 as const, count: 2, depositPaid: 1200 }] };
    const deposits = [
      { id: 'dep-1', customerId: 'cust-m', kind: 'collect' as const, size: 20 as const, count: 2, amount: 2400, method: 'cash' as const, receivedOn: '2026-12-02', by: '小美', at: '2026-12-02T02:00:00Z' },
      { id: 'dep-2', customerId: 'cust-m', kind: 'refund' as const, size: 20 as const, count: 1, amount: 1200, method: 'transfer' as const, receivedOn: '2026-12-28', note: '退一支', by: '小美', at: '2026-12-28T02:00:00Z' },
    ];
    const withDeposits = buildStatement(holding, '2026-12', orders, { ...account, deposits }, new Date('2027-01-05T00:00:00Z'));
    const zhRows = statementCsv(withDeposits, 'zh-TW').slice(1).split('\r\n');
    const at = zhRows.indexOf('押金（代客戶保管，不列入應付金額）');
    expect(at).toBeGreaterThan(zhRows.indexOf('回收空瓶,20 公斤 × 2'));
    expect(zhRows.slice(at + 1)).toEqual([
      '日期,收退,規格,瓶數,金額,方式,備註',
      '2026-12-02,收押金,20 公斤,2,2400,現金,',
      '2026-12-28,退押金,20 公斤,1,-1200,轉帳,退一支',
      '本期收取押金,2400',
      '本期退還押金,1200',
      '期末押金,1200,20 公斤 1200',
      '',
    ]);
    expect(zhRows).toContain(`本期應付,${order.total - 500}`);
    expect(statementCsv(withDeposits, 'en')).toContain('\r\nDeposit held at month end,1200,20 kg 1200\r\n');
  });

  it('speaks English to an English caller and says when the month is not yet closed', () => {
    const running = buildStatement(customer, '2027-01', orders, { before: { charges: 0, cashCollected: 0, payments: 0, allowances: 0, refunds: 0 }, payments: [], allowances: [], refunds: [] }, new Date('2027-01-05T00:00:00Z'));
    const en = statementCsv(running, 'en').slice(1).split('\r\n');
    expect(en[1]).toBe('Month,2027-01,Month not yet closed');
    expect(en).toContain('Delivered on,Order,Size,Quantity,Unit price,Subtotal,Order total,Payment,Cash collected,Invoice number');
    expect(en).toContain('Due this month,0');
    expect(en).toContain('Closing balance,0');
    expect(en).not.toContain('Received on,Amount,Method,Reference,Note');
    expect(statementCsv(statement, 'en')).toContain('\r\nCylinders delivered,"4 kg × 1, 20 kg × 2"\r\n');
  });
});
