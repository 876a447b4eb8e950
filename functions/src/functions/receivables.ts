import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreCollectionContactStore } from '../adapters/firestore/collection-contact-store';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import {
  AGING_BUCKETS,
  assertStatementMonth,
  collectionContactSchema,
  promiseBroken,
  receivableSchema,
  recordCollectionContact,
  recordCollectionContactInputSchema,
  statementMonthSchema,
  type AgingBucket,
} from '../domain/billing';
import { taipeiDate } from '../domain/clock';
import { receivablesCsv, receivablesTotals } from '../domain/billing/receivables-csv';
import { assertPaysForItself, payerRefSchema, refOf } from '../domain/customers';
import { deliveryFailureReason, reminderSummarySchema } from '../domain/notifications';
import { docIdSchema, z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, route, type HttpFunctionDef } from '../http/endpoint';
import { messageFor } from '../http/messages';
import { byNameSchema, withByNames } from './use-cases/by-names';
import { lastPaymentReminders, sendManualPaymentReminder } from './use-cases/payment-reminders';
import { receivablesAt } from './use-cases/receivables';

/** How far back the ledger looks for a customer's latest 催款 contact, as for their latest reminder. */
const CONTACT_DAYS = 180;

const contactView = collectionContactSchema.and(byNameSchema);
const lastContactSchema = collectionContactSchema.extend({
  promiseBroken: z.boolean().describe('The promised day is over, something is still owed and no payment arrived from the day of the contact on'),
});
const customerParams = z.object({ customerId: docIdSchema });
const judgedContactView = contactView.and(lastContactSchema.pick({ promiseBroken: true }));
const ledgerReminderSchema = reminderSummarySchema.extend({
  reason: z.string().optional().openapi({ description: "A failed reminder's why, in the caller's language, in 通知紀錄's words (未送達 for a code none names)", example: '未送達：簡訊商表示此手機號碼無效，請向客戶確認號碼' }),
});

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
        response: z.object({
          items: z.array(receivableSchema.extend({ lastReminder: ledgerReminderSchema.optional(), lastContact: lastContactSchema.optional() })),
          totals: totalsSchema,
        }),
      },
      async handle({ locale }) {
        const c = await container();
        const now = c.clock.now();
        const since = new Date(now.getTime() - CONTACT_DAYS * 86_400_000).toISOString();
        const [lines, reminders, contacts] = await Promise.all([
          firestoreReceivableStore(c.db).list(),
          lastPaymentReminders(c),
          firestoreCollectionContactStore(c.db).latestSince(since),
        ]);
        const today = taipeiDate(now);
        const items = lines.map((line) => {
          const lastReminder = reminders.get(line.customerId);
          const contact = contacts.get(line.customerId);
          return {
            ...line,
            ...(lastReminder ? { lastReminder: lastReminder.status === 'failed' ? { ...lastReminder, reason: deliveryFailureReason(lastReminder.errorCode, locale) } : lastReminder } : {}),
            ...(contact ? { lastContact: { ...contact, promiseBroken: promiseBroken(contact, line, today) } } : {}),
          };
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
        description:
          'Without `month`, the ledger as listed (the nightly run’s lines). With `month`, the ledger as it stood at the end of that Taipei month, worked out afresh (基準日 its last day; each balance that month’s statement’s 期末結餘, aged from that day): the 應收帳款 of a month’s books, which the ledger of today, with the days since in it, is not. The running month answers as it stands now; a month not yet begun is 422 (STATEMENT.MONTH_IN_FUTURE).',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends: one row per customer, most overdue first, then the total owed by bucket and the credits apart' }),
        contentType: 'text/csv',
      },
      query: z.object({ month: statementMonthSchema.optional() }),
      async handle({ locale, query }) {
        const c = await container();
        if (query.month) assertStatementMonth(query.month, c.clock.now());
        const lines = query.month ? await receivablesAt(c, query.month) : await firestoreReceivableStore(c.db).list();
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
          'Works the customer’s line out afresh first. Nothing past due is 422 (RECEIVABLE.NOT_OVERDUE). A second call the same day answers the first reminder. A provider that refuses the message for good (a number that cannot take SMS) is answered 200 with `status: failed`, its `errorCode` and `error`, that code’s message in the caller’s language (`INBOX.NO_ACCOUNT` for a customer nobody could reach: no LINE, no mobile to text, no portal account); one that is down is 503, and the call can be repeated.',
        response: reminderSummarySchema.extend({ text: z.string(), error: z.string().optional() }),
      },
      params: customerParams,
      async handle({ params, principal, locale }) {
        const sent = await sendManualPaymentReminder(await container(), params.customerId, actorOf(principal));
        if (sent.error === undefined) return { body: sent };
        // The stored error is the sender's own English for the logs (audit 20 F9): the office reads its code's message.
        const notDelivered = messageFor('PAYMENT_REMINDER.NOT_DELIVERED', locale, sent.error);
        return { body: { ...sent, error: sent.errorCode === undefined ? notDelivered : messageFor(sent.errorCode, locale, notDelivered) } };
      },
    }),
    route({
      method: 'POST',
      path: '/:customerId/contacts',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Record a 催款 call or visit to a customer: how, what was said, and the day they promised to pay by (optional)',
        description:
          'Kept per customer with who recorded it and when; the ledger shows the latest, flagging a promised day passed without a payment since the contact. A promised day before today (Taipei) is 400 COLLECTION_CONTACT.PROMISE_PAST. A retry with the same Idempotency-Key records it once. An unknown customer is 404 CUSTOMER.NOT_FOUND. A branch (分店) whose head office (總公司) pays for it is chased on the head office’s line: 422 COLLECTION_CONTACT.AT_PAYER naming the head office, nothing recorded. The erasure of the customer takes the note.',
        response: collectionContactSchema,
        successStatus: 201,
      },
      params: customerParams,
      body: recordCollectionContactInputSchema,
      async handle({ params, body, principal, requestId }) {
        const c = await container();
        const customers = firestoreCustomerStore(c.db);
        const customer = await customers.get(params.customerId);
        assertPaysForItself(customer, customer.payerId ? await customers.get(customer.payerId) : null, 'COLLECTION_CONTACT.AT_PAYER');
        const contact = recordCollectionContact(body, { id: idFromRequest('coc', requestId), customerId: params.customerId, by: actorOf(principal), now: c.clock.now() });
        return { status: 201, body: await firestoreCollectionContactStore(c.db).create(contact) };
      },
    }),
    route({
      method: 'GET',
      path: '/:customerId/contacts',
      roles: ['admin', 'office'],
      docs: {
        summary: "A customer's 催款 calls and visits, newest first, with who recorded each (by name) and whether its promise was broken; a branch's head office's too",
        description:
          'For the customer drawer (催款聯絡紀錄 in its history, for whoever takes the customer’s call) and the ledger. `promiseBroken` as on the ledger’s latest contact, against the customer’s receivables line (never, for a customer without one). A branch (分店) whose head office (總公司) pays for it is chased on the head office’s line, so `headOffice` names the head office with its contacts, judged against its line. An erased customer’s contacts come without `note`. An unknown customer is 404 CUSTOMER.NOT_FOUND.',
        response: z.object({
          items: z.array(judgedContactView),
          headOffice: payerRefSchema.extend({ items: z.array(judgedContactView) }).optional(),
        }),
      },
      params: customerParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      async handle({ params, query }) {
        const c = await container();
        const customers = firestoreCustomerStore(c.db);
        const customer = await customers.get(params.customerId);
        const today = taipeiDate(c.clock.now());
        const judged = async (customerId: string) => {
          const [contacts, lines] = await Promise.all([
            firestoreCollectionContactStore(c.db).ofCustomer(customerId, query.limit),
            firestoreReceivableStore(c.db).linesOf([customerId]),
          ]);
          const line = lines.get(customerId);
          return withByNames(c.db, contacts.map((contact) => ({ ...contact, promiseBroken: line !== undefined && promiseBroken(contact, line, today) })));
        };
        const [items, headOffice] = await Promise.all([
          judged(customer.id),
          customer.payerId ? customers.get(customer.payerId).then(async (payer) => ({ ...refOf(payer), items: await judged(payer.id) })) : undefined,
        ]);
        return { body: { items, ...(headOffice ? { headOffice } : {}) } };
      },
    }),
  ],
};

http('receivables', createHttpHandler(receivablesFunction, async () => (await container()).http));
