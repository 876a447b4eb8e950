import { aCustomer, anOrder, OFFICE } from '../test-support';
import type { Order, PaymentMethod } from '../orders/order';
import {
  assertCanVoid,
  buyerOf,
  catchUpWindow,
  invoiceCadence,
  invoiceSchema,
  isInvoiceNumber,
  issuedInvoice,
  doorMonthInvoiceIdOf,
  invoicedElsewhere,
  monthInvoiceIdOf,
  monthlyInvoiceDraft,
  orderInvoiceDraft,
  assertMonthInvoiceable,
  markReissued,
  monthToInvoice,
  reissueDraft,
  reissueInvoiceId,
  voidInvoice,
  type Invoice,
} from './invoice';
import { invoicesCsv } from './invoice-csv';
import { nextPeriod, periodDocId, previousPeriod, periodOfDate, periodOfInstant, rocPeriodLabel, voidDeadline, withinVoidDeadline } from './period';
import { b2bAmounts, b2bAmountsFromTotal, b2cAmounts } from './tax';
import { exampleOf } from '../schema';
import { csvCells, savedByExcel } from '../test-support/excel';

describe('tax split in whole NT$', () => {
  it.each([
    [1000, 50, 1050],
    [838, 42, 880],
    [10, 1, 11], // 0.5 rounds up
    [9, 0, 9], // 0.45 rounds down
    [30, 2, 32],
    [1676, 84, 1760],
  ])('B2B: sales %i → tax %i, total %i', (sales, tax, total) => {
    expect(b2bAmounts(sales)).toEqual({ salesAmount: sales, taxAmount: tax, totalAmount: total });
  });

  it.each([
    [1050, 1000, 50],
    [880, 838, 42],
    [1760, 1676, 84],
    [100, 95, 5],
    [21, 20, 1],
    [1, 1, 0],
  ])('B2C: total %i → sales %i, tax %i (the rest)', (total, sales, tax) => {
    expect(b2cAmounts(total)).toEqual({ salesAmount: sales, taxAmount: tax, totalAmount: total });
  });

  it('B2B from a tax-included charge finds the sales whose 5 % adds up to exactly the charge', () => {
    expect(b2bAmountsFromTotal(880)).toEqual({ salesAmount: 838, taxAmount: 42, totalAmount: 880 });
    expect(b2bAmountsFromTotal(11)).toEqual({ salesAmount: 10, taxAmount: 1, totalAmount: 11 });
    for (let total = 0; total <= 5000; total++) {
      const a = b2bAmountsFromTotal(total);
      expect(a.salesAmount + a.taxAmount).toBe(total);
    }
  });

  it('B2B totals no whole sales reaches (NT$10, 31, 52) take the tax as the rest', () => {
    for (const total of [10, 31, 52]) {
      expect([total - 1, total, total + 1].map((s) => b2bAmounts(s).totalAmount)).not.toContain(total);
      expect(b2bAmountsFromTotal(total)).toEqual(b2cAmounts(total));
    }
  });
});

