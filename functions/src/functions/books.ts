import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreBooksStore } from '../adapters/firestore/books-store';
import { booksClosingSchema, closeBooks, closeBooksInputSchema } from '../domain/billing';
import { z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

const answerSchema = z.object({ closing: booksClosingSchema.nullable() }).openapi('BooksClosingAnswer');

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
          'From then on a payment, refund, deposit or driver settlement dated on or before it is refused with 422 (PAYMENT.BOOKS_CLOSED, REFUND.BOOKS_CLOSED, DEPOSIT.BOOKS_CLOSED, SETTLEMENT.BOOKS_CLOSED), as is voiding a payment or refund dated so (PAYMENT.VOID_BOOKS_CLOSED, REFUND.VOID_BOOKS_CLOSED) or cancelling an allowance issued so (ALLOWANCE.CANCEL_BOOKS_CLOSED); each write reads the date in its own transaction. A day not the last of its month is 400 (BOOKS.NOT_MONTH_END), the running month or a later one 422 (BOOKS.MONTH_NOT_ENDED); moving the date back needs `reason`, else 422 (BOOKS.REOPEN_REASON_REQUIRED); while an allowance of a day it would close is being cancelled at the e-invoice issuer, 409 (BOOKS.ALLOWANCE_CANCEL_UNDER_WAY, with `day`: try again in a moment). Audited.',
        response: answerSchema,
      },
      body: closeBooksInputSchema,
      async handle({ body, principal }) {
        const c = await container();
        const closing = await firestoreBooksStore(c.db).change((current, cancelsUnderWay) => closeBooks(current, body, { by: actorOf(principal), now: c.clock.now(), cancelsUnderWay }));
        return { body: { closing } };
      },
    }),
  ],
};

http('books', createHttpHandler(booksFunction, async () => (await container()).http));
