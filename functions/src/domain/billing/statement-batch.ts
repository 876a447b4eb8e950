import { z } from '../schema';
import { chainStatementSchema, type ChainStatement } from './chain-statement';
import { statementMonthSchema } from './statement';

/** How many customers one call of the month's batch looks at: each is a statement's dozen queries, and a call must end well inside the function's timeout. */
export const STATEMENT_BATCH_PAGE = 10;

/** `GET /api/statements?month=` (月結對帳單批次): one page of the month's batch, customers in code order. */
export const statementBatchQuerySchema = z.object({
  month: statementMonthSchema,
  after: z.string().min(1).max(40).optional().openapi({ description: 'The `next` of the page before: the code of the last customer it looked at', example: 'C00120' }),
  limit: z.coerce.number().int().min(1).max(50).default(STATEMENT_BATCH_PAGE),
});

export const statementBatchPageSchema = z.object({
  month: statementMonthSchema,
  /** The statements of the customers looked at that belong in the batch (`inStatementBatch`), in code order. */
  items: z.array(chainStatementSchema),
  /** How many customers this page looked at, those left out included. */
  scanned: z.number().int().min(0),
  /** Where the next page starts; absent on the last page. */
  next: z.string().optional(),
});
export type StatementBatchPage = z.infer<typeof statementBatchPageSchema>;

/**
 * Whether a customer's statement of the month goes out with the month's batch (print run): money moved on the account
 * (charges on account, a payment, an allowance, a refund, something owed at the door) or a balance stands at either end.
 * A cash customer who paid at the door for everything gets none: there is nothing to settle. A branch whose head office
 * pays (分店／總公司付款) gets none either: its deliveries are on the head office's.
 */
export function inStatementBatch(s: ChainStatement): boolean {
  if (s.payer) return false;
  const t = s.totals;
  const chargedOnAccount = s.customer.paymentTerms !== 'cash' && t.charges > 0;
  return chargedOnAccount || t.amountDue !== 0 || t.openingBalance !== 0 || t.closingBalance !== 0 || s.payments.length > 0 || s.allowances.length > 0 || s.refunds.length > 0;
}
