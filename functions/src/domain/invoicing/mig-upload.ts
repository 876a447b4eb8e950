/**
 * The MOF upload of local-book invoices (上傳財政部): each issued or voided invoice numbered from our own 字軌 book, and
 * each allowance (折讓) against one and its cancel, is one message, `einvoiceUploads/{messageType}-{number}`, as is each
 * ended period's report of a 字軌's unused numbers (E0402, `E0402-<字軌><yyyMM>`, about no invoice), whose
 * XML the server builds with its configured seller; the Turnkey machine fetches it, drops it into Turnkey's UpCast
 * folder and reports on it. The law gives 48 hours (B2C) / 7 days (B2B) from issuing; we alert after 24 hours.
 *
 *   pending ──(file written into UpCast)──▶ delivered ──(Turnkey's result)──▶ accepted | rejected
 *      ▲                                                                                    │
 *      └──────────────────────────(重新上傳 by an admin, with a reason)──────────────────────┘
 *
 * A result may also arrive for a message still pending (the machine wrote the file, then died before saying so). A
 * pending void or allowance is handed to the machine only once the platform holds what it rests on (`awaitedUploads`).
 */
import { conflict } from '../errors';
import { instantSchema, z, type MessageCatalogue } from '../schema';
import type { Actor } from '../events';
import { actorSchema } from '../users/user';
import { allowanceSchema, type Allowance } from './allowance';
import { blankTrackMessages, blankTrackSchema, type BlankTrack } from './blank-track';
import { invoiceSchema, type Invoice } from './invoice';
import { migXml, MIG_MESSAGE_TYPES, turnkeyFileName, type MigCancel, type MigMessageType, type UploadMessage } from './mig';
import { rocYearMonth } from './period';
import type { InvoiceSeller } from './proof';

export const EINVOICE_UPLOAD_STATUSES = ['pending', 'delivered', 'accepted', 'rejected'] as const;
export type EinvoiceUploadStatus = (typeof EINVOICE_UPLOAD_STATUSES)[number];
export const EINVOICE_RESULT_STATUSES = ['accepted', 'rejected'] as const;

/** How long a message may wait for the platform's answer before the office is alerted (the law allows 48 h for B2C). */
export const UPLOAD_OVERDUE_MS = 24 * 3600_000;

/**
 * `<messageType>-<number>`, e.g. `F0401-AB12345678`, `G0401-AL202701200001` (an allowance's number), `E0402-LG11512` (字軌
 * and 期別); a new message type (see `mig.ts`) is taken as soon as it is listed.
 */
export const uploadIdSchema = z.string().regex(new RegExp(`^(${MIG_MESSAGE_TYPES.join('|')})-[A-Z0-9]{2,32}$`));

export const einvoiceUploadSchema = z
  .object({
    /**
     * `<messageType>-<number>` (the invoice's, or for G0401 / G0501 the allowance's; E0402: 字軌 and 期別): one message of a
     * kind per number, however often it is recorded.
     */
    id: uploadIdSchema,
    messageType: z.enum(MIG_MESSAGE_TYPES),
    /** The invoice the message is about (for G0401 / G0501, the one the allowance reduces); E0402 is about none. */
    invoiceId: z.string().optional(),
    invoiceNumber: z.string().optional(),
    status: z.enum(EINVOICE_UPLOAD_STATUSES),
    createdAt: instantSchema,
    deliveredAt: instantSchema.optional(),
    resultAt: instantSchema.optional(),
    /** Turnkey's or the platform's error, for a rejected message. */
    error: z.string().optional(),
    /** The invoice as issued (for F0501 too: the void message names its number, date and buyer); not on E0402. */
    invoice: invoiceSchema.optional(),
    /** G0401 / G0501 only: the allowance as issued. */
    allowance: allowanceSchema.optional(),
    /** F0501 / G0501 only: when and why it was voided / cancelled. */
    cancel: z.object({ at: instantSchema, reason: z.string() }).optional(),
    /** E0402 only: the 字軌's numbers the period left unused. */
    blank: blankTrackSchema.optional(),
    /** Each time an admin sent it again after a refusal (重新上傳): who, when, why, and the refusal it replaced. */
    requeues: z
      .array(z.object({ at: instantSchema, by: actorSchema, reason: z.string(), error: z.string(), rejectedAt: instantSchema.optional() }))
      .optional(),
  })
  .openapi('EinvoiceUpload', {
    description: 'One MIG message of a local-book invoice, or of a 字軌’s unused numbers (E0402), for the Turnkey machine to upload to the MOF platform',
  });
