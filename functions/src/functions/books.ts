import { http } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreBooksStore } from '../adapters/firestore/books-store';
import { firestoreFleetStore } from '../adapters/firestore/fleet-store';
import { firestoreSettlementStore } from '../adapters/firestore/settlement-store';
import { booksClosingSchema, closeBooks, closeBooksInputSchema, monthBounds, unsettledDriverDays, type CloseBooksInput, type UnsettledDriverDay } from '../domain/billing';
import { addDays } from '../domain/calendar';
import { z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

const answerSchema = z.object({ closing: booksClosingSchema.nullable() }).openapi('BooksClosingAnswer');

/**
 * The drivers' days a close to `input.closedThrough` would take in with no hand-in recorded: from the day after the
 * current date (the month closed when there is none) to it, the days a truck went out or a delivery was made. Read
 * before the close's transaction: a settlement recorded meanwhile only makes the list shorter, and nothing else adds to it.
 */
async function unsettledUpTo(c: Container, input: CloseBooksInput): Promise<UnsettledDriverDay[]> {
  const current = await firestoreBooksStore(c.db).get();
  const from = current ? addDays(current.closedThrough, 1) : monthBounds(input.closedThrough.slice(0, 7)).firstDay;
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
          'From then on a payment, refund, deposit or driver settlement dated on or before it is refused with 422 (PAYMENT.BOOKS_CLOSED, REFUND.BOOKS_CLOSED, DEPOSIT.BOOKS_CLOSED, SETTLEMENT.BOOKS_CLOSED), as is voiding a payment or refund dated so (PAYMENT.VOID_BOOKS_CLOSED, REFUND.VOID_BOOKS_CLOSED) or cancelling an allowance issued so (ALLOWANCE.CANCEL_BOOKS_CLOSED); each write reads the date in its own transaction. A day not the last of its month is 400 (BOOKS.NOT_MONTH_END), the running month or a later one 422 (BOOKS.MONTH_NOT_ENDED); moving the date back needs `reason`, else 422 (BOOKS.REOPEN_REASON_REQUIRED); while an allowance of a day it would close is being cancelled at the e-invoice issuer, 409 (BOOKS.ALLOWANCE_CANCEL_UNDER_WAY, with `day`: try again in a moment); while days it would close have a driver with a truck sent out or a delivery made and no settlement (司機日結) recorded, 409 (BOOKS.UNSETTLED_DAYS, naming them in `days` and `unsettled`) unless `confirmUnsettledDays`. Audited.',
        response: answerSchema,
      },
      body: closeBooksInputSchema,
      async handle({ body, principal }) {
        const c = await container();
        const unsettled = await unsettledUpTo(c, body);
        const closing = await firestoreBooksStore(c.db).change((current, cancelsUnderWay) => closeBooks(current, body, { by: actorOf(principal), now: c.clock.now(), cancelsUnderWay, unsettled }));
        return { body: { closing } };
      },
    }),
  ],
};

http('books', createHttpHandler(booksFunction, async () => (await container()).http));
