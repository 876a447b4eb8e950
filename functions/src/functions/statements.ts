import { http } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreDepositStore } from '../adapters/firestore/deposit-store';
import { firestorePaymentStore } from '../adapters/firestore/payment-store';
import { firestoreRefundStore } from '../adapters/firestore/refund-store';
import { firestoreStatementStore } from '../adapters/firestore/statement-store';
import { firestoreInvoiceStore } from '../adapters/invoicing/invoice-store';
import {
  assertStatementMonth,
  branchesOfMonth,
  branchOwnStatement,
  buildStatement,
  chainStatement,
  chainStatementSchema,
  monthBounds,
  previousMonth,
  statementCsv,
  statementInvoiceIds,
  statementMonthSchema,
  taipeiMonth,
  withInvoices,
  type ChainStatement,
  type Statement,
} from '../domain/billing';
import type { Customer } from '../domain/customers';
import { assertCanReadCustomer } from '../domain/customers/permissions';
import { docIdSchema, z } from '../domain/schema';
import type { Principal } from '../http/auth/principal';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

const params = z.object({ customerId: docIdSchema });
const query = z.object({ month: statementMonthSchema.optional() });
const STAFF_AND_CUSTOMER = ['admin', 'office', 'customer'] as const;

/**
 * A customer's statement for a month (default: last month in Taipei), with its balances and the invoice each line was
 * billed on; another customer's is "not found". A head office's is its chain's (`chainStatement`: its branches linked by
 * the month's end, each apart); a branch's names its head office.
 */
async function statementFor(principal: Principal, customerId: string, month: string | undefined): Promise<ChainStatement> {
  assertCanReadCustomer(principal, customerId);
  const c = await container();
  const now = c.clock.now();
  const customers = firestoreCustomerStore(c.db);
  const customer = await customers.get(customerId);
  const wanted = month ?? previousMonth(taipeiMonth(now));
  // Before any read: a month not begun has nothing to query.
  assertStatementMonth(wanted, now);
  const [own, branches, payer] = await Promise.all([
    statementOf(c, customer, wanted, now),
    customers.branchesOf(customerId),
    customer.payerId ? customers.get(customer.payerId) : null,
  ]);
  if (payer) return branchOwnStatement(own, payer);
  const ofMonth = branchesOfMonth(branches, wanted);
  if (ofMonth.length === 0) return own;
  return chainStatement(own, await Promise.all(ofMonth.map((b) => statementOf(c, b, wanted, now))));
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
