import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreInvoiceStore } from '../adapters/invoicing/invoice-store';
import { firestoreSalesStore } from '../adapters/firestore/sales-store';
import { statementMonthSchema } from '../domain/billing/statement';
import { taipeiDate } from '../domain/clock';
import { assertReportMonth } from '../domain/reports/monthly-sales';
import { notFound } from '../domain/errors';
import {
  allowanceInputSchema,
  allowanceSchema,
  allowancesCsv,
  allowanceTotals,
  assertCanVoid,
  cancelAllowanceInputSchema,
  INVOICE_STATUSES,
  invoiceDraftSchema,
  invoiceNumberSchema,
  invoicePeriodSchema,
  invoiceSchema,
  invoicesCsv,
  listedInvoice,
  listedInvoiceSchema,
  monthInvoiceTotalsSchema,
  monthReconciliationSchema,
  periodDocId,
  periodMonths,
  periodOfDate,
  printedProofSchema,
  proofPreviewSchema,
  reconcileMonth,
  reconciledInvoiceIds,
  salesOfMonth,
  voidInvoice,
  voidInvoiceInputSchema,
  type Invoice,
  type InvoicePeriod,
} from '../domain/invoicing';
import { docIdSchema, z } from '../domain/schema';
import { actorOf, type Principal } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, idParams, route, type HttpFunctionDef } from '../http/endpoint';
import { assertMayReadCustomerOrBranch, mayReadCustomerOrBranch } from './use-cases/chain-access';
import { reissueDraftOf, reissueInvoice } from './use-cases/issue-invoice';
import { cancelInvoiceAllowance, issueAllowance } from './use-cases/invoice-allowances';
import { firestoreAllowanceStore } from '../adapters/invoicing/allowance-store';
import { invoiceUploadRoutes } from './invoice-uploads';
import { previewInvoiceProof, printInvoiceProof } from './use-cases/print-invoice-proof';

const STAFF = ['admin', 'office'] as const;
const STAFF_AND_CUSTOMER = ['admin', 'office', 'customer'] as const;
const money = z.number().int();
const totalsSchema = z
  .object({
    count: z.number().int(),
    salesAmount: money,
    taxAmount: money,
    totalAmount: money,
    voidCount: z.number().int(),
    /** The period's live allowances (折讓, by the allowance's own period): the 401 return reports sales less these. */
    allowances: z.object({ count: z.number().int(), salesAmount: money, taxAmount: money, totalAmount: money }),
    /** The period's two months, each by the Taipei day its invoices and allowances were issued: the accountant closes months. */
    byMonth: z.array(monthInvoiceTotalsSchema),
  })
  .openapi('InvoiceTotals', {
    description:
      'The whole period’s invoices (of the customer, if one is asked for), whatever the page and `status`: the issued ones counted and summed, the void ones only counted; beside them the period’s live allowances, summed apart',
    example: {
      count: 2,
      salesAmount: 2438,
      taxAmount: 122,
      totalAmount: 2560,
      voidCount: 1,
      allowances: { count: 1, salesAmount: 838, taxAmount: 42, totalAmount: 880 },
      byMonth: [
        { month: '2026-11', count: 2, salesAmount: 2438, taxAmount: 122, totalAmount: 2560, voided: { count: 1, totalAmount: 880 }, allowances: { count: 1, salesAmount: 838, taxAmount: 42, totalAmount: 880 } },
        { month: '2026-12', count: 0, salesAmount: 0, taxAmount: 0, totalAmount: 0, voided: { count: 0, totalAmount: 0 }, allowances: { count: 0, salesAmount: 0, taxAmount: 0, totalAmount: 0 } },
      ],
    },
  });
/** Whether an allowance was issued in a Taipei month: it counts in the month of its own day, as an invoice does. */
const issuedInMonth = (allowance: { readonly issuedAt: string }, month: string): boolean => taipeiDate(new Date(allowance.issuedAt)).slice(0, 7) === month;
const allowanceParams = z.object({ id: docIdSchema, allowanceId: docIdSchema });

