/**
 * 受檢用戶確認: the paper 檢查紀錄表 is signed by the customer or whoever let the technician in, who keeps a copy, so the
 * record of an inspection says who confirmed it on site — or why nobody did — before it can be stored (audit 22 F3).
 */
import { z, type MessageCatalogue } from '../schema';

/** Why an inspection carries no confirmation: nobody was there to sign (an outdoor installation), or they would not. */
export const UNCONFIRMED_REASONS = ['customerAbsent', 'refused'] as const;
export type UnconfirmedReason = (typeof UNCONFIRMED_REASONS)[number];

/**
 * A signature drawn on the screen, as the PNG the canvas gives (`data:image/png;base64,…`). Kept on the record itself: a
 * signature pad's stroke at phone size is a few kB to a few tens of kB, far within a document's 1 MiB, and it is read
 * only with its one inspection (the history leaves it out, `withoutSignature`).
 */
export const SIGNATURE_MAX_CHARS = 200_000;
export const signatureImageSchema = z
  .string()
  .max(SIGNATURE_MAX_CHARS, 'SAFETY.SIGNATURE_INVALID')
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'SAFETY.SIGNATURE_INVALID');

const signerNameSchema = z.string().trim().min(1, 'SAFETY.SIGNER_NAME_REQUIRED').max(30);

/**
 * `signature`: the person present signed on the technician's phone or the office's screen; `paper`: they signed the paper
 * form the office is typing in (kept on file there); `none`: nobody signed, and why (the name of whoever refused, if
 * given).
 */
export const confirmationSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('signature'), name: signerNameSchema, signature: signatureImageSchema }),
      z.object({ kind: z.literal('paper'), name: signerNameSchema }),
      z.object({ kind: z.literal('none'), reason: z.enum(UNCONFIRMED_REASONS), name: signerNameSchema.optional() }),
    ],
    { error: 'SAFETY.CONFIRMATION_REQUIRED' },
  )
  .openapi('SafetyConfirmation', { example: { kind: 'paper', name: '林美玲' } });
export type Confirmation = z.infer<typeof confirmationSchema>;

/**
 * The confirmation as stored and answered: as sent, except that a list of inspections leaves the signature's image out
 * (`withoutSignature`) and an erasure the signer's name and image (`erasedConfirmation`).
 */
export const recordedConfirmationSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('signature'), name: z.string(), signature: z.string().optional() }),
    z.object({ kind: z.literal('paper'), name: z.string() }),
    z.object({ kind: z.literal('none'), reason: z.enum(UNCONFIRMED_REASONS), name: z.string().optional() }),
  ])
  .openapi('SafetyConfirmationRecorded');
export type RecordedConfirmation = z.infer<typeof recordedConfirmationSchema>;

/** Without the signature's image: what a list of many inspections needs (who, how), not tens of kB each. */
export function withoutSignature<T extends { readonly confirmation?: RecordedConfirmation | undefined }>(inspection: T): T {
  const c = inspection.confirmation;
  return c?.kind === 'signature' ? { ...inspection, confirmation: { kind: 'signature', name: c.name } } : inspection;
}

/**
 * As an erasure leaves it (個資法 §11): that the inspection was confirmed, and how, stays with the safety record; the
 * signer's name and the signature's image are the person's and go.
 */
export const erasedConfirmation = (c: RecordedConfirmation): RecordedConfirmation => (c.kind === 'none' ? { kind: 'none', reason: c.reason } : { kind: c.kind, name: '' });

export const confirmationMessages: MessageCatalogue = {
  'SAFETY.CONFIRMATION_REQUIRED': {
    'zh-TW': '請在場人員簽名確認，或選擇未簽名的原因（用戶不在、拒絕簽名）',
    en: 'Have the person present sign, or choose why nobody did (customer absent, refused)',
  },
  'SAFETY.SIGNER_NAME_REQUIRED': { 'zh-TW': '請填寫簽名確認人員的姓名', en: 'Give the name of the person who signed' },
  'SAFETY.SIGNATURE_INVALID': { 'zh-TW': '簽名圖檔無法讀取，請重新簽名', en: 'The signature could not be read; please sign again' },
};