type StoredUpload = z.infer<typeof einvoiceUploadSchema>;
/** A message about an invoice (F0401 / F0501) or an allowance against one (G0401 / G0501): it names and carries the invoice. */
export type InvoiceMessageUpload = StoredUpload & {
  readonly messageType: Exclude<MigMessageType, 'E0402'>;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly invoice: Invoice;
};
/** A period's report of a 字軌's unused numbers (E0402): about no invoice. */
export type BlankTrackUpload = StoredUpload & { readonly messageType: 'E0402'; readonly blank: BlankTrack };
export type EinvoiceUpload = InvoiceMessageUpload | BlankTrackUpload;

/** A message with its Turnkey file, as the Turnkey machine fetches it: the XML built on the server with its configured seller. */
export const einvoiceUploadFileSchema = einvoiceUploadSchema
  .extend({
    /** `<messageType>_<number>.xml`, for the message type's UpCast folder (`TURNKEY_FOLDERS`). */
    fileName: z.string(),
    xml: z.string(),
  })
  .openapi('EinvoiceUploadFile', { description: 'One MIG message with the file the Turnkey machine writes into UpCast' });
export type EinvoiceUploadFile = z.infer<typeof einvoiceUploadFileSchema>;

export const uploadId = (messageType: MigMessageType, number: string): string => `${messageType}-${number}`;

function newUpload(messageType: InvoiceMessageUpload['messageType'], number: string, invoice: Invoice, now: Date): InvoiceMessageUpload {
  return {
    id: uploadId(messageType, number),
    messageType,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    status: 'pending',
    createdAt: now.toISOString(),
    invoice,
  };
}

/** The F0401 of an invoice just numbered. */
export const issueUpload = (invoice: Invoice, now: Date): InvoiceMessageUpload => newUpload('F0401', invoice.number, invoice, now);

/** The F0501 of an invoice being voided now. */
export const voidUpload = (invoice: Invoice, reason: string, now: Date): InvoiceMessageUpload => ({
  ...newUpload('F0501', invoice.number, invoice, now),
  cancel: { at: now.toISOString(), reason },
});

/** The G0401 of an allowance just numbered against the invoice. */
export const allowanceUpload = (invoice: Invoice, allowance: Allowance, now: Date): InvoiceMessageUpload => ({
  ...newUpload('G0401', allowance.number, invoice, now),
  allowance,
});

/** The E0402 of a 字軌's numbers the period left unused: `E0402-<字軌><yyyMM>`, as the letters come back in other years. */
export const blankUpload = (blank: BlankTrack, now: Date): BlankTrackUpload => ({
  id: uploadId('E0402', `${blank.track}${rocYearMonth(blank.period)}`),
  messageType: 'E0402',
  status: 'pending',
  createdAt: now.toISOString(),
  blank,
});

/** The G0501 of an allowance being cancelled now, from its G0401 (the invoice and allowance as uploaded). */
export const allowanceCancelUpload = (issued: Pick<InvoiceMessageUpload, 'invoice'> & { readonly allowance: Allowance }, reason: string, now: Date): InvoiceMessageUpload => ({
  ...newUpload('G0501', issued.allowance.number, issued.invoice, now),
  allowance: issued.allowance,
  cancel: { at: now.toISOString(), reason },
});

type UploadContent = Pick<StoredUpload, 'id' | 'messageType' | 'invoice' | 'allowance' | 'cancel' | 'blank'>;

function carried<K extends 'invoice' | 'allowance' | 'blank'>(upload: UploadContent, key: K): NonNullable<UploadContent[K]> {
  const value = upload[key];
  if (!value) throw new Error(`Upload ${upload.id} carries no ${key}`);
  return value;
}

