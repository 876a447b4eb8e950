import { http } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreBooksStore } from '../adapters/firestore/books-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreSettlementStore } from '../adapters/firestore/settlement-store';
import { firestoreInvoiceStore } from '../adapters/invoicing/invoice-store';
import {
  booksClosingSchema,
  closeBooks,
  closeBooksInputSchema,
  monthBounds,
  nextMonth,
  unsettledDriverDays,
  type CloseBooksInput,
  type InvoiceRunDue,
  type UnreissuedInvoice,
  type UnsettledDriverDay,
} from '../domain/billing';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import { z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import { monthlyInvoicesDue } from './use-cases/monthly-invoices-due';

const answerSchema = z.object({ closing: booksClosingSchema.nullable() }).openapi('BooksClosingAnswer');

/**
 * The drivers' days a close to `input.closedThrough` would take in with no hand-in recorded: from `from` to it, the days a
 * truck went out or a delivery was made.
 */
async function unsettledUpTo(c: Container, input: CloseBooksInput, from: string): Promise<UnsettledDriverDay[]> {
  if (input.confirmUnsettledDays || from > input.closedThrough) return [];
  const settlements = firestoreSettlementStore(c.db);
  const [sentOut, delivered, settled, drivers] = await Promise.all([
    settlements.sentOutBetween(from, input.closedThrough),
    settlements.deliveredBetween(from, input.closedThrough),
    settlements.settledBetween(from, input.closedThrough),
    firestoreFleetStore(c.db).drivers(),
  ]);
  return unsettledDriverDays([...sentOut, ...delivered], settled, new Map(drivers.map((d) => [d.id, d.name])));
}

/**
 * The void invoices not reissued (GET /api/invoices/unreissued's) issued on the days from `from` to the close: each a
 * sale with no valid invoice once its period is filed.
 */
async function unreissuedUpTo(c: Container, input: CloseBooksInput, from: string): Promise<UnreissuedInvoice[]> {
  if (input.confirmUnreissuedInvoices || from > input.closedThrough) return [];
  const voids = await firestoreInvoiceStore(c.db).voidNotReissued();
  return voids
    .map((i) => ({ number: i.number, day: taipeiDate(new Date(i.issuedAt)) }))
    .filter((i) => i.day >= from && i.day <= input.closedThrough)
    .reverse();
}

/** The months from `from`'s to the close's whose 月結 invoices the run has not all issued (`monthlyInvoicesDue`). */
async function invoiceRunsDueUpTo(c: Container, input: CloseBooksInput, from: string): Promise<InvoiceRunDue[]> {
  if (input.confirmInvoiceRunsDue || from > input.closedThrough) return [];
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= input.closedThrough.slice(0, 7); m = nextMonth(m)) months.push(m);
  const due = await Promise.all(months.map(async (month) => ({ month, customers: (await monthlyInvoicesDue(c, month)).length })));
  return due.filter((d) => d.customers > 0);
}

/**
 * What a close to `input.closedThrough` would take in unfinished, from the day after the current date (the month closed
 * when there is none): read before the close's transaction, as finishing any of it meanwhile only shortens the lists.
 */
async function notDoneUpTo(c: Container, input: CloseBooksInput) {
  const current = await firestoreBooksStore(c.db).get();
  const from = current ? addDays(current.closedThrough, 1) : monthBounds(input.closedThrough.slice(0, 7)).firstDay;
  const [unsettled, unreissued, invoiceRunsDue] = await Promise.all([unsettledUpTo(c, input, from), unreissuedUpTo(c, input, from), invoiceRunsDueUpTo(c, input, from)]);
  return { unsettled, unreissued, invoiceRunsDue };
}

/** The books-closed date (關帳日): the office reads it, the admin sets it. */
export const booksFunction: HttpFunctionDef = {
  name: 'books',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office'],
      docs: { summary: 'The books-closed date (關帳日): money records dated on or before it are neither written nor voided; `null` before the first close', response: answerSchema },
      async handle() {
        return { body: { closing: (await firestoreBooksStore((await container()).db).get()) ?? null } };
      },
    }),
    route({
      method: 'PUT',
      path: '/',
      roles: ['admin'],
      docs: {
        summary: 'Close the books through the last day of a month that has ended; the same date again answers the closing as it is',
        description:
          'From then on a payment, refund, deposit or driver settlement dated on or before it is refused with 422 (PAYMENT.BOOKS_CLOSED, REFUND.BOOKS_CLOSED, DEPOSIT.BOOKS_CLOSED, SETTLEMENT.BOOKS_CLOSED), as is voiding a payment or refund dated so (PAYMENT.VOID_BOOKS_CLOSED, REFUND.VOID_BOOKS_CLOSED) or cancelling an allowance issued so (ALLOWANCE.CANCEL_BOOKS_CLOSED); each write reads the date in its own transaction. A day not the last of its month is 400 (BOOKS.NOT_MONTH_END), the running month or a later one 422 (BOOKS.MONTH_NOT_ENDED); moving the date back needs `reason`, else 422 (BOOKS.REOPEN_REASON_REQUIRED); while an allowance of a day it would close is being cancelled at the e-invoice issuer, 409 (BOOKS.ALLOWANCE_CANCEL_UNDER_WAY, with `day`: try again in a moment); while days it would close have a driver with a truck sent out or a delivery made and no settlement (司機日結) recorded, 409 (BOOKS.UNSETTLED_DAYS, naming them in `days` and `unsettled`) unless `confirmUnsettledDays`; then, while invoices issued on those days are void and not reissued, 409 (BOOKS.UNREISSUED_INVOICES, in `numbers` and `unreissued`) unless `confirmUnreissuedInvoices`; then, while a month it would close has orders on account its 月結 invoice run has not invoiced, 409 (BOOKS.INVOICE_RUNS_DUE, in `months` and `due`) unless `confirmInvoiceRunsDue`. Audited.',
        response: answerSchema,
      },
      body: closeBooksInputSchema,
      async handle({ body, principal }) {
        const c = await container();
        const notDone = await notDoneUpTo(c, body);
        const closing = await firestoreBooksStore(c.db).change((current, cancelsUnderWay) => closeBooks(current, body, { by: actorOf(principal), now: c.clock.now(), cancelsUnderWay, ...notDone }));
        return { body: { closing } };
      },
    }),
  ],
};

http('books', createHttpHandler(booksFunction, async () => (await container()).http));
