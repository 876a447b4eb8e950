import { container } from '../adapters/container';
import { firestoreUploadStore } from '../adapters/invoicing/einvoice-upload-store';
import {
  EINVOICE_UPLOAD_STATUSES,
  einvoiceUploadFileSchema,
  einvoiceUploadSchema,
  heldUploadSchema,
  requeueUploadInputSchema,
  uploadFile,
  uploadIdSchema,
  uploadResultsInputSchema,
  uploadsDeliveredInputSchema,
} from '../domain/invoicing/mig-upload';
import { z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { route } from '../http/endpoint';

/**
 * The Turnkey machine's side of the MOF upload (上傳財政部), served by the `invoices` function under
 * `/api/invoices/uploads`: `npm run turnkey:sync` on that machine pulls the pending messages, writes them into Turnkey's
 * UpCast folders, says which it delivered and reports Turnkey's results; the admin's invoices page reads the counts, the
 * rejected ones and those held back for what they rest on. The machine signs in as a `turnkey` account, which may call nothing else; admin may call them too.
 * Sending a refused message again (重新上傳) is the admin's alone: it is a person's decision, with a reason, not the machine's.
 */
const TURNKEY = ['admin', 'turnkey'] as const;
const countsSchema = z.object(Object.fromEntries(EINVOICE_UPLOAD_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof EINVOICE_UPLOAD_STATUSES)[number], z.ZodNumber>);
const batchOutcomeSchema = z
  .object({ updated: z.array(z.string()), unchanged: z.array(z.string()), unknown: z.array(z.string()) })
  .openapi('EinvoiceUploadBatchOutcome', {
    description: 'Ids changed, ids already past that step (a repeat changes nothing), ids no message has',
    example: { updated: ['F0401-AB12345678'], unchanged: [], unknown: [] },
  });

export const invoiceUploadRoutes = [
  route({
    method: 'GET',
    path: '/uploads',
    roles: TURNKEY,
    docs: {
      summary: 'MIG messages of local-book invoices for the MOF upload, in one status (default pending), by id; with every status’s count',
      description:
        'Pass `nextCursor` back as `cursor`; null on the last page. Pending lists only what the platform can take now: an F0501 or G0401 once the invoice’s F0401 is accepted (an F0501 also once each of the invoice’s G0401 / G0501 is), a G0501 once its G0401 is; one still waiting is counted as pending but not listed, so a page may hold fewer than `limit`. Each message carries the invoice as issued (G0401 / G0501: and the allowance; F0501 / G0501: the time and reason) and its Turnkey file: `fileName` and the MIG `xml`, built here with the configured seller (LG_INVOICE_SELLER_*), which the Turnkey machine writes as it is.',
      response: z.object({ items: z.array(einvoiceUploadFileSchema), nextCursor: z.string().nullable(), counts: countsSchema }),
    },
    query: z.object({
      status: z.enum(EINVOICE_UPLOAD_STATUSES).default('pending'),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      cursor: uploadIdSchema.optional(),
    }),
    async handle({ query }) {
      const c = await container();
      const store = firestoreUploadStore(c.db);
      const [page, counts] = await Promise.all([
        store.list({ status: query.status, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }),
        store.counts(),
      ]);
      return { body: { items: page.items.map((u) => uploadFile(u, c.config.invoiceSeller)), nextCursor: page.nextCursor, counts } };
    },
  }),
  route({
    method: 'GET',
    path: '/uploads/held',
    roles: ['admin'],
    docs: {
      summary: 'Pending messages held back until the platform accepted what they rest on, each with what it waits for and since when',
      description:
        'The pending messages `GET /uploads?status=pending` leaves out: an F0501 or G0401 whose invoice’s F0401 is not accepted yet (an F0501 also waiting for the invoice’s G0401 / G0501), a G0501 whose G0401 is not. `awaiting` names each message waited for and its status (`missing` when none is recorded); `waitingSince` is when it was recorded or last sent again. By id, at most `limit`; pass `nextCursor` back as `cursor`.',
      response: z.object({ items: z.array(heldUploadSchema), nextCursor: z.string().nullable() }),
    },
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: uploadIdSchema.optional() }),
    async handle({ query }) {
      const c = await container();
      return { body: await firestoreUploadStore(c.db).held({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }) };
    },
  }),
  route({
    method: 'POST',
    path: '/uploads/delivered',
    roles: TURNKEY,
    docs: {
      summary: 'Mark messages delivered: their files are in Turnkey’s UpCast folder (a message already delivered or decided is left as it is)',
      response: batchOutcomeSchema,
    },
    body: uploadsDeliveredInputSchema,
    async handle({ body }) {
      const c = await container();
      return { body: await firestoreUploadStore(c.db).markDelivered(body.ids, c.clock.now()) };
    },
  }),
  route({
    method: 'POST',
    path: '/uploads/:id/requeue',
    roles: ['admin'],
    docs: {
      summary: 'Send a refused message again (重新上傳): back to pending with the reason, for the Turnkey machine’s next run',
      description:
        'Once what it rests on is fixed (a void refused because its invoice had not arrived goes up once the invoice’s F0401 is accepted). The refusal, who, when and why are kept in `requeues`. Not refused: 409 (INVOICE.UPLOAD_NOT_REJECTED); no such message: 404 (INVOICE.UPLOAD_NOT_FOUND).',
      response: einvoiceUploadSchema,
    },
    params: z.object({ id: uploadIdSchema }),
    body: requeueUploadInputSchema,
    async handle({ params, body, principal }) {
      const c = await container();
      return { body: await firestoreUploadStore(c.db).requeue(params.id, body, { by: actorOf(principal), now: c.clock.now() }) };
    },
  }),
  route({
    method: 'POST',
    path: '/uploads/results',
    roles: TURNKEY,
    // The Turnkey machine reports every verdict it still finds on each 10-minute run; each message keeps its verdict and when.
    audit: false,
    docs: {
      summary: 'Record Turnkey’s results: accepted, or rejected with the error (a message already decided keeps its result)',
      response: batchOutcomeSchema,
    },
    body: uploadResultsInputSchema,
    async handle({ body }) {
      const c = await container();
      return { body: await firestoreUploadStore(c.db).recordResults(body.results, c.clock.now()) };
    },
  }),
];