/** What `migXml` builds the file from; a cancel recorded without its time and reason takes them from the invoice / allowance. */
export function uploadMessage(upload: UploadContent): UploadMessage {
  switch (upload.messageType) {
    case 'F0401':
      return { messageType: 'F0401', invoice: carried(upload, 'invoice') };
    case 'F0501': {
      const invoice = carried(upload, 'invoice');
      return { messageType: 'F0501', invoice, cancel: upload.cancel ?? { at: invoice.voidedAt ?? invoice.issuedAt, reason: invoice.voidReason ?? '' } };
    }
    case 'G0401':
      return { messageType: 'G0401', allowance: carried(upload, 'allowance') };
    case 'E0402':
      return { messageType: 'E0402', blank: carried(upload, 'blank') };
    case 'G0501': {
      const allowance = carried(upload, 'allowance');
      const cancel: MigCancel = upload.cancel ?? { at: allowance.cancelledAt ?? allowance.issuedAt, reason: allowance.cancelReason ?? '' };
      return { messageType: 'G0501', allowance, cancel };
    }
  }
}

/** The number a message is about, from its id: the invoice's (F0401 / F0501), the allowance's (G0401 / G0501), E0402's 字軌 and 期別. */
const numberOf = (upload: Pick<EinvoiceUpload, 'id' | 'messageType'>): string => upload.id.slice(upload.messageType.length + 1);

/** The message with the file the Turnkey machine writes: its name and the XML naming `seller`. */
export function uploadFile(upload: EinvoiceUpload, seller: InvoiceSeller): EinvoiceUploadFile {
  return { ...upload, fileName: turnkeyFileName(upload.messageType, numberOf(upload)), xml: migXml(uploadMessage(upload), seller) };
}

type UploadRef = Pick<EinvoiceUpload, 'id' | 'messageType' | 'invoiceId' | 'invoiceNumber' | 'status'>;

/**
 * The messages the platform must have accepted before it can take `upload`, of those not yet accepted; none: it may go up.
 * The platform refuses a void or an allowance of an invoice it does not hold (E0401 發票不存在), the cancel of an
 * allowance it does not hold, and (as `assertCanVoid` here) the void of an invoice with an allowance standing. Sent in
 * the same Turnkey run, or after a day the machine was off, the void would arrive with or before its invoice and be
 * refused, leaving the platform a live invoice the office voided and reissued: two invoices for one sale. So
 *  - F0401 waits for nothing;
 *  - G0401 waits for the invoice's F0401; G0501 for its allowance's G0401;
 *  - F0501 for the invoice's F0401 and every allowance message of the invoice (a void invoice's allowances are all
 *    cancelled: each G0401 and its G0501 go up first, so the platform voids an invoice with none standing);
 *  - E0402 for nothing: its numbers were never handed out, so no message of the period names them, and holding it until
 *    each of the period's invoices is accepted would let one refused invoice make the report miss the 10th.
 * `sameInvoice` is every message recorded for the invoice; one not there counts as not accepted, so it waits.
 */
export function awaitedUploads(upload: UploadRef, sameInvoice: readonly UploadRef[]): string[] {
  if (upload.messageType === 'F0401' || upload.messageType === 'E0402') return [];
  if (upload.invoiceNumber === undefined) throw new Error(`Upload ${upload.id} names no invoice`);
  const ofInvoice = sameInvoice.filter((u) => u.invoiceId === upload.invoiceId);
  const notAccepted = (ids: readonly string[]) => ids.filter((id) => ofInvoice.find((u) => u.id === id)?.status !== 'accepted');
  const issue = uploadId('F0401', upload.invoiceNumber);
  switch (upload.messageType) {
    case 'G0401':
      return notAccepted([issue]);
    case 'G0501':
      return notAccepted([uploadId('G0401', numberOf(upload))]);
    case 'F0501':
      return notAccepted([issue, ...ofInvoice.filter((u) => u.messageType === 'G0401' || u.messageType === 'G0501').map((u) => u.id)]);
  }
}

export const heldUploadSchema = einvoiceUploadSchema
  .extend({
    /** The messages it waits for, each as it stands: `missing` when none is recorded (it would be refused as well). */
    awaiting: z.array(z.object({ id: uploadIdSchema, status: z.enum([...EINVOICE_UPLOAD_STATUSES, 'missing']) })).min(1),
    /** Since when it waits: recorded, or last sent again (重新上傳). */
    waitingSince: instantSchema,
  })
  .openapi('HeldEinvoiceUpload', { description: 'A pending message held back until the platform accepted what it rests on' });
