import type { HeldInvoiceUpload, InvoiceUpload, InvoiceUploadMessage } from '../../composables/useInvoiceUploads';

/**
 * What 上傳財政部 shows of a MIG message (functions/src/domain/invoicing/mig-upload.ts): the number it is about — the
 * allowance's for G0401 / G0501, the invoice's for F0401 / F0501, for E0402 its 字軌 and period — and, for one held back,
 * each message it waits for by type and number.
 */

/** The number a message names: an invoice or allowance number, or for E0402 a 字軌 and its period. */
export type UploadSubject = { kind: 'number'; number: string } | { kind: 'blank'; track: string; period: string };

export function uploadSubject(upload: Pick<InvoiceUpload, 'id' | 'messageType' | 'allowance' | 'invoiceNumber' | 'blank'>): UploadSubject {
  if (upload.blank) return { kind: 'blank', track: upload.blank.track, period: upload.blank.period };
  return { kind: 'number', number: upload.allowance?.number ?? upload.invoiceNumber ?? parseUploadId(upload.id).number };
}

/** `F0401-TK00000001` → F0401 and TK00000001: how a held message names what it waits for. */
export function parseUploadId(id: string): { messageType: InvoiceUploadMessage; number: string } {
  const dash = id.indexOf('-');
  return { messageType: id.slice(0, dash) as InvoiceUploadMessage, number: id.slice(dash + 1) };
}

/** The held messages oldest wait first: the one waiting longest is the one to look into. */
export const byLongestWait = (held: readonly HeldInvoiceUpload[]): HeldInvoiceUpload[] =>
  [...held].sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.id.localeCompare(b.id));