describe('invoice periods (期別)', () => {
  it.each([
    ['2026-01-01', '2026-01/02'],
    ['2026-02-28', '2026-01/02'],
    ['2026-11-30', '2026-11/12'],
    ['2026-12-31', '2026-11/12'],
    ['2027-01-01', '2027-01/02'],
    ['2026-08-15', '2026-07/08'],
  ])('%s is in %s', (date, period) => {
    expect(periodOfDate(date)).toBe(period);
  });

  it('reads an instant on the Taipei calendar: New Year in Taipei is already the next period', () => {
    expect(periodOfInstant(new Date('2026-12-31T15:59:59Z'))).toBe('2026-11/12');
    expect(periodOfInstant(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01/02');
  });

  it('labels periods in the ROC calendar (AD − 1911)', () => {
    expect(rocPeriodLabel('2026-11/12')).toBe('115年11-12月');
    expect(rocPeriodLabel('2027-01/02')).toBe('116年01-02月');
  });

  it('steps to the next period across the year end and names its book without a slash', () => {
    expect(nextPeriod('2026-11/12')).toBe('2027-01/02');
    expect(nextPeriod('2026-05/06')).toBe('2026-07/08');
    expect(previousPeriod('2027-01/02')).toBe('2026-11/12');
    expect(previousPeriod('2026-07/08')).toBe('2026-05/06');
    expect(periodDocId('2026-11/12')).toBe('2026-11-12');
  });

  it('allows a void through the 13th of the month after the period, in Taipei', () => {
    expect(voidDeadline('2026-11/12')).toBe('2027-01-13');
    expect(voidDeadline('2026-03/04')).toBe('2026-05-13');
    expect(withinVoidDeadline('2026-11/12', new Date('2027-01-13T15:59:59Z'))).toBe(true);
    expect(withinVoidDeadline('2026-11/12', new Date('2027-01-13T16:00:00Z'))).toBe(false);
  });
});

describe('invoice numbers', () => {
  it('are two capital letters and eight digits', () => {
    expect(isInvoiceNumber('AB12345678')).toBe(true);
    for (const bad of ['ab12345678', 'AB1234567', 'A123456789', 'AB123456789', 'AB-2345678']) expect(isInvoiceNumber(bad)).toBe(false);
  });
});

const cashCustomer = aCustomer().withId('cust-1').withCode('C00001').with({ paymentTerms: 'cash', invoice: { carrier: '/ABC1234' } }).build();
const monthlyCustomer = aCustomer()
  .withId('cust-2')
  .withCode('C00002')
  .with({ paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '林記麵館有限公司' } })
  .build();

/** An order of the monthly customer delivered at `at`, on account unless paid otherwise. */
const delivered = (id: string, at: string, quantity = 1, paymentMethod: PaymentMethod = 'monthly'): Order => {
  const order = anOrder().withId(id).forCustomer(monthlyCustomer).with({ items: [{ size: 20, quantity }], paymentMethod }).inStatus('delivered').build();
  return { ...order, delivery: { at, delivered: [{ size: 20, quantity }], emptiesCollected: [], cashCollected: 0 } };
};

describe('who is invoiced when', () => {
  it('invoices cash and transfer customers per delivered order and monthly customers per month', () => {
    expect(invoiceCadence('cash')).toBe('per-order');
    expect(invoiceCadence('transfer')).toBe('per-order');
    expect(invoiceCadence('monthly')).toBe('monthly');
  });

  it('makes out a delivered order of a cash customer to their carrier, as charged', () => {
    const order = anOrder().withId('ord-1').forCustomer(cashCustomer).with({ items: [{ size: 20, quantity: 2 }] }).inStatus('delivered').build();
    const draft = orderInvoiceDraft(order, cashCustomer);
    expect(draft).toMatchObject({
      id: 'inv-ord-1',
      kind: 'B2C',
      buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' },
      lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: order.items[0]?.unitPrice, amount: order.total }],
      amounts: { totalAmount: order.total },
      source: { orderId: 'ord-1' },
    });
  });

  it.each(['cancelled', 'failed', 'scheduled'] as const)('gives a %s order no invoice', (status) => {
    expect(orderInvoiceDraft(anOrder().forCustomer(cashCustomer).inStatus(status).build(), cashCustomer)).toBeNull();
  });

  it('leaves a monthly customer’s delivered order to the month’s invoice', () => {
    expect(orderInvoiceDraft(delivered('ord-m', '2026-11-10T02:00:00Z'), monthlyCustomer)).toBeNull();
    const monthInvoice = { source: { customerId: 'cust-2', month: '2026-11', orderIds: ['ord-m'] } };
    expect(orderInvoiceDraft(delivered('ord-m', '2026-11-10T02:00:00Z'), monthlyCustomer, monthInvoice)).toBeNull();
  });

  it('invoices on its own a monthly customer’s delivery made after the month’s invoice went out', () => {
    const monthInvoice = { source: { customerId: 'cust-2', month: '2026-11', orderIds: ['ord-a'] } };
    const late = delivered('ord-late', '2026-11-30T15:10:00Z');
    expect(orderInvoiceDraft(late, monthlyCustomer, monthInvoice)).toMatchObject({ id: 'inv-ord-late', kind: 'B2B', source: { orderId: 'ord-late' } });
  });

  it('invoices a month on the evening of its last day, and catches up the month before on other days', () => {
    // 30 November 2026 in Taipei (UTC+8) runs from 2026-11-29T16:00Z to 2026-11-30T16:00Z.
    expect(monthToInvoice(new Date('2026-11-30T14:30:00Z'))).toBe('2026-11');
    expect(monthToInvoice(new Date('2026-11-30T16:30:00Z'))).toBe('2026-11');
    expect(monthToInvoice(new Date('2026-11-29T14:30:00Z'))).toBe('2026-10');
    expect(monthToInvoice(new Date('2027-02-28T14:30:00Z'))).toBe('2027-02');
    expect(monthToInvoice(new Date('2028-02-28T14:30:00Z'))).toBe('2028-01');
    expect(() => assertMonthInvoiceable('2026-11', new Date('2026-11-30T14:30:00Z'))).not.toThrow();
    expect(() => assertMonthInvoiceable('2026-11', new Date('2026-11-29T14:30:00Z'))).toThrow(expect.objectContaining({ code: 'INVOICE.MONTH_NOT_ENDED' }));
    expect(() => assertMonthInvoiceable('2026-12', new Date('2026-11-30T14:30:00Z'))).toThrow(expect.objectContaining({ code: 'INVOICE.MONTH_NOT_ENDED' }));
    expect(() => assertMonthInvoiceable('2026-10', new Date('2026-11-02T01:00:00Z'))).not.toThrow();
  });

  it('puts a monthly customer’s month of delivered orders on one B2B invoice, by Taipei day', () => {
    const orders = [
      delivered('ord-a', '2026-11-03T02:00:00Z', 2),
      delivered('ord-b', '2026-11-30T16:30:00Z'), // 1 December in Taipei
      delivered('ord-c', '2026-10-31T16:30:00Z'), // 1 November in Taipei
      { ...delivered('ord-d', '2026-11-12T02:00:00Z'), status: 'failed' as const },
    ];
    const draft = monthlyInvoiceDraft(monthlyCustomer, '2026-11', orders, new Set());
    const unitPrice = orders[0]?.items[0]?.unitPrice ?? 0;
    expect(draft).toMatchObject({
      id: 'inv-cust-2-2026-11',
      kind: 'B2B',
      buyer: { type: 'business', taxId: '22099131', title: '林記麵館有限公司' },
      lines: [{ description: '液化石油氣 20公斤', quantity: 3, unitPrice, amount: 3 * unitPrice }],
      amounts: b2bAmountsFromTotal(3 * unitPrice),
      source: { customerId: 'cust-2', month: '2026-11', orderIds: ['ord-c', 'ord-a'] },
    });
  });

  it('issues no month’s invoice for a month without deliveries on account', () => {
    expect(monthlyInvoiceDraft(monthlyCustomer, '2026-11', [], new Set())).toBeNull();
    expect(monthlyInvoiceDraft(monthlyCustomer, '2026-11', [delivered('ord-a', '2026-11-03T02:00:00Z', 1, 'cash')], new Set())).toBeNull();
  });

  it('invoices a customer moved from cash to monthly terms mid-month: the cash sale before on its own, the month’s invoice only the sales on account', () => {
    const paidCash = delivered('ord-5th', '2026-11-05T02:00:00Z', 1, 'cash');
    const onAccount = delivered('ord-12th', '2026-11-12T02:00:00Z');
    expect(orderInvoiceDraft(paidCash, monthlyCustomer)).toMatchObject({ id: 'inv-ord-5th', source: { orderId: 'ord-5th' } });
    expect(monthlyInvoiceDraft(monthlyCustomer, '2026-11', [paidCash, onAccount], new Set())?.source).toEqual({
      customerId: 'cust-2',
      month: '2026-11',
      orderIds: ['ord-12th'],
    });
  });

  it('invoices a customer moved from monthly to cash terms mid-month: the sales on account before on the month’s invoice, none on its own', () => {
    const onAccount = delivered('ord-3rd', '2026-11-03T02:00:00Z');
    const paidCash = delivered('ord-15th', '2026-11-15T02:00:00Z', 1, 'cash');
    expect(orderInvoiceDraft(onAccount, cashCustomer)).toBeNull();
    expect(orderInvoiceDraft(paidCash, cashCustomer)).toMatchObject({ id: 'inv-ord-15th' });
    expect(monthlyInvoiceDraft(cashCustomer, '2026-11', [onAccount, paidCash], new Set())).toMatchObject({
      id: 'inv-cust-1-2026-11',
      source: { customerId: 'cust-1', month: '2026-11', orderIds: ['ord-3rd'] },
    });
  });

  it('never bills an order both on its own and on its month’s invoice', () => {
    const listed = delivered('ord-listed', '2026-11-05T02:00:00Z', 1, 'cash');
    const monthInvoice = { source: { customerId: 'cust-2', month: '2026-11', orderIds: ['ord-listed'] } };
    expect(orderInvoiceDraft(listed, monthlyCustomer, monthInvoice)).toBeNull();
    const ownAlready = delivered('ord-own', '2026-11-06T02:00:00Z');
    const other = delivered('ord-other', '2026-11-07T02:00:00Z');
    expect(monthlyInvoiceDraft(monthlyCustomer, '2026-11', [ownAlready, other], new Set(['ord-own']))?.source).toMatchObject({ orderIds: ['ord-other'] });
  });

  it('bills a delivery booked late (補登) into the next month on that month’s invoice, as its statement line, never on its door month’s', () => {
    const october = delivered('ord-oct', '2026-10-15T02:00:00Z');
    // Delivered on 31 October, synced once October was closed: booked on 1 November.
    const doorDay = delivered('ord-late', '2026-10-31T10:00:00Z');
    const late: Order = { ...doorDay, delivery: { ...doorDay.delivery!, bookedOn: '2026-11-01' } };
    const november = delivered('ord-nov', '2026-11-05T02:00:00Z');
    const orders = [october, late, november];
    expect(monthlyInvoiceDraft(monthlyCustomer, '2026-10', orders, new Set())?.source).toEqual({ customerId: 'cust-2', month: '2026-10', orderIds: ['ord-oct'] });
    expect(monthlyInvoiceDraft(monthlyCustomer, '2026-11', orders, new Set())?.source).toEqual({ customerId: 'cust-2', month: '2026-11', orderIds: ['ord-late', 'ord-nov'] });
    // The consumer and the catch-up look at November's invoice: it waits for it, or has its own once it went out without it.
    expect(monthInvoiceIdOf(late)).toBe('inv-cust-2-2026-11');
    const novemberInvoice = { source: { customerId: 'cust-2', month: '2026-11', orderIds: ['ord-nov'] } };
    expect(orderInvoiceDraft(late, monthlyCustomer, novemberInvoice)).toMatchObject({ id: 'inv-ord-late', source: { orderId: 'ord-late', deliveredOn: '2026-10-31' } });
    // One invoiced on its own already (its door month's invoice out before the close) stays off November's.
    expect(monthlyInvoiceDraft(monthlyCustomer, '2026-11', orders, new Set(['ord-late']))?.source).toMatchObject({ orderIds: ['ord-nov'] });
  });

  it('keeps a delivery booked late that a run before this rule listed on its door month’s invoice off every other invoice', () => {
    const doorDay = delivered('ord-late', '2026-10-31T10:00:00Z');
    const late: Order = { ...doorDay, delivery: { ...doorDay.delivery!, bookedOn: '2026-11-01' } };
    const november = delivered('ord-nov', '2026-11-05T02:00:00Z');
    expect([doorMonthInvoiceIdOf(late), doorMonthInvoiceIdOf(november)]).toEqual(['inv-cust-2-2026-10', null]);
    // October was closed before its run, which listed the sale by its door day.
    const octoberInvoice = { source: { customerId: 'cust-2', month: '2026-10', orderIds: ['ord-late'] } };
    const novemberInvoice = { source: { customerId: 'cust-2', month: '2026-11', orderIds: ['ord-nov'] } };
    expect(orderInvoiceDraft(late, monthlyCustomer, novemberInvoice, octoberInvoice)).toBeNull();
    const elsewhere = invoicedElsewhere([late, november], new Map([['inv-cust-2-2026-10', octoberInvoice]]));
    expect([...elsewhere]).toEqual(['ord-late']);
    expect(monthlyInvoiceDraft(monthlyCustomer, '2026-11', [late, november], elsewhere)?.source).toMatchObject({ orderIds: ['ord-nov'] });
  });

  it('catches orders’ own invoices up from 00:00 Taipei on the first of the month before the running one, and sales booked late from the first of the month a year before', () => {
    // 23:00 on 1 December in Taipei: the catch-up looks back to 1 November, and for late bookings to 1 December 2025.
    expect(catchUpWindow(new Date('2026-12-01T15:00:00Z'))).toEqual({ since: new Date('2026-10-31T16:00:00Z').toISOString(), bookedSince: '2025-12-01' });
    // 23:00 on 30 November in Taipei (the month's last evening): back to 1 October, and to 1 November 2025.
    expect(catchUpWindow(new Date('2026-11-30T15:00:00Z'))).toEqual({ since: new Date('2026-09-30T16:00:00Z').toISOString(), bookedSince: '2025-11-01' });
  });

  it('prints the invoice for a customer with neither tax id nor carrier, and names the company by its name without a title', () => {
    expect(buyerOf({ name: '王小姐', invoice: {} })).toEqual({ type: 'print' });
    expect(buyerOf({ name: '王記', invoice: { taxId: '22099131' } })).toEqual({ type: 'business', taxId: '22099131', title: '王記' });
    expect(buyerOf({ name: '王小姐', invoice: { carrier: 'AB12345678901234' } })).toEqual({ type: 'carrier', carrierType: 'citizen', carrierCode: 'AB12345678901234' });
  });
});