/** The invoice, if the caller may see it: a customer asking for another's learns only that there is none. */
async function readableInvoice(principal: Principal, id: string): Promise<Invoice> {
  const { db } = await container();
  const invoice = await firestoreInvoiceStore(db).get(id);
  if (!(await mayReadCustomerOrBranch(db, principal, invoice.customer.id))) throw notFound('INVOICE.NOT_FOUND', `Invoice ${id} not found`, { id });
  return invoice;
}

/**
 * E-invoices (電子發票): issued by the `issueInvoices` consumer (orders paid in cash or by transfer, per delivery) and the
 * `monthly-invoices` job (orders on account, per customer and month; and any order's own invoice the consumer missed); here the office reads, voids, reissues and exports them, a customer reads
 * their own.
 */
export const invoicesFunction: HttpFunctionDef = {
  name: 'invoices',
  routes: [
    ...invoiceUploadRoutes,
    route({
      method: 'GET',
      path: '/',
      roles: STAFF_AND_CUSTOMER,
      docs: {
        summary: 'E-invoices, newest first, of a customer and / or a bi-monthly period (期別, e.g. 2026-11/12), issued or void; cursor pagination',
        description:
          'A customer sees only their own (`customerId` defaults to theirs; another customer’s is 404 CUSTOMER.NOT_FOUND). With `period`, `totals` adds up the whole period. With `number` (case, spaces and hyphens forgiven), the invoices of that number in any period (the other filters narrowing), on one page, without totals: how the office finds the invoice a caller or a 折讓 request quotes. Each invoice comes with `sourceSummary`, what it bills (the order’s delivery day, customer and cylinders, or the month), from the invoice alone. Pass `nextCursor` back as `cursor`; null on the last page.',
        response: z.object({ items: z.array(listedInvoiceSchema), nextCursor: z.string().nullable(), totals: totalsSchema.optional() }),
      },
      query: z.object({
        customerId: docIdSchema.optional(),
        period: invoicePeriodSchema.optional(),
        status: z.enum(INVOICE_STATUSES).optional(),
        number: z
          .string()
          .transform((typed) => typed.replace(/[\s-]/g, '').toUpperCase())
          .pipe(invoiceNumberSchema)
          .optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: docIdSchema.optional(),
      }),
      async handle({ query, principal }) {
        const customerId = query.customerId ?? (principal.role === 'customer' ? principal.customerId : undefined);
        const { db } = await container();
        if (principal.role === 'customer') await assertMayReadCustomerOrBranch(db, principal, customerId ?? '');
        const store = firestoreInvoiceStore(db);
        const scope = { ...(customerId ? { customerId } : {}), ...(query.period ? { period: query.period } : {}) };
        if (query.number) {
          const found = await store.withNumber(query.number, { ...scope, ...(query.status ? { status: query.status } : {}) });
          return { body: { items: found.map(listedInvoice), nextCursor: null } };
        }
        const periodTotals = async (period: InvoicePeriod) => {
          const [sums, allowances, months] = await Promise.all([
            store.totals({ ...scope, period }),
            firestoreAllowanceStore(db).ofPeriod(period, customerId),
            Promise.all(periodMonths(period).map(async (month) => ({ month, ...(await store.monthTotals({ ...scope, period }, month)) }))),
          ]);
          const byMonth = months.map(({ voidCount, voidTotal, ...issued }) => ({
            ...issued,
            voided: { count: voidCount, totalAmount: voidTotal },
            allowances: allowanceTotals(allowances.filter((a) => issuedInMonth(a, issued.month))),
          }));
          return { ...sums, allowances: allowanceTotals(allowances), byMonth };
        };
        const [page, totals] = await Promise.all([
          store.list({ ...scope, limit: query.limit, ...(query.status ? { status: query.status } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) }),
          query.period ? periodTotals(query.period) : undefined,
        ]);
        const listed = { ...page, items: page.items.map(listedInvoice) };
        return { body: totals ? { ...listed, totals } : listed };
      },
    }),
    route({
      method: 'GET',
      path: '/export',
      audit: 'read',
      roles: STAFF,
      docs: {
        summary: 'A period’s invoices as CSV for the accountant (text/csv, UTF-8 with BOM, headers in the caller’s language), void ones included, by number',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends, one invoice per row' }),
        contentType: 'text/csv',
      },
      query: z.object({ period: invoicePeriodSchema }),
      async handle({ query, locale }) {
        const invoices = await firestoreInvoiceStore((await container()).db).ofPeriod(query.period);
        return {
          body: invoicesCsv(invoices, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="invoices-${periodDocId(query.period)}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/unreissued',
      roles: STAFF,
      docs: {
        summary: 'The void invoices not reissued in any period, newest first (at most 100): sales with no valid invoice until the office reissues them (重新開立)',
        description: 'The 發票 page warns of them whatever period it shows, so a sale voided in one period is not left out of its VAT return unseen.',
        response: z.object({ items: z.array(listedInvoiceSchema) }),
      },
      async handle() {
        const invoices = await firestoreInvoiceStore((await container()).db).voidNotReissued(100);
        return { body: { items: invoices.map(listedInvoice) } };
      },
    }),
    route({
      method: 'GET',
      path: '/reconciliation',
      roles: STAFF,
      docs: {
        summary: 'A Taipei month’s 月報 revenue against the valid invoices dated in it, every dollar of the difference named: how the accountant ties a month’s sales to its invoices',
        description:
          'The sales are the 月報’s (orders billed in the month); each is followed to its valid invoice (its month’s 月結 invoice listing it, else its own, through its reissues). Named: sales whose invoice is void and not reissued, sales not invoiced yet, sales whose valid invoice is dated in another month, and what invoices dated in the month bill beyond its sales. Allowances issued in the month are summed apart. A month not yet begun: 422 (REPORT.MONTH_IN_FUTURE).',
        response: monthReconciliationSchema,
      },
      query: z.object({ month: statementMonthSchema }),
      async handle({ query }) {
        const c = await container();
        assertReportMonth(query.month, c.clock.now());
        const invoices = firestoreInvoiceStore(c.db);
        const [orders, dated, allowances] = await Promise.all([
          firestoreSalesStore(c.db).deliveredIn(query.month),
          invoices.validIn(query.month),
          firestoreAllowanceStore(c.db).ofPeriod(periodOfDate(`${query.month}-01`)),
        ]);
        const known = await invoices.chained(reconciledInvoiceIds(salesOfMonth(query.month, orders)));
        const ofMonth = allowanceTotals(allowances.filter((a) => issuedInMonth(a, query.month)));
        return { body: reconcileMonth(query.month, orders, known, dated, { count: ofMonth.count, totalAmount: ofMonth.totalAmount }) };
      },
    }),
    route({
      method: 'GET',
      path: '/allowances',
      roles: STAFF,
      docs: {
        summary: 'A period’s allowances (折讓) of every invoice, cancelled ones included, in the order issued: the list the 發票 page shows beside the period’s invoices',
        response: z.object({ items: z.array(allowanceSchema) }),
      },
      query: z.object({ period: invoicePeriodSchema }),
      async handle({ query }) {
        return { body: { items: await firestoreAllowanceStore((await container()).db).ofPeriod(query.period) } };
      },
    }),
    route({
      method: 'GET',
      path: '/:id',
      roles: STAFF_AND_CUSTOMER,
      docs: {
        summary: 'One e-invoice. An order’s is `inv-<orderId>`, a monthly customer’s month `inv-<customerId>-<YYYY-MM>`; 404 until issued',
        response: invoiceSchema,
      },
      params: idParams,
      async handle({ params, principal }) {
        return { body: await readableInvoice(principal, params.id) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/void',
      roles: STAFF,
      docs: {
        summary: 'Void (作廢) an e-invoice with the reason, at the issuer too; the same Idempotency-Key answers the first void again',
        description:
          'Until the 13th of the month after the invoice’s period (`voidableUntil`), after which it is 422 (INVOICE.VOID_DEADLINE_PASSED) and a correction needs an allowance (折讓). Already void: 409 (INVOICE.ALREADY_VOID); with live allowances: 409 (INVOICE.HAS_ALLOWANCES, cancel them first). An issuer that cannot be reached: 503, nothing changed.',
        response: invoiceSchema,
      },
      params: idParams,
      body: voidInvoiceInputSchema,
      async handle({ params, body, principal }) {
        const c = await container();
        const store = firestoreInvoiceStore(c.db);
        const invoice = await store.get(params.id);
        // Checked before the issuer is asked, and again in the write: a void racing this one leaves one void.
        assertCanVoid(invoice, c.clock.now());
        await c.invoiceIssuer.void(invoice, body.reason);
        return { body: await store.mutate(params.id, (current) => voidInvoice(current, body, { by: actorOf(principal), now: c.clock.now() })) };
      },
    }),
    route({
      method: 'GET',
      path: '/:id/print',
      roles: STAFF,
      docs: {
        summary: 'What the next print of the 電子發票證明聯 would give, before printing: the proof (補印 if it would not be the first), the prints so far; nothing is counted',
        description: 'Refused as the print itself would be: 409 INVOICE.VOID_NOT_PRINTABLE for a void invoice, 422 INVOICE.NOT_PRINTABLE for one that went to a carrier or was donated.',
        response: proofPreviewSchema,
      },
      params: idParams,
      async handle({ params }) {
        return { body: await previewInvoiceProof(await container(), params.id) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/print',
      roles: STAFF,
      docs: {
        summary: 'Print the 電子發票證明聯 (the MOF proof, 5.7 cm roll) of a paper B2C or a B2B invoice: its fields, barcode and QR texts; every print is counted, a second one is 補印',
        description:
          'The first print is the proof, every later one a reprint (`reprint: true`, 補印 on the paper); the same Idempotency-Key answers the first print again without counting it twice. To look at the proof without counting a print: `GET` on the same path. A void invoice: 409 (INVOICE.VOID_NOT_PRINTABLE); one that went to a carrier or was donated: 422 (INVOICE.NOT_PRINTABLE, `details.reason` carrier | donation): the buyer never gets it on paper.',
        response: printedProofSchema,
      },
      params: idParams,
      async handle({ params }) {
        return { body: await printInvoiceProof(await container(), params.id) };
      },
    }),
    route({
      method: 'GET',
      path: '/:id/reissue',
      roles: STAFF,
      docs: {
        summary: 'What 重新開立 would issue for a void invoice: the same sale made out as the customer’s invoice settings are now (the buyer to confirm); nothing is issued',
        description: 'Refused as the reissue itself would be: 422 INVOICE.NOT_VOID for an invoice that is not void, 409 INVOICE.ALREADY_REISSUED once reissued.',
        response: invoiceDraftSchema,
      },
      params: idParams,
      async handle({ params }) {
        return { body: await reissueDraftOf(await container(), params.id) };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/reissue',
      roles: STAFF,
      docs: {
        summary: '重新開立: issue the invoice that replaces a void one, made out as the customer’s invoice settings are now; the same Idempotency-Key answers the first reissue again',
        description:
          'The new invoice (`<id>-r<n>`) bills the same order or month with the same lines and total, numbered in today’s period by the same issuer, and the void one gets `reissuedAs` / `reissuedNumber` in the transaction that stores it. An invoice that is not void: 422 (INVOICE.NOT_VOID); reissued already: 409 (INVOICE.ALREADY_REISSUED, naming the reissue). Out of numbers or an issuer that cannot be reached: 503, nothing changed.',
        response: invoiceSchema,
        successStatus: 201,
      },
      params: idParams,
      async handle({ params }) {
        return { body: (await reissueInvoice(await container(), params.id)).invoice };
      },
    }),
    route({
      method: 'GET',
      path: '/allowances/export',
      audit: 'read',
      roles: STAFF,
      docs: {
        summary: 'A period’s allowances (折讓) as CSV for the accountant, beside the invoices’ file (the 401 return subtracts them from the sales), cancelled ones included, by number',
        response: z.string().openapi({ description: 'UTF-8 with BOM, CRLF line ends, one allowance per row' }),
        contentType: 'text/csv',
      },
      query: z.object({ period: invoicePeriodSchema }),
      async handle({ query, locale }) {
        const allowances = await firestoreAllowanceStore((await container()).db).ofPeriod(query.period);
        return {
          body: allowancesCsv(allowances, locale),
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="allowances-${periodDocId(query.period)}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/:id/allowances',
      roles: STAFF_AND_CUSTOMER,
      docs: {
        summary: 'An invoice’s allowances (折讓), cancelled ones too, oldest first, with what is left of the invoice; a customer only their own invoice’s',
        response: z.object({ items: z.array(allowanceSchema), allowedTotal: money, remaining: money }),
      },
      params: idParams,
      async handle({ params, principal }) {
        const invoice = await readableInvoice(principal, params.id);
        const items = await firestoreAllowanceStore((await container()).db).ofInvoice(invoice.id);
        const allowedTotal = allowanceTotals(items).totalAmount;
        return { body: { items, allowedTotal, remaining: invoice.amounts.totalAmount - allowedTotal } };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/allowances',
      roles: STAFF,
      docs: {
        summary: '開立折讓: an allowance against an issued invoice, by lines (invoice line, quantity, unit price) or an amount; the same Idempotency-Key answers the first again',
        description:
          'Split into sales and tax as the invoice was (B2B: 5 % on the whole-NT$ sales; B2C: total ÷ 1.05); the invoice’s `allowedTotal` follows in the same transaction. A void invoice: 409 (INVOICE.ALREADY_VOID); more than is left of a line or of the invoice: 422 (INVOICE.ALLOWANCE_LINE_EXCEEDED / INVOICE.ALLOWANCE_EXCEEDS_INVOICE); an issuer that cannot be reached: 503, nothing stored.',
        response: allowanceSchema,
        successStatus: 201,
      },
      params: idParams,
      body: allowanceInputSchema,
      async handle({ params, body, principal, requestId }) {
        const { allowance } = await issueAllowance(await container(), params.id, body, { id: idFromRequest('alw', requestId), by: actorOf(principal) });
        return { body: allowance };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/allowances/:allowanceId/cancel',
      roles: STAFF,
      docs: {
        summary: '作廢折讓: cancel an allowance with the reason, at the issuer too; the same Idempotency-Key answers the first again',
        description:
          'Until the 13th of the month after the allowance’s own period (`cancellableUntil`), then 422 (INVOICE.ALLOWANCE_CANCEL_DEADLINE_PASSED); already cancelled: 409 (INVOICE.ALLOWANCE_ALREADY_VOID); issued on a day in the closed books (關帳): 422 (ALLOWANCE.CANCEL_BOOKS_CLOSED); its credit paid back by a refund recorded after it: 409 (INVOICE.ALLOWANCE_CREDIT_REFUNDED, void the refund first if it was a mistake too); all checked before the issuer is asked, in a transaction that marks the cancel in the customer’s credit guard, so a refund recorded while the issuer works counts its credit as gone. The invoice’s `allowedTotal` drops in the same transaction as the cancel.',
        response: allowanceSchema,
      },
      params: allowanceParams,
      body: cancelAllowanceInputSchema,
      async handle({ params, body, principal }) {
        return { body: await cancelInvoiceAllowance(await container(), params.id, params.allowanceId, body, actorOf(principal)) };
      },
    }),
  ],
};

http('invoices', createHttpHandler(invoicesFunction, async () => (await container()).http));
