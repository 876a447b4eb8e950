import { http } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreDepositStore } from '../adapters/firestore/deposit-store';
import { firestorePaymentStore } from '../adapters/firestore/payment-store';
import { firestoreRefundStore } from '../adapters/firestore/refund-store';
import { firestoreUserStore } from '../adapters/firestore/user-store';
import {
  assertStatementMonth,
  depositJournal,
  depositJournalCsv,
  depositJournalSchema,
  depositsHeldAtMonthEnd,
  monthBounds,
  paymentJournal,
  paymentJournalCsv,
  paymentJournalSchema,
  paymentReferenceQuerySchema,
  paymentsByReference,
  paymentsByReferenceSchema,
  referenceTailBackfillResultSchema,
  referenceTailBackfillSchema,
  referenceTailSought,
  statementMonthSchema,
  type DepositJournal,
  type PaymentJournal,
  type PaymentsByReference,
} from '../domain/billing';
import { DomainError } from '../domain/errors';
import { z } from '../domain/schema';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

/** More payments than a distributor of this size takes in a month many times over: the journal is answered whole, not paged. */
const MONTH_LIMIT = 5000;
const query = z.object({ month: statementMonthSchema });

/** @throws `PAYMENT.JOURNAL_TOO_LARGE` (precondition) past `MONTH_LIMIT`, rather than a journal silently short. */
async function journalOf(c: Container, month: string): Promise<PaymentJournal> {
  assertStatementMonth(month, c.clock.now());
  const { firstDay, lastDay } = monthBounds(month);
  const [payments, refunds] = await Promise.all([firestorePaymentStore(c.db).allBetween(firstDay, lastDay, MONTH_LIMIT + 1), firestoreRefundStore(c.db).allBetween(firstDay, lastDay, MONTH_LIMIT + 1)]);
  if (payments.length > MONTH_LIMIT || refunds.length > MONTH_LIMIT) throw new DomainError('PAYMENT.JOURNAL_TOO_LARGE', 'precondition', `More than ${MONTH_LIMIT} payments or refunds in ${month}`, { limit: MONTH_LIMIT });
  const [customers, names] = await Promise.all([
    firestoreCustomerStore(c.db).codesAndNames([...payments, ...refunds].map((p) => p.customerId)),
    firestoreUserStore(c.db).displayNames([...payments, ...refunds].map((p) => p.by.uid)),
  ]);
  return paymentJournal(month, payments, customers, names, refunds);
}

/** A search by reference answers this many payments, the newest: enough to see whose account it is. */
const REFERENCE_MATCHES = 50;
/** Read per tail: one account's payments over decades, or a few accounts sharing five digits, all well within it. */
const REFERENCE_CANDIDATES = 500;

async function byReference(c: Container, sought: string): Promise<PaymentsByReference> {
  const candidates = await firestorePaymentStore(c.db).withReferenceTail(referenceTailSought(sought), REFERENCE_CANDIDATES);
  const [customers, names] = await Promise.all([
    firestoreCustomerStore(c.db).codesAndNames(candidates.map((p) => p.customerId)),
    firestoreUserStore(c.db).displayNames(candidates.map((p) => p.by.uid)),
  ]);
  return paymentsByReference(sought, candidates, customers, names, REFERENCE_MATCHES);
}

/**
 * @throws `DEPOSIT.JOURNAL_TOO_LARGE` (precondition) past `MONTH_LIMIT`. The deposits held at month end are every customer's
 * held now with the later records undone: one field-masked read of the customers, whatever the month.
 */
async function depositJournalOf(c: Container, month: string): Promise<DepositJournal> {
  assertStatementMonth(month, c.clock.now());
  const { firstDay, lastDay, until } = monthBounds(month);
  const store = firestoreDepositStore(c.db);
  const [records, later, heldNow] = await Promise.all([store.allBetween(firstDay, lastDay, MONTH_LIMIT + 1), store.allAfter(lastDay), store.heldNow()]);
  if (records.length > MONTH_LIMIT) throw new DomainError('DEPOSIT.JOURNAL_TOO_LARGE', 'precondition', `More than ${MONTH_LIMIT} deposits in ${month}`, { limit: MONTH_LIMIT });
  const customers = await firestoreCustomerStore(c.db).codesAndNames(records.map((d) => d.customerId));
  return depositJournal(month, records, customers, depositsHeldAtMonthEnd(heldNow, later, until));
}

