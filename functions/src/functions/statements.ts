import { http } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreDepositStore } from '../adapters/firestore/deposit-store';
import { firestorePaymentStore } from '../adapters/firestore/payment-store';
import { firestoreRefundStore } from '../adapters/firestore/refund-store';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { firestoreStatementStore } from '../adapters/firestore/statement-store';
import { firestoreInvoiceStore } from '../adapters/invoicing/invoice-store';
import {
  assertStatementMonth,
  branchesOfMonth,
  branchOwnStatement,
  buildStatement,
  chainStatement,
  chainStatementSchema,
  inStatementBatch,
  monthBounds,
  previousMonth,
  statementCsv,
  statementInvoiceIds,
  STATEMENT_BATCH_PAGE,
  statementBatchPageSchema,
  statementBatchQuerySchema,
  statementMonthSchema,
  taipeiMonth,
  withInvoices,
  type ChainStatement,
  type Statement,
  type StatementBatchPage,
} from '../domain/billing';
import type { Customer } from '../domain/customers';
import { assertCanReadCustomer } from '../domain/customers/permissions';
import { docIdSchema, z } from '../domain/schema';
import type { Principal } from '../http/auth/principal';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import { mapConcurrently } from './use-cases/concurrently';

const params = z.object({ customerId: docIdSchema });
const query = z.object({ month: statementMonthSchema.optional() });
const STAFF_AND_CUSTOMER = ['admin', 'office', 'customer'] as const;
/** Statements worked out at once in a batch page: each is a dozen small queries. */
const BATCH_CONCURRENCY = 8;

/**
 * A customer's statement for a month (default: last month in Taipei), with its balances and the invoice each line was
 * billed on; another customer's is "not found".
 */
async function statementFor(principal: Principal, customerId: string, month: string | undefined): Promise<ChainStatement> {
  assertCanReadCustomer(principal, customerId);
  const c = await container();
  const now = c.clock.now();
  const customer = await firestoreCustomerStore(c.db).get(customerId);
  const wanted = month ?? previousMonth(taipeiMonth(now));
  // Before any read: a month not begun has nothing to query.
  assertStatementMonth(wanted, now);
  return customerStatement(c, customer, wanted, now);
}

/**
 * A customer's statement as they get it: a head office's is its chain's (`chainStatement`: its branches linked by the
 * month's end, each apart); a branch's names its head office.
 */
async function customerStatement(c: Container, customer: Customer, month: string, now: Date): Promise<ChainStatement> {
  const customers = firestoreCustomerStore(c.db);
  const [own, branches, payer] = await Promise.all([
    statementOf(c, customer, month, now),
    customers.branchesOf(customer.id),
    customer.payerId ? customers.get(customer.payerId) : null,
  ]);
  if (payer) return branchOwnStatement(own, payer);
  const ofMonth = branchesOfMonth(branches, month);
  if (ofMonth.length === 0) return own;
  return chainStatement(own, await Promise.all(ofMonth.map((b) => statementOf(c, b, month, now))));
}

/**
 * One page of a month's batch (月結對帳單批次): the next `limit` customers by code who may have one (not a branch whose
 * head office pays; on account, or on the receivables ledger, where a cash customer who owes is), each one's statement
 * worked out as it is alone and kept when it belongs in the batch. Pages keep every call short, whatever the customer count.
 */
async function statementBatchPage(month: string, after: string | undefined, limit: number): Promise<StatementBatchPage> {
  const c = await container();
  const now = c.clock.now();
  assertStatementMonth(month, now);
  const [all, listed] = await Promise.all([firestoreCustomerStore(c.db).all(), firestoreReceivableStore(c.db).customerIds()]);
  const onLedger = new Set(listed);
  const candidates = all.filter((x) => !x.payerId && (x.paymentTerms !== 'cash' || onLedger.has(x.id)) && (after === undefined || x.code > after));
  const page = candidates.slice(0, limit);
  const statements = await mapConcurrently(page, BATCH_CONCURRENCY, (customer) => customerStatement(c, customer, month, now));
  const last = page[page.length - 1];
  return {
    month,
    items: statements.filter(inStatementBatch),
    scanned: page.length,
    ...(last && candidates.length > page.length ? { next: last.code } : {}),
  };
}

