import { exampleOf } from '../schema';
import {
  allowanceAmounts,
  allowanceDraft,
  allowanceInputSchema,
  allowanceNumberOf,
  allowanceSchema,
  allowanceTotals,
  allowedTotal,
  cancelAllowance,
  issuedAllowance,
  lineRemaining,
  remainingOf,
  type Allowance,
  type AllowanceInput,
} from './allowance';
import { allowancesCsv } from './allowance-csv';
import { assertCanVoid, type Invoice } from './invoice';
import { b2bAmountsFromTotal, b2cAmounts } from './tax';

const OFFICE = { uid: 'u-office', role: 'office' } as const;

const invoice = (overrides: Partial<Invoice> = {}): Invoice => ({
  id: 'inv-ord-1',
  kind: 'B2C',
  customer: { id: 'cust-1', code: 'C00001', name: '王小姐', address: '台北市' },
  buyer: { type: 'print' },
  lines: [
    { description: '液化石油氣 20公斤', quantity: 2, unitPrice: 880, amount: 1760 },
    { description: '液化石油氣 4公斤', quantity: 1, unitPrice: 300, amount: 300 },
  ],
  amounts: b2cAmounts(2060),
  source: { orderId: 'ord-1' },
  number: 'AB00001000',
  randomNumber: '0427',
  period: '2026-11/12',
  periodLabel: '115年11-12月',
  issuedAt: '2026-11-28T06:12:00.000Z',
  status: 'issued',
  voidableUntil: '2027-01-13',
  provider: 'local-book',
  providerRef: 'ref',
  ...overrides,
});

const JANUARY = new Date('2027-01-20T03:00:00Z');
let serial = 0;
function allowanceOf(inv: Invoice, earlier: Allowance[], input: AllowanceInput, at = JANUARY): Allowance {
  serial += 1;
  const draft = allowanceDraft(inv, earlier, input, { id: `alw-${serial}`, by: OFFICE });
  return issuedAllowance(draft, { number: allowanceNumberOf('2027-01-20', serial), issuedAt: at, providerRef: 'x' }, 'local-book');
}