describe('issuing and voiding', () => {
  const order = anOrder().withId('ord-1').forCustomer(cashCustomer).inStatus('delivered').build();
  const draft = orderInvoiceDraft(order, cashCustomer);
  if (!draft) throw new Error('draft expected');
  const invoice: Invoice = issuedInvoice(draft, { number: 'AB00000001', randomNumber: '0427', issuedAt: new Date('2026-12-31T17:00:00Z'), providerRef: 'ref' }, 'local-book');

  it('dates an invoice in the Taipei period of its issue, with its void deadline', () => {
    expect(invoice).toMatchObject({ period: '2027-01/02', periodLabel: '116年01-02月', voidableUntil: '2027-03-13', status: 'issued' });
    expect(invoiceSchema.parse(invoice)).toEqual(invoice);
  });

  it('voids until the deadline, keeping who and why', () => {
    const voided = voidInvoice(invoice, { reason: '開錯' }, { by: OFFICE, now: new Date('2027-03-13T10:00:00Z') });
    expect(voided).toMatchObject({ status: 'void', voidReason: '開錯', voidedBy: OFFICE, voidedAt: '2027-03-13T10:00:00.000Z' });
    expect(() => assertCanVoid(voided, new Date('2027-03-13T10:00:00Z'))).toThrow(expect.objectContaining({ code: 'INVOICE.ALREADY_VOID', kind: 'conflict' }));
  });

  it('refuses a void after the 13th following the period', () => {
    expect(() => voidInvoice(invoice, { reason: '開錯' }, { by: OFFICE, now: new Date('2027-03-13T16:00:00Z') })).toThrow(
      expect.objectContaining({ code: 'INVOICE.VOID_DEADLINE_PASSED', kind: 'precondition', details: { voidableUntil: '2027-03-13' } }),
    );
  });

  it('exports a period for the accountant with headers in the caller’s language', () => {
    const voided = voidInvoice({ ...invoice, number: 'AB00000002', id: 'inv-2' }, { reason: '開錯' }, { by: OFFICE, now: new Date('2027-01-02T02:00:00Z') });
    const zh = invoicesCsv([voided, invoice], 'zh-TW').split('\r\n');
    expect(zh[0]).toBe('\uFEFF發票號碼,隨機碼,開立日期,期別,類別,狀態,客戶代號,客戶名稱,買方統一編號,買方名稱,載具類別,載具號碼,愛心碼,銷售額,稅額,總計,作廢日期,作廢原因,來源');
    expect(zh[1]).toBe(`AB00000001,"=""0427""",2027-01-01,2027-01/02,二聯式 (B2C),開立,C00001,${cashCustomer.name},,,手機條碼,/ABC1234,,${invoice.amounts.salesAmount},${invoice.amounts.taxAmount},${invoice.amounts.totalAmount},,,ord-1`);
    expect(zh[2]).toContain(',作廢,');
    expect(zh[2]).toContain(',2027-01-02,開錯,');
    expect(invoicesCsv([invoice], 'en').split('\r\n')[0]).toMatch(/^\uFEFFInvoice number,Random number,Issued on/);
  });

  it('adds under the invoices each month’s subtotal by the Taipei day issued, the voided ones apart, for the accountant closing a month', () => {
    // 2027-02-28T16:30Z is March 1st in Taipei.
    const february = { ...invoice, id: 'inv-f', number: 'AB00000005', issuedAt: '2027-02-10T02:00:00.000Z', amounts: b2cAmounts(1_700) };
    const march = { ...invoice, id: 'inv-m', number: 'AB00000006', issuedAt: '2027-02-28T16:30:00.000Z' };
    const voided = voidInvoice({ ...invoice, number: 'AB00000002', id: 'inv-2' }, { reason: '開錯' }, { by: OFFICE, now: new Date('2027-01-02T02:00:00Z') });
    const lines = invoicesCsv([march, february, voided, invoice], 'zh-TW').split('\r\n');
    const total = invoice.amounts;
    expect(lines.slice(5)).toEqual([
      '',
      '每月小計（依開立日期，作廢的另計）',
      '月份,張數,銷售額,稅額,總計,作廢張數,作廢總計',
      `2027-01,1,${total.salesAmount},${total.taxAmount},${total.totalAmount},1,${total.totalAmount}`,
      `2027-02,1,${february.amounts.salesAmount},${february.amounts.taxAmount},1700,0,0`,
      `2027-03,1,${total.salesAmount},${total.taxAmount},${total.totalAmount},0,0`,
      '',
    ]);
    expect(invoicesCsv([invoice], 'en')).toContain('Month,Invoices,Sales,Tax,Total,Voided,Voided total');
  });

  it('writes 隨機碼, 買方統一編號 and 愛心碼 so the accountant\'s Excel keeps them as text: 0427 and 00000070, not 427 and 70', () => {
    const b2b: Invoice = { ...invoice, id: 'inv-b', number: 'AB00000003', kind: 'B2B', buyer: { type: 'business', taxId: '00000070', title: '林記' } };
    const donated: Invoice = { ...invoice, id: 'inv-d', number: 'AB00000004', randomNumber: '0090', buyer: { type: 'donation', loveCode: '0801' } };
    const [headers = [], ...all] = csvCells(savedByExcel(invoicesCsv([invoice, b2b, donated], 'zh-TW')));
    // The invoices' rows, above the blank line that opens the monthly subtotals.
    const rows = all.slice(0, all.findIndex((row) => row.join('') === ''));
    const column = (name: string) => rows.map((row) => row[headers.indexOf(name)]);
    expect(column('發票號碼')).toEqual(['AB00000001', 'AB00000003', 'AB00000004']);
    expect(column('隨機碼')).toEqual(['0427', '0427', '0090']);
    expect(column('買方統一編號')).toEqual(['', '00000070', '']);
    expect(column('買方名稱')).toEqual(['', '林記', '']);
    expect(column('載具號碼')).toEqual(['/ABC1234', '', '']);
    expect(column('愛心碼')).toEqual(['', '', '0801']);
    expect(column('總計')).toEqual([String(invoice.amounts.totalAmount), String(invoice.amounts.totalAmount), String(invoice.amounts.totalAmount)]);
  });

  it('documents an example invoice that is valid', () => {
    expect(invoiceSchema.safeParse(exampleOf(invoiceSchema)).success).toBe(true);
    expect(b2bAmountsFromTotal(1760)).toEqual({ salesAmount: 1676, taxAmount: 84, totalAmount: 1760 });
  });
});