/** The month's payments journal (收款明細) across customers, for the bank reconciliation: office and admin. */
export const paymentsFunction: HttpFunctionDef = {
  name: 'payments',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office'],
      docs: {
        summary: "Every customer's payments received in a Taipei month (收款明細): day, customer, method, reference, amount, who recorded it, the totals per method; voided ones apart; and the month's refunds paid back (退款) under `refunds`, with their own totals",
        description: 'A month not yet begun is 422 (STATEMENT.MONTH_IN_FUTURE); more than 5,000 payments in the month 422 (PAYMENT.JOURNAL_TOO_LARGE).',
        response: paymentJournalSchema,
      },
      query,
      async handle({ query: q }) {
        return { body: await journalOf(await container(), q.month) };
      },
    }),
    route({
      method: 'GET',
      path: '/export',
      audit: 'read',
      roles: ['admin', 'office'],
      docs: {
        summary: 'The same journal as CSV for the bookkeeper (text/csv, UTF-8 with BOM, texts in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: the payments received, the totals per method and in all, then the voided ones with the reason, then the refunds (when any) with their totals and the voided ones' }),
        contentType: 'text/csv',
      },
      query,
      async handle({ query: q, locale }) {
        const journal = await journalOf(await container(), q.month);
        return {
          body: paymentJournalCsv(journal, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="payments-${q.month}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/by-reference',
      roles: ['admin', 'office'],
      docs: {
        summary: "The payments, of any month and any customer, whose reference (參考號碼) is the one given: who paid from that account before, to match a bank line (轉入… 末五碼 08707) to its customer",
        description:
          'Digits only, 5 to 40 (else 400 PAYMENT.REFERENCE_SEARCH_DIGITS). A payment matches when its reference’s digits end with those given or those given end with its digits, so the 末五碼 finds an account typed whole and a whole number finds its 末五碼. Newest first, voided ones too (`status`), at most 50 (`truncated` when more matched). Each with the customer’s code and name, to open their statement or record the payment.',
        response: paymentsByReferenceSchema,
      },
      query: paymentReferenceQuerySchema,
      async handle({ query: q }) {
        return { body: await byReference(await container(), q.reference) };
      },
    }),
    route({
      method: 'POST',
      path: '/reference-tails',
      roles: ['admin'],
      docs: {
        summary: 'One-off backfill: write `referenceTail` on the payments recorded before it was kept, a page at a time; idempotent, a rerun writes nothing',
        description:
          'Until then a payment whose reference was typed longer than its 末五碼 (012-3456-08707) is not found by them (GET /by-reference reads the tail). Pages of `limit` payments (at most 1,000, the default) in document-id order: call again with `after` set to the answer’s `nextCursor` until it is `null`. Answers `{ payments, written, nextCursor }`.',
        response: referenceTailBackfillResultSchema,
      },
      body: referenceTailBackfillSchema,
      async handle({ body }) {
        return { body: await firestorePaymentStore((await container()).db).backfillReferenceTails(body.after, body.limit) };
      },
    }),
    route({
      method: 'GET',
      path: '/deposits',
      roles: ['admin', 'office'],
      docs: {
        summary: "Every customer's deposits (押金明細) collected and refunded in a Taipei month, the totals per method, and the deposits held for all customers at its end, per size",
        description: 'Deposits are a liability held for the customers, apart from payments. A month not yet begun is 422 (STATEMENT.MONTH_IN_FUTURE); more than 5,000 records in the month 422 (DEPOSIT.JOURNAL_TOO_LARGE).',
        response: depositJournalSchema,
      },
      query,
      async handle({ query: q }) {
        return { body: await depositJournalOf(await container(), q.month) };
      },
    }),
    route({
      method: 'GET',
      path: '/deposits/export',
      audit: 'read',
      roles: ['admin', 'office'],
      docs: {
        summary: 'The same deposit journal as CSV for the bookkeeper (text/csv, UTF-8 with BOM, texts in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: the records (refunds negative), collected and refunded per method, the net, then the deposits held at month end in all and per size' }),
        contentType: 'text/csv',
      },
      query,
      async handle({ query: q, locale }) {
        const journal = await depositJournalOf(await container(), q.month);
        return {
          body: depositJournalCsv(journal, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="deposits-${q.month}.csv"` },
        };
      },
    }),
  ],
};

http('payments', createHttpHandler(paymentsFunction, async () => (await container()).http));