describe('allowance (折讓) against an issued invoice', () => {
  it('reduces a line by whole cylinders at the invoice’s unit price, dated and numbered in its own period', () => {
    const a = allowanceOf(invoice(), [], { reason: '退回一支', lines: [{ invoiceLine: 0, quantity: 1 }] });
    expect(a.lines).toEqual([{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: 880, amount: 880, invoiceLine: 0 }]);
    expect(a.amounts).toEqual(b2cAmounts(880));
    expect(a).toMatchObject({ period: '2027-01/02', periodLabel: '116年01-02月', cancellableUntil: '2027-03-13', status: 'issued', invoiceNumber: 'AB00001000', issuedBy: OFFICE });
    expect(allowanceSchema.parse(a)).toEqual(a);
  });

  it('takes a lower unit price for a price correction, and an amount as one 銷貨折讓 line', () => {
    const corrected = allowanceOf(invoice(), [], { reason: '單價更正', lines: [{ invoiceLine: 0, quantity: 2, unitPrice: 30 }] });
    expect(corrected.amounts.totalAmount).toBe(60);
    const byAmount = allowanceOf(invoice(), [], { reason: '補貼', amount: 100 });
    expect(byAmount.lines).toEqual([{ description: '銷貨折讓', quantity: 1, unitPrice: 100, amount: 100 }]);
  });

  it('splits a B2B allowance as a B2B invoice: the whole-NT$ sales whose 5 % tax makes the total', () => {
    const b2b = invoice({ kind: 'B2B', buyer: { type: 'business', taxId: '22099131', title: '林記' }, amounts: b2bAmountsFromTotal(2060) });
    const a = allowanceOf(b2b, [], { reason: '退回', lines: [{ invoiceLine: 0, quantity: 1 }] });
    expect(a.amounts).toEqual({ salesAmount: 838, taxAmount: 42, totalAmount: 880 });
    expect(a.amounts).toEqual(b2bAmountsFromTotal(880));
  });

  it('gives the allowance that takes all that is left exactly the invoice’s sales and tax not yet allowed', () => {
    const inv = invoice({ lines: [{ description: '液化石油氣 20公斤', quantity: 3, unitPrice: 10, amount: 30 }], amounts: b2cAmounts(30) });
    const first = allowanceOf(inv, [], { reason: 'a', lines: [{ invoiceLine: 0, quantity: 1 }] });
    const second = allowanceOf(inv, [first], { reason: 'b', lines: [{ invoiceLine: 0, quantity: 1 }] });
    const last = allowanceOf(inv, [first, second], { reason: 'c', lines: [{ invoiceLine: 0, quantity: 1 }] });
    const sum = allowanceTotals([first, second, last]);
    expect(sum).toEqual({ count: 3, ...inv.amounts });
  });

  it('never takes more tax than is left', () => {
    const inv = invoice({ amounts: { salesAmount: 2059, taxAmount: 1, totalAmount: 2060 } });
    expect(allowanceAmounts(inv, [], 300)).toEqual({ salesAmount: 299, taxAmount: 1, totalAmount: 300 });
  });

  it('refuses a line beyond what is left of it after earlier allowances, more cylinders or a higher price than billed, or an unknown line', () => {
    const inv = invoice();
    const first = allowanceOf(inv, [], { reason: 'a', lines: [{ invoiceLine: 0, quantity: 2, unitPrice: 800 }] });
    expect(lineRemaining(inv, [first], 0)).toBe(160);
    expect(() => allowanceOf(inv, [first], { reason: 'b', lines: [{ invoiceLine: 0, quantity: 1 }] })).toThrow(
      expect.objectContaining({ code: 'INVOICE.ALLOWANCE_LINE_EXCEEDED', kind: 'precondition', details: { line: 1, quantity: 2, unitPrice: 880, amountLeft: 160 } }),
    );
    expect(() => allowanceOf(inv, [], { reason: 'b', lines: [{ invoiceLine: 1, quantity: 2 }] })).toThrow(expect.objectContaining({ code: 'INVOICE.ALLOWANCE_LINE_EXCEEDED' }));
    expect(() => allowanceOf(inv, [], { reason: 'b', lines: [{ invoiceLine: 1, quantity: 1, unitPrice: 301 }] })).toThrow(expect.objectContaining({ code: 'INVOICE.ALLOWANCE_LINE_EXCEEDED' }));
    expect(() =>
      allowanceOf(inv, [], {
        reason: 'b',
        lines: [
          { invoiceLine: 1, quantity: 1 },
          { invoiceLine: 1, quantity: 1 },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'INVOICE.ALLOWANCE_LINE_EXCEEDED' }));
    expect(() => allowanceOf(inv, [], { reason: 'b', lines: [{ invoiceLine: 2, quantity: 1 }] })).toThrow(expect.objectContaining({ code: 'INVOICE.ALLOWANCE_LINE_UNKNOWN', kind: 'validation' }));
  });

  it('never lets the invoice’s allowances add up to more than its total; a cancelled one frees its amount', () => {
    const inv = invoice();
    const first = allowanceOf(inv, [], { reason: 'a', amount: 2000 });
    expect(remainingOf(inv, [first])).toBe(60);
    expect(() => allowanceOf(inv, [first], { reason: 'b', amount: 61 })).toThrow(expect.objectContaining({ code: 'INVOICE.ALLOWANCE_EXCEEDS_INVOICE', details: { remaining: 60 } }));
    const cancelled = cancelAllowance(first, { reason: '開錯' }, { by: OFFICE, now: JANUARY });
    expect(allowedTotal([cancelled])).toBe(0);
    expect(allowanceOf(inv, [cancelled], { reason: 'b', amount: 2060 }).amounts).toEqual(inv.amounts);
  });

  it('refuses a void invoice', () => {
    expect(() => allowanceOf(invoice({ status: 'void' }), [], { reason: 'a', amount: 1 })).toThrow(expect.objectContaining({ code: 'INVOICE.ALREADY_VOID', kind: 'conflict' }));
  });

  it('cancels until the 13th after its own period, once', () => {
    const a = allowanceOf(invoice(), [], { reason: 'a', amount: 100 });
    const cancelled = cancelAllowance(a, { reason: '開錯' }, { by: OFFICE, now: new Date('2027-03-13T15:59:00Z') });
    expect(cancelled).toMatchObject({ status: 'void', cancelReason: '開錯', cancelledBy: OFFICE, cancelledAt: '2027-03-13T15:59:00.000Z' });
    expect(() => cancelAllowance(cancelled, { reason: 'x' }, { by: OFFICE, now: JANUARY })).toThrow(expect.objectContaining({ code: 'INVOICE.ALLOWANCE_ALREADY_VOID', kind: 'conflict' }));
    expect(() => cancelAllowance(a, { reason: 'x' }, { by: OFFICE, now: new Date('2027-03-13T16:00:00Z') })).toThrow(
      expect.objectContaining({ code: 'INVOICE.ALLOWANCE_CANCEL_DEADLINE_PASSED', details: { cancellableUntil: '2027-03-13' } }),
    );
  });

  it('keeps an invoice with live allowances from being voided', () => {
    expect(() => assertCanVoid(invoice({ allowedTotal: 880 }), new Date('2026-12-01T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'INVOICE.HAS_ALLOWANCES', kind: 'conflict' }));
    expect(() => assertCanVoid(invoice({ allowedTotal: 0 }), new Date('2026-12-01T00:00:00Z'))).not.toThrow();
  });

  it('numbers AL + Taipei day + a 4-digit sequence', () => {
    expect(allowanceNumberOf('2027-01-20', 7)).toBe('AL202701200007');
  });

  it('asks for lines or an amount, one of the two, and a reason; its examples are valid', () => {
    expect(allowanceInputSchema.safeParse({ reason: 'x', amount: 1 }).success).toBe(true);
    const both = allowanceInputSchema.safeParse({ reason: 'x', amount: 1, lines: [{ invoiceLine: 0, quantity: 1 }] });
    expect(both.error?.issues[0]?.message).toBe('INVOICE.ALLOWANCE_LINES_OR_AMOUNT');
    expect(allowanceInputSchema.safeParse({ reason: 'x' }).success).toBe(false);
    expect(allowanceInputSchema.safeParse({ reason: ' ', amount: 1 }).success).toBe(false);
    expect(allowanceInputSchema.safeParse({ reason: 'x', amount: 0 }).success).toBe(false);
    expect(allowanceInputSchema.safeParse(exampleOf(allowanceInputSchema)).success).toBe(true);
    expect(allowanceSchema.safeParse(exampleOf(allowanceSchema)).success).toBe(true);
  });
});

describe('allowances CSV for the accountant', () => {
  it('lists one row per allowance by number, cancelled ones kept, headers in the caller’s language', () => {
    const b2b = invoice({ kind: 'B2B', buyer: { type: 'business', taxId: '22099131', title: '林記' }, amounts: b2bAmountsFromTotal(2060) });
    const first = allowanceOf(b2b, [], { reason: '退回一支', lines: [{ invoiceLine: 0, quantity: 1 }] });
    const second = cancelAllowance(allowanceOf(b2b, [first], { reason: '開錯', amount: 10 }), { reason: '重開' }, { by: OFFICE, now: JANUARY });
    const rows = allowancesCsv([second, first], 'zh-TW').replace('\uFEFF', '').split('\r\n');
    expect(rows[0]).toBe('折讓單號,折讓日期,期別,狀態,原發票號碼,原發票日期,類別,客戶代號,客戶名稱,買方統一編號,買方名稱,銷售額,稅額,總計,折讓原因,作廢日期,作廢原因');
    expect(rows[1]).toBe(`${first.number},2027-01-20,2027-01/02,開立,AB00001000,2026-11-28,三聯式 (B2B),C00001,王小姐,"=""22099131""",林記,838,42,880,退回一支,,`);
    expect(rows[2]).toBe(`${second.number},2027-01-20,2027-01/02,作廢,AB00001000,2026-11-28,三聯式 (B2B),C00001,王小姐,"=""22099131""",林記,10,0,10,開錯,2027-01-20,重開`);
    expect(allowancesCsv([], 'en').split('\r\n')[0]).toContain('Allowance number,Allowed on');
  });
});