export type HeldUpload = z.infer<typeof heldUploadSchema>;

/** A pending message with what it waits for (`awaitedUploads`) and since when; null for one that may go up now, or is not pending. */
export function heldUpload(upload: EinvoiceUpload, sameInvoice: readonly EinvoiceUpload[]): HeldUpload | null {
  if (upload.status !== 'pending') return null;
  const awaited = awaitedUploads(upload, sameInvoice);
  if (awaited.length === 0) return null;
  const awaiting = awaited.map((id) => ({ id, status: sameInvoice.find((u) => u.id === id)?.status ?? ('missing' as const) }));
  return { ...upload, awaiting, waitingSince: upload.requeues?.at(-1)?.at ?? upload.createdAt };
}

/** Written into UpCast: a pending message becomes delivered; any other is left as it is (null). */
export function markDelivered<U extends EinvoiceUpload>(upload: U, now: Date): U | null {
  return upload.status === 'pending' ? { ...upload, status: 'delivered', deliveredAt: now.toISOString() } : null;
}

export interface UploadResult {
  readonly id: string;
  readonly status: (typeof EINVOICE_RESULT_STATUSES)[number];
  readonly error?: string | undefined;
}

/** Turnkey's verdict on a pending or delivered message; a message already decided keeps its verdict (null). */
export function applyResult<U extends EinvoiceUpload>(upload: U, result: UploadResult, now: Date): U | null {
  if (upload.status === 'accepted' || upload.status === 'rejected') return null;
  const { error: _previous, ...rest } = upload;
  // Only the status fields every kind shares change: the message's kind and content are the upload's own, so it stays a U.
  return {
    ...rest,
    status: result.status,
    resultAt: now.toISOString(),
    ...(result.status === 'rejected' ? { error: result.error ?? '' } : {}),
  } as U;
}

export const requeueUploadInputSchema = z
  .object({ reason: z.string().trim().min(1).max(200) })
  .openapi('EinvoiceUploadRequeue', { example: { reason: '原發票已上傳成功，重新上傳作廢' } });
export type RequeueUploadInput = z.infer<typeof requeueUploadInputSchema>;

/**
 * 重新上傳: a refused message back to pending, for the Turnkey machine to take again (once what it rests on is accepted,
 * `awaitedUploads`): a refusal is otherwise final, and a void refused because it went up before its invoice would leave
 * the invoice live at the platform. The refusal and who sent it again, when and why are kept in `requeues`; the earlier
 * hand-over and result times go, as they were of the refused attempt.
 * @throws `INVOICE.UPLOAD_NOT_REJECTED` (409) for a message not refused: pending or delivered ones are on their way, accepted ones are at the platform.
 */
export function requeueUpload<U extends EinvoiceUpload>(upload: U, input: RequeueUploadInput, ctx: { readonly by: Actor; readonly now: Date }): U {
  if (upload.status !== 'rejected') throw conflict('INVOICE.UPLOAD_NOT_REJECTED', `Upload ${upload.id} is ${upload.status}, not rejected`, { id: upload.id });
  const { error, deliveredAt: _delivered, resultAt, ...rest } = upload;
  const requeue = { at: ctx.now.toISOString(), by: ctx.by, reason: input.reason, error: error ?? '', ...(resultAt ? { rejectedAt: resultAt } : {}) };
  // As in applyResult: only shared status fields change, so it stays a U.
  return { ...rest, status: 'pending', requeues: [...(upload.requeues ?? []), requeue] } as U;
}

export const uploadMessages: MessageCatalogue = {
  ...blankTrackMessages,
  'INVOICE.UPLOAD_NOT_FOUND': { 'zh-TW': '找不到這筆上傳財政部的訊息', en: 'No such MOF upload message' },
  'INVOICE.UPLOAD_NOT_REJECTED': {
    'zh-TW': '這筆訊息沒有被拒收（仍在上傳中或已被接受），不需要重新上傳',
    en: 'This message was not refused (it is on its way or accepted): there is nothing to send again',
  },
};

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
