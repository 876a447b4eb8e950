import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { AGING_BUCKETS, receivableSchema, type AgingBucket } from '../domain/billing';
import { receivablesCsv, receivablesTotals } from '../domain/billing/receivables-csv';
import { reminderSummarySchema } from '../domain/notifications';
import { docIdSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import { lastPaymentReminders, sendManualPaymentReminder } from './use-cases/payment-reminders';

const totalsSchema = z.object({
  balance: z.number().int(),
  aging: z.object(Object.fromEntries(AGING_BUCKETS.map((b) => [b, z.number().int()])) as Record<AgingBucket, z.ZodNumber>),
  /** The credits (negative balances) owed back to customers, apart: not receivables. */
  credits: z.number().int(),
});

/** The receivables ledger (應收帳款) for the office: what each account customer owes and how late. */
export const receivablesFunction: HttpFunctionDef = {
  name: 'receivables',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Every account customer’s balance and aging, most overdue first, with totals',
        description:
          'Worked out by the nightly `receivables` job and again for a customer whenever a payment of theirs is recorded or voided; each line says when (`computedAt`). Credits (negative balances) are listed but not added to the aging; `totals.credits` sums them apart.',
        response: z.object({ items: z.array(receivableSchema.extend({ lastReminder: reminderSummarySchema.optional() })), totals: totalsSchema }),
      },
      async handle() {
        const c = await container();
        const [lines, reminders] = await Promise.all([firestoreReceivableStore(c.db).list(), lastPaymentReminders(c)]);
        const items = lines.map((line) => {
          const lastReminder = reminders.get(line.customerId);
          return lastReminder ? { ...line, lastReminder } : line;
        });
        return { body: { items, totals: receivablesTotals(items) } };
      },
    }),
    route({
      method: 'GET',
      path: '/export',
      audit: 'read',
      roles: ['admin', 'office'],
      docs: {
        summary: 'The receivables ledger as CSV for the bookkeeper (應收帳款帳齡表; text/csv, UTF-8 with BOM, headers in the caller’s language)',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: one row per customer, most overdue first, then the total owed by bucket and the credits apart' }),
        contentType: 'text/csv',
      },
      async handle({ locale }) {
        const lines = await firestoreReceivableStore((await container()).db).list();
        const asOf = lines.map((l) => l.asOf).sort()[0] ?? 'empty';
        return {
          body: receivablesCsv(lines, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="receivables-${asOf}.csv"` },
        };
      },
    }),
    route({
      method: 'POST',
      path: '/:customerId/reminders',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Send a customer a payment reminder (催款) now, at the stage their overdue balance has reached; once per customer and day',
        description:
          'Works the customer’s line out afresh first. Nothing past due is 422 (RECEIVABLE.NOT_OVERDUE). A second call the same day answers the first reminder. A provider that refuses the message for good (a number that cannot take SMS) is answered 200 with `status: failed`, the `error` and its `errorCode` (`INBOX.NO_ACCOUNT` for a customer nobody could reach: no LINE, no mobile to text, no portal account); one that is down is 503, and the call can be repeated.',
        response: reminderSummarySchema.extend({ text: z.string(), error: z.string().optional() }),
      },
      params: z.object({ customerId: docIdSchema }),
      async handle({ params, principal }) {
        return { body: await sendManualPaymentReminder(await container(), params.customerId, actorOf(principal)) };
      },
    }),
  ],
};

http('receivables', createHttpHandler(receivablesFunction, async () => (await container()).http));