/** One customer's own statement of a month, with the invoice each line was billed on. */
async function statementOf(c: Container, customer: Customer, month: string, now: Date): Promise<Statement> {
  const statements = firestoreStatementStore(c.db);
  const { firstDay, lastDay } = monthBounds(month);
  const [orders, before, payments, allowances, refunds, deposits] = await Promise.all([
    statements.deliveredIn(customer.id, month),
    statements.accountBefore(customer.id, month),
    firestorePaymentStore(c.db).receivedBetween(customer.id, firstDay, lastDay),
    statements.allowancesIn(customer.id, month),
    firestoreRefundStore(c.db).paidBetween(customer.id, firstDay, lastDay),
    firestoreDepositStore(c.db).since(customer.id, firstDay),
  ]);
  const statement = buildStatement(customer, month, orders, { before, payments, allowances, refunds, deposits }, now);
  // After the orders: the invoices read are those of the month's lines.
  const invoices = await firestoreInvoiceStore(c.db).billed(statementInvoiceIds(customer.id, month, statement.lines));
  return withInvoices(statement, invoices);
}

/** Monthly statements (月結對帳單): the office reads any customer's, a customer their own. */
export const statementsFunction: HttpFunctionDef = {
  name: 'statements',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office'],
      docs: {
        summary: "A month's statements of every customer who gets one (月結對帳單批次, the month-end print run), a page at a time in customer code order",
        description:
          "Each statement as `GET /api/statements/{customerId}` answers it. A customer gets one when money moved on their account in the month (charges on account, something left owing at the door, a payment, an allowance, a refund) or a balance stands at its start or end; a branch whose head office pays is in the head office's. " +
          `A page looks at \`limit\` customers (default ${STATEMENT_BATCH_PAGE}) and lists those of them that get one, so a page may list fewer, even none; \`next\`, when present, is the \`after\` of the next page. A month not yet begun answers 422 (STATEMENT.MONTH_IN_FUTURE).`,
        response: statementBatchPageSchema,
      },
      query: statementBatchQuerySchema,
      async handle({ query: q }) {
        return { body: await statementBatchPage(q.month, q.after, q.limit) };
      },
    }),
    route({
      method: 'GET',
      path: '/:customerId',
      roles: STAFF_AND_CUSTOMER,
      docs: {
        summary:
          "A customer's statement for a Taipei month (default last month): orders delivered, charges, cash collected, amount due, the month's payments, allowances (折讓) and refunds (退款), opening and closing balances, and apart from them the month's deposits (押金) and the deposit held at its end; each order with the invoice it was billed on (the month's for an order on account, else its own; a void one's reissue), and the month's invoice once issued",
        description:
          'A month not yet begun answers 422 (STATEMENT.MONTH_IN_FUTURE); the running month answers with `closed: false`. ' +
          "A head office's (分店／總公司付款) lists each branch it paid for in the month under `branches`, and its totals, balances, payments and allowances are the whole chain's; a branch's names the head office that pays it (`payer`).",
        response: chainStatementSchema,
      },
      params,
      query,
      async handle({ params: p, query: q, principal }) {
        return { body: await statementFor(principal, p.customerId, q.month) };
      },
    }),
    route({
      method: 'GET',
      path: '/:customerId/csv',
      roles: STAFF_AND_CUSTOMER,
      docs: {
        summary: 'The same statement as CSV for Excel (text/csv, UTF-8 with BOM, texts in the caller’s language), each order with the number of the invoice it was billed on (the month’s for an order on account, else its own; a void one’s reissue)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends' }),
        contentType: 'text/csv',
      },
      params,
      query,
      async handle({ params: p, query: q, principal, locale }) {
        const statement = await statementFor(principal, p.customerId, q.month);
        const file = `statement-${statement.customer.code}-${statement.month}.csv`;
        return {
          body: statementCsv(statement, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}"` },
        };
      },
    }),
  ],
};

http('statements', createHttpHandler(statementsFunction, async () => (await container()).http));