describe('reissuing a void invoice (重新開立)', () => {
  const order = anOrder().withId('ord-9').forCustomer(cashCustomer).with({ items: [{ size: 20, quantity: 2 }] }).inStatus('delivered').build();
  const draft = orderInvoiceDraft(order, cashCustomer);
  if (!draft) throw new Error('draft expected');
  const issued = issuedInvoice(draft, { number: 'AB00000009', randomNumber: '0427', issuedAt: new Date('2026-11-20T02:00:00Z'), providerRef: 'ref' }, 'local-book');
  const voided = voidInvoice(issued, { reason: '統一編號漏填' }, { by: OFFICE, now: new Date('2026-11-21T02:00:00Z') });
  const fixed = { ...cashCustomer, invoice: { taxId: '22099131', companyTitle: '王記小吃有限公司' } };

  it('bills the same order and total, made out as the customer is now: a 統一編號 added makes it B2B', () => {
    // 2 × NT$880 = NT$1,760: B2B splits it 1,676 + 84, as the void B2C one did.
    const priced = { ...voided, lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 }], amounts: b2cAmounts(1760) };
    expect(reissueDraft(priced, fixed)).toEqual({
      id: 'inv-ord-9-r1',
      kind: 'B2B',
      customer: priced.customer,
      buyer: { type: 'business', taxId: '22099131', title: '王記小吃有限公司' },
      lines: [{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 }],
      amounts: { salesAmount: 1676, taxAmount: 84, totalAmount: 1760 },
      source: { orderId: 'ord-9' },
      reissueOf: 'inv-ord-9',
    });
  });

  it('keeps a monthly invoice’s month and orders, and takes a corrected carrier', () => {
    const month = { ...voided, id: 'inv-cust-1-2026-11', source: { customerId: 'cust-1', month: '2026-11', orderIds: ['ord-a', 'ord-b'] } };
    const draftAgain = reissueDraft(month, { ...cashCustomer, invoice: { carrier: '/XYZ9876' } });
    expect(draftAgain).toMatchObject({ id: 'inv-cust-1-2026-11-r1', kind: 'B2C', buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/XYZ9876' }, source: month.source });
    expect(draftAgain.amounts).toEqual(b2cAmounts(voided.amounts.totalAmount));
  });

  it('numbers a reissue of a reissue -r2, -r3, never -r1-r1', () => {
    expect(reissueInvoiceId({ id: 'inv-ord-9' })).toBe('inv-ord-9-r1');
    expect(reissueInvoiceId({ id: 'inv-ord-9-r1', reissueOf: 'inv-ord-9' })).toBe('inv-ord-9-r2');
    expect(reissueInvoiceId({ id: 'inv-ord-9-r2', reissueOf: 'inv-ord-9-r1' })).toBe('inv-ord-9-r3');
    // An order whose own id ends like a reissue is not taken for one.
    expect(reissueInvoiceId({ id: 'inv-ord-x-r4' })).toBe('inv-ord-x-r4-r1');
  });

  it('refuses an invoice that is not void (422), and one already reissued (409, naming the reissue)', () => {
    expect(() => reissueDraft(issued, fixed)).toThrow(expect.objectContaining({ code: 'INVOICE.NOT_VOID', kind: 'precondition' }));
    const marked = markReissued(voided, { id: 'inv-ord-9-r1', number: 'AB00000010' });
    expect(marked).toMatchObject({ status: 'void', reissuedAs: 'inv-ord-9-r1', reissuedNumber: 'AB00000010' });
    expect(invoiceSchema.parse(marked)).toEqual(marked);
    expect(() => reissueDraft(marked, fixed)).toThrow(
      expect.objectContaining({ code: 'INVOICE.ALREADY_REISSUED', kind: 'conflict', details: { reissuedAs: 'inv-ord-9-r1', number: 'AB00000010' } }),
    );
    expect(() => markReissued(marked, { id: 'inv-ord-9-r1', number: 'AB00000010' })).toThrow(expect.objectContaining({ code: 'INVOICE.ALREADY_REISSUED' }));
  });

  it('issues the reissue as a new invoice of the period it is issued in, pointing back at the void one', () => {
    const reissued = issuedInvoice(reissueDraft(voided, fixed), { number: 'CD00000001', randomNumber: '1111', issuedAt: new Date('2027-01-05T02:00:00Z'), providerRef: 'ref' }, 'local-book');
    expect(reissued).toMatchObject({ id: 'inv-ord-9-r1', reissueOf: 'inv-ord-9', period: '2027-01/02', status: 'issued', number: 'CD00000001' });
    expect(invoiceSchema.parse(reissued)).toEqual(reissued);
  });
});
