import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { sweepOutbox } from '../adapters/firestore/outbox';
import { statementMonthSchema } from '../domain/billing';
import { catchUpWindow, invoicePeriodSchema, monthToInvoice } from '../domain/invoicing';
import { docIdSchema, z } from '../domain/schema';
import { eitherVerifier, schedulerVerifier } from '../http/auth/token-verifier';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import { sendClosureReminders } from './use-cases/closure-reminders';
import { releaseHeldNotices } from './use-cases/held-notices';
import { forecastDeps, refreshPredictions, trainModels } from './use-cases/forecast-pipeline';
import { sendPaymentReminders } from './use-cases/payment-reminders';
import { issueMonthlyInvoices } from './use-cases/monthly-invoices';
import { catchUpOrderInvoices } from './use-cases/order-invoices';
import { checkOverdueUploads, queueBlankNumbers } from './use-cases/einvoice-uploads';
import { materialiseRecurring } from './use-cases/materialise-recurring';
import { refreshReceivables } from './use-cases/receivables';
import { sendSafetyReminders } from './use-cases/safety-reminders';

const SYSTEM = { uid: 'system:scheduler', role: 'system' } as const;

/** Scheduled work. Cloud Scheduler POSTs here with an OIDC token; an admin may run a job by hand. */
export const jobsFunction: HttpFunctionDef = {
  name: 'jobs',
  routes: [
    route({
      method: 'POST',
      path: '/sweep-outbox',
      roles: ['admin'],
      // Cloud Scheduler's every five minutes (105,000 a year): it only republishes events of changes already audited, and sends the notices those events held back.
      audit: false,
      docs: {
        summary: 'Republish outbox entries left unpublished, and send the order notices held back whose wait is over (every 5 minutes)',
        description:
          "`heldNotices`: the failure notices of stops a closure called off (出車中的訂單標記未送達) that no move's notice replaced within 15 minutes, sent now (`released`) or left for the next run after a send to retry (`pending`).",
      },
      body: z
        .object({ olderThanSeconds: z.number().int().min(0).max(86_400).default(60), limit: z.number().int().min(1).max(2000).default(500) })
        .openapi('SweepOutboxRequest', { example: { olderThanSeconds: 60, limit: 500 } }),
      async handle({ body }) {
        const c = await container();
        const result = await sweepOutbox(c.db, c.publisher, {
          olderThanMs: body.olderThanSeconds * 1000,
          limit: body.limit,
          now: () => c.clock.now(),
        });
        return { body: { ...result, heldNotices: await releaseHeldNotices(c) } };
      },
    }),
    route({
      method: 'POST',
      path: '/materialize-recurring',
      roles: ['admin'],
      docs: { summary: 'Create the orders of recurring rules for the coming days (daily, idempotent)' },
      body: z
        .object({ days: z.number().int().min(1).max(28).default(7) })
        .openapi('MaterializeRecurringRequest', { example: { days: 7 } }),
      async handle({ body }) {
        return { body: await materialiseRecurring(await container(), body.days, SYSTEM) };
      },
    }),
    route({
      method: 'POST',
      path: '/closure-reminders',
      roles: ['admin'],
      docs: {
        summary:
          'Tell customers who may run out during a closure starting within 7 days to order before it (daily; once per customer and closure)',
        description:
          'Answers 503 with the same report when a provider failed in a way worth retrying: Cloud Scheduler then runs it again within minutes (the reminders already sent are not sent twice), so a LINE or SMS outage at 09:00 on the eve of a closure still reaches the customers that day.',
      },
      async handle() {
        const report = await sendClosureReminders(await container());
        return { status: report.pending > 0 ? 503 : 200, body: report };
      },
    }),
    route({
      method: 'POST',
      path: '/payment-reminders',
      roles: ['admin'],
      docs: {
        summary: 'Remind customers on account of balances past due (催款; daily, after the receivables run; each stage of each unpaid month once)',
        description:
          'First reminder 5 days after the due day (the 15th of the next month), the second past 30 days late, the final one past 60; nothing under NT$100, nothing within 7 days of a payment. Nothing on a closure day (休息日: `closed` names it); a stage reached then is sent on the first open day. Answers 503 with the same report when a provider failed in a way worth retrying, so Cloud Scheduler runs it again (what was sent is not sent twice).',
      },
      async handle() {
        const report = await sendPaymentReminders(await container());
        return { status: report.pending > 0 ? 503 : 200, body: report };
      },
    }),
    route({
      method: 'POST',
      path: '/safety-reminders',
      roles: ['admin'],
      docs: {
        summary: 'Tell customers their safety inspection (安全檢查) is due within 14 days or overdue, and invite those never inspected (daily; once per customer and due day)',
        description:
          'After a failed inspection the notice names the items to fix before the re-check. Customers without LINE or a mobile are skipped (the office phones them). Each one told is marked on the customer, so the due list shows 已通知. Reads only the customers whose `safetyDueKey` says they can be due (those due later are counted, not read); `missingDueKey` counts the active customers stored without the key, who are still told, by a read of every active customer, until `POST /api/safety-inspections/due-keys` has run. Answers 503 with the same report when a provider failed in a way worth retrying, so Cloud Scheduler runs it again (what was sent is not sent twice).',
      },
      async handle() {
        const report = await sendSafetyReminders(await container());
        return { status: report.pending > 0 ? 503 : 200, body: report };
      },
    }),
    route({
      method: 'POST',
      path: '/monthly-invoices',
      roles: ['admin'],
      docs: {
        summary:
          'Issue the e-invoices of a month’s delivered orders on account (月結發票), then any delivered order’s own invoice still missing (every evening; idempotent: one invoice per customer and month, one per order)',
        description:
          'A month’s invoice bills the orders on account billed in it: a delivery synced after its month was closed (關帳) is on the invoice of the month it was booked into (補登, `delivery.bookedOn`), as on that month’s statement. Default month: on the last day of a Taipei month the running one (so the invoices are dated in the month they bill), on other days the previous one (catching up a run that failed; normally nothing is left to issue). The running month before its last day, or a later one, is 422 (INVOICE.MONTH_NOT_ENDED). Then the catch-up (`orders` in the answer): every order delivered since the first of the previous month, or booked late (補登) into a day of the last 12 months whatever its door day, that needs an invoice of its own and has none gets it — its event dead-lettered while the numbers were used up or the provider down, or an order on account that was delivered while its month’s invoice was being issued. Answers 503 with the same report when an invoice could not be issued (numbers used up, provider down or refusing), so Cloud Scheduler runs it again; what was issued is not issued twice.',
      },
      body: z.object({ month: statementMonthSchema.optional() }).openapi('MonthlyInvoicesRequest', { example: { month: '2026-11' } }),
      async handle({ body }) {
        const c = await container();
        const month = await issueMonthlyInvoices(c, body.month ?? monthToInvoice(c.clock.now()));
        // After the month's invoices: an order on account that committed while one was issued, and is not on it, is found.
        const orders = await catchUpOrderInvoices(c, catchUpWindow(c.clock.now()));
        return { status: month.failed.length > 0 || orders.failed.length > 0 ? 503 : 200, body: { ...month, orders } };
      },
    }),
    route({
      method: 'POST',
      path: '/einvoice-uploads-overdue',
      roles: ['admin'],
      docs: {
        summary: 'Alert the office when a MIG message of a local-book invoice waits more than 24 hours for the MOF platform’s answer, or was refused (daily; one alert of each a day)',
        description:
          'A critical `system.einvoice_upload_overdue` alert names how many, the oldest and up to 20 message ids: the Turnkey machine or its `turnkey:sync` run has stopped. A critical `system.einvoice_upload_rejected` alert, while any message is refused, names how many and up to 20 ids: an admin fixes the cause and sends them again (重新上傳). Answers `{ overdue, alerted, oldestCreatedAt, rejected }`.',
      },
      async handle() {
        return { body: await checkOverdueUploads(await container()) };
      },
    }),
    route({
      method: 'POST',
      path: '/einvoice-blank-numbers',
      roles: ['admin'],
      docs: {
        summary: 'Queue the MOF report of an ended period’s unused 字軌 numbers (空白未使用字軌號碼, E0402) for the Turnkey machine (daily; once per period)',
        description:
          'Default period: the last one whose books are closed (in a period’s first hour, the one before the period just ended). Its book’s numbers less every number handed out (the book’s records and the period’s invoices) become one E0402 per 字軌, `E0402-<字軌><yyyMM>`, uploaded by `turnkey:sync` like the invoices’ messages (waiting for nothing); a fully used book makes none. The book keeps the report, so a rerun makes nothing twice. A period not ended an hour ago is 422 (INVOICE.PERIOD_NOT_ENDED): a number taken at its last moment may still be being written. With ECPay numbering, nothing is queued (ECPay reports its numbers). Answers `{ period, deadline, issuer, book, uploads, created, reportedAt }`; the MOF wants it by the 10th after the period (`deadline`).',
      },
      body: z.object({ period: invoicePeriodSchema.optional() }).openapi('BlankNumbersRequest', { example: { period: '2026-09/10' } }),
      async handle({ body }) {
        return { body: await queueBlankNumbers(await container(), body.period) };
      },
    }),
    route({
      method: 'POST',
      path: '/receivables',
      roles: ['admin'],
      docs: { summary: "Work out every account customer's balance and how long it is overdue (應收帳款; nightly, idempotent)" },
      body: z
        .object({ customerIds: z.array(docIdSchema).min(1).max(500).optional() })
        .openapi('ReceivablesRequest', { example: {} }),
      async handle({ body }) {
        return { body: await refreshReceivables(await container(), body.customerIds) };
      },
    }),
    route({
      method: 'POST',
      path: '/train-models',
      roles: ['admin'],
      docs: { summary: 'Retrain the next-refill and churn models; store the version, activate it only if not worse (weekly)' },
      body: z
        .object({
          holdoutWeeks: z.number().int().min(2).max(26).default(8),
          settings: z
            .object({ recencyHalfLifeDays: z.number().min(1).max(3650).optional(), changeThreshold: z.number().min(0.5).max(10).optional() })
            .default({}),
        })
        .openapi('TrainModelsRequest', { example: { holdoutWeeks: 8, settings: {} } }),
      async handle({ body }) {
        const model = await trainModels(await container(), {
          holdoutWeeks: body.holdoutWeeks,
          settings: {
            ...(body.settings.recencyHalfLifeDays === undefined ? {} : { recencyHalfLifeDays: body.settings.recencyHalfLifeDays }),
            ...(body.settings.changeThreshold === undefined ? {} : { changeThreshold: body.settings.changeThreshold }),
          },
        });
        const { params: _params, ...summary } = model;
        return { body: summary };
      },
    }),
    route({
      method: 'POST',
      path: '/nightly-forecast',
      roles: ['admin'],
      docs: { summary: 'Refresh every active customer\'s predictions and suggest orders for those due within the horizon (nightly, idempotent)' },
      body: z
        .object({ horizonDays: z.number().int().min(0).max(14).default(3) })
        .openapi('NightlyForecastRequest', { example: { horizonDays: 3 } }),
      async handle({ body }) {
        return { body: await refreshPredictions(forecastDeps(await container()), { horizonDays: body.horizonDays }) };
      },
    }),
    route({
      method: 'POST',
      path: '/score-churn',
      roles: ['admin'],
      docs: { summary: 'Refresh predictions, churn risk included, without suggesting orders' },
      async handle() {
        return { body: await refreshPredictions(forecastDeps(await container()), { horizonDays: null }) };
      },
    }),
  ],
};

http(
  'jobs',
  createHttpHandler(jobsFunction, async () => {
    const c = await container();
    const verifier = c.config.scheduler ? eitherVerifier(c.verifier, schedulerVerifier(c.config.scheduler)) : c.verifier;
    return { ...c.http, verifier };
  }),
);
