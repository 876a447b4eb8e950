/**
 * The MOF upload of local-book invoices (上傳財政部): each issued or voided invoice numbered from our own 字軌 book is
 * one message, `einvoiceUploads/{messageType}-{invoiceNumber}`, which the Turnkey machine fetches, drops into Turnkey's
 * UpCast folder and reports on. The law gives 48 hours (B2C) / 7 days (B2B) from issuing; we alert after 24 hours.
 *
 *   pending ──(file written into UpCast)──▶ delivered ──(Turnkey's result)──▶ accepted | rejected
 *
 * A result may also arrive for a message still pending (the machine wrote the file, then died before saying so).
 */
import { instantSchema, z } from '../schema';
import { invoiceSchema, type Invoice } from './invoice';
import { MIG_MESSAGE_TYPES, type MigMessageType, type UploadMessage } from './mig';

export const EINVOICE_UPLOAD_STATUSES = ['pending', 'delivered', 'accepted', 'rejected'] as const;
export type EinvoiceUploadStatus = (typeof EINVOICE_UPLOAD_STATUSES)[number];
export const EINVOICE_RESULT_STATUSES = ['accepted', 'rejected'] as const;

/** How long a message may wait for the platform's answer before the office is alerted (the law allows 48 h for B2C). */
export const UPLOAD_OVERDUE_MS = 24 * 3600_000;

/** `<messageType>-<number>`, e.g. `F0401-AB12345678`; a new message type (see `mig.ts`) is taken as soon as it is listed. */
export const uploadIdSchema = z.string().regex(new RegExp(`^(${MIG_MESSAGE_TYPES.join('|')})-[A-Z0-9]{2,32}$`));

export const einvoiceUploadSchema = z
  .object({
    /** `<messageType>-<invoiceNumber>`: one message of a kind per number, however often it is recorded. */
    id: uploadIdSchema,
    messageType: z.enum(MIG_MESSAGE_TYPES),
    invoiceId: z.string(),
    invoiceNumber: z.string(),
    status: z.enum(EINVOICE_UPLOAD_STATUSES),
    createdAt: instantSchema,
    deliveredAt: instantSchema.optional(),
    resultAt: instantSchema.optional(),
    /** Turnkey's or the platform's error, for a rejected message. */
    error: z.string().optional(),
    /** The invoice as issued (for F0501 too: the void message names its number, date and buyer). */
    invoice: invoiceSchema,
    /** F0501 only: when and why it was voided. */
    cancel: z.object({ at: instantSchema, reason: z.string() }).optional(),
  })
  .openapi('EinvoiceUpload', {
    description: 'One MIG message of a local-book invoice for the Turnkey machine to upload to the MOF platform',
  });
export type EinvoiceUpload = z.infer<typeof einvoiceUploadSchema>;

export const uploadId = (messageType: MigMessageType, invoiceNumber: string): string => `${messageType}-${invoiceNumber}`;

function newUpload(messageType: MigMessageType, invoice: Invoice, now: Date): EinvoiceUpload {
  return {
    id: uploadId(messageType, invoice.number),
    messageType,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    status: 'pending',
    createdAt: now.toISOString(),
    invoice,
  };
}

/** The F0401 of an invoice just numbered. */
export const issueUpload = (invoice: Invoice, now: Date): EinvoiceUpload => newUpload('F0401', invoice, now);

/** The F0501 of an invoice being voided now. */
export const voidUpload = (invoice: Invoice, reason: string, now: Date): EinvoiceUpload => ({
  ...newUpload('F0501', invoice, now),
  cancel: { at: now.toISOString(), reason },
});

/** What `migXml` builds the file from. */
export function uploadMessage(upload: Pick<EinvoiceUpload, 'messageType' | 'invoice' | 'cancel'>): UploadMessage {
  if (upload.messageType === 'F0401') return { messageType: 'F0401', invoice: upload.invoice };
  return { messageType: 'F0501', invoice: upload.invoice, cancel: upload.cancel ?? { at: upload.invoice.voidedAt ?? upload.invoice.issuedAt, reason: upload.invoice.voidReason ?? '' } };
}

/** Written into UpCast: a pending message becomes delivered; any other is left as it is (null). */
export function markDelivered(upload: EinvoiceUpload, now: Date): EinvoiceUpload | null {
  return upload.status === 'pending' ? { ...upload, status: 'delivered', deliveredAt: now.toISOString() } : null;
}

export interface UploadResult {
  readonly id: string;
  readonly status: (typeof EINVOICE_RESULT_STATUSES)[number];
  readonly error?: string | undefined;
}

/** Turnkey's verdict on a pending or delivered message; a message already decided keeps its verdict (null). */
export function applyResult(upload: EinvoiceUpload, result: UploadResult, now: Date): EinvoiceUpload | null {
  if (upload.status === 'accepted' || upload.status === 'rejected') return null;
  const { error: _previous, ...rest } = upload;
  return {
    ...rest,
    status: result.status,
    resultAt: now.toISOString(),
    ...(result.status === 'rejected' ? { error: result.error ?? '' } : {}),
  };
}

/** Waiting for the platform's answer for longer than `UPLOAD_OVERDUE_MS`. */
export const isOverdue = (upload: Pick<EinvoiceUpload, 'status' | 'createdAt'>, now: Date): boolean =>
  (upload.status === 'pending' || upload.status === 'delivered') && now.getTime() - Date.parse(upload.createdAt) > UPLOAD_OVERDUE_MS;

const uploadIdsSchema = z.array(uploadIdSchema).min(1).max(500);

export const uploadsDeliveredInputSchema = z
  .object({ ids: uploadIdsSchema })
  .openapi('EinvoiceUploadsDelivered', { example: { ids: ['F0401-AB12345678'] } });

export const uploadResultsInputSchema = z
  .object({
    results: z
      .array(z.object({ id: uploadIdSchema, status: z.enum(EINVOICE_RESULT_STATUSES), error: z.string().trim().min(1).max(500).optional() }))
      .min(1)
      .max(500),
  })
  .openapi('EinvoiceUploadResults', {
    example: { results: [{ id: 'F0401-AB12345678', status: 'accepted' }, { id: 'F0501-AB12345679', status: 'rejected', error: 'E0401 發票不存在' }] },
  });
