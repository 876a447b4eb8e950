/**
 * The statements of a chain (分店／總公司付款): a head office's month lists its own deliveries and, apart, each branch's,
 * and its totals and balances are those of the whole chain, what the head office pays; a branch's statement names the
 * head office that pays it. Each statement is built like every customer's (`buildStatement`) and the chain's is their sum,
 * so its closing balance is the head office's balance as the receivables ledger works it out.
 */
import type { Customer } from '../customers/customer';
import { payerRefSchema, refOf } from '../customers/payer';
import { sumBySize, sizeQuantityListSchema } from '../cylinders';
import { moneySchema, z } from '../schema';
import { monthBounds, statementSchema, type AccountSums, type Statement } from './statement';

const statementLineSchema = statementSchema.shape.lines.element;

/** One branch in its head office's statement: its deliveries of the month and what they came to. */
export const branchStatementSchema = z
  .object({
    customer: z.object({ id: z.string(), code: z.string(), name: z.string(), address: z.string() }),
    lines: z.array(statementLineSchema),
    /** The branch's invoice of the month (月結, made out to the head office), once issued. */
    monthInvoice: statementSchema.shape.monthInvoice,
    totals: z.object({
      charges: moneySchema,
      cashCollected: moneySchema,
      /** Charges less cash collected. */
      amountDue: z.number().int(),
      /** Allowances (折讓) on the branch's invoices issued in the month. */
      allowances: moneySchema,
      cylinders: sizeQuantityListSchema,
      emptiesCollected: sizeQuantityListSchema,
    }),
  })
  .openapi('BranchStatement');
export type BranchStatement = z.infer<typeof branchStatementSchema>;

export const chainStatementSchema = statementSchema
  .extend({
    /** A branch's: the head office that pays its deliveries on account, whose statement and balance carry them. */
    payer: payerRefSchema.optional(),
    /** A head office's: each branch it paid for in the month, in code order; `totals` and the lists above are the whole chain's. */
    branches: z.array(branchStatementSchema).optional(),
  })
  .openapi('ChainStatement');
export type ChainStatement = z.infer<typeof chainStatementSchema>;

const NO_SUMS: AccountSums = { charges: 0, cashCollected: 0, payments: 0, allowances: 0, refunds: 0 };

/** The sums of several accounts together: a head office's with its branches'. */
export const addAccounts = (accounts: readonly AccountSums[]): AccountSums =>
  accounts.reduce(
    (sum, a) => ({
      charges: sum.charges + a.charges,
      cashCollected: sum.cashCollected + a.cashCollected,
      payments: sum.payments + a.payments,
      allowances: sum.allowances + a.allowances,
      refunds: sum.refunds + a.refunds,
    }),
    NO_SUMS,
  );

/** The branches that belong in a head office's statement of a month: those linked by its end. */
export const branchesOfMonth = <B extends Pick<Customer, 'payerSince'>>(branches: readonly B[], month: string): B[] =>
  branches.filter((b) => b.payerSince !== undefined && b.payerSince < monthBounds(month).until);

const byDay = <T>(key: (t: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));

/** The head office's own statement with its branches' (each built like every customer's): the whole chain's month. */
export function chainStatement(own: Statement, branches: readonly Statement[]): ChainStatement {
  const all = [own, ...branches];
  const sum = (pick: (t: Statement['totals']) => number) => all.reduce((total, s) => total + pick(s.totals), 0);
  return {
    ...own,
    payments: all.flatMap((s) => s.payments).sort(byDay((p) => p.receivedOn)),
    allowances: all.flatMap((s) => s.allowances).sort(byDay((a) => a.issuedAt)),
    refunds: all.flatMap((s) => s.refunds).sort(byDay((r) => r.paidOn)),
    totals: {
      openingBalance: sum((t) => t.openingBalance),
      charges: sum((t) => t.charges),
      cashCollected: sum((t) => t.cashCollected),
      amountDue: sum((t) => t.amountDue),
      payments: sum((t) => t.payments),
      allowances: sum((t) => t.allowances),
      refunds: sum((t) => t.refunds),
      closingBalance: sum((t) => t.closingBalance),
      cylinders: sumBySize(all.map((s) => s.totals.cylinders)),
      emptiesCollected: sumBySize(all.map((s) => s.totals.emptiesCollected)),
    },
    branches: branches.map((b) => ({
      customer: { id: b.customer.id, code: b.customer.code, name: b.customer.name, address: b.customer.address },
      lines: b.lines,
      ...(b.monthInvoice ? { monthInvoice: b.monthInvoice } : {}),
      totals: {
        charges: b.totals.charges,
        cashCollected: b.totals.cashCollected,
        amountDue: b.totals.amountDue,
        allowances: b.totals.allowances,
        cylinders: b.totals.cylinders,
        emptiesCollected: b.totals.emptiesCollected,
      },
    })),
  };
}

/** A branch's own statement, naming the head office whose statement and balance carry its deliveries. */
export const branchOwnStatement = (own: Statement, payer: Pick<Customer, 'id' | 'code' | 'name'>): ChainStatement => ({ ...own, payer: refOf(payer) });
