import { DomainError } from '../errors';
import { exampleOf } from '../schema';
import { allowanceSchema, type Allowance } from './allowance';
import { invoiceSchema } from './invoice';
import { allowanceCancelUpload, allowanceUpload, applyResult, awaitedUploads, blankUpload, einvoiceUploadSchema, heldUpload, heldUploadSchema, issueUpload, markDelivered, requeueUpload, voidUpload, type EinvoiceUpload } from './mig-upload';

const invoice = invoiceSchema.parse(exampleOf(invoiceSchema));
const allowance: Allowance = { ...allowanceSchema.parse(exampleOf(allowanceSchema)), invoiceId: invoice.id, invoiceNumber: invoice.number, number: 'AL202701200001' };
const now = new Date('2027-01-20T02:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3600_000);
const accepted = (u: EinvoiceUpload): EinvoiceUpload => applyResult(u, { id: u.id, status: 'accepted' }, later(1))!;
const rejected = (u: EinvoiceUpload, error = 'E0401 發票不存在'): EinvoiceUpload => applyResult(markDelivered(u, later(1))!, { id: u.id, status: 'rejected', error }, later(2))!;

const issue = issueUpload(invoice, now);
const voided = voidUpload(invoice, '統一編號開錯', now);
const allowed = allowanceUpload(invoice, allowance, now);
const allowanceCancelled = allowanceCancelUpload({ invoice, allowance }, '數量開錯', now);

describe('what a message waits for before the platform can take it (awaitedUploads)', () => {
  it('lets an invoice’s F0401 go up at once', () => {
    expect(awaitedUploads(issue, [])).toEqual([]);
  });

  it('holds a void (F0501) sent with its invoice until the platform accepted the invoice’s F0401', () => {
    expect(awaitedUploads(voided, [issue, voided])).toEqual([issue.id]);
    expect(awaitedUploads(voided, [markDelivered(issue, later(1))!, voided])).toEqual([issue.id]);
    expect(awaitedUploads(voided, [rejected(issue), voided])).toEqual([issue.id]);
    expect(awaitedUploads(voided, [accepted(issue), voided])).toEqual([]);
  });

  it('holds a message whose invoice has no F0401 recorded, rather than send it to be refused', () => {
    expect(awaitedUploads(voided, [voided])).toEqual([issue.id]);
    expect(awaitedUploads(allowed, [])).toEqual([issue.id]);
  });

  it('holds an allowance (G0401) until the invoice’s F0401 is accepted, and its cancel (G0501) until the G0401 is', () => {
    expect(awaitedUploads(allowed, [issue, allowed])).toEqual([issue.id]);
    expect(awaitedUploads(allowed, [accepted(issue), allowed])).toEqual([]);
    expect(awaitedUploads(allowanceCancelled, [accepted(issue), allowed, allowanceCancelled])).toEqual([allowed.id]);
    expect(awaitedUploads(allowanceCancelled, [accepted(issue), accepted(allowed), allowanceCancelled])).toEqual([]);
  });

  it('holds a void until each of the invoice’s allowances and their cancels are accepted, so none stands at the platform', () => {
    const all = [accepted(issue), accepted(allowed), allowanceCancelled, voided];
    expect(awaitedUploads(voided, all)).toEqual([allowanceCancelled.id]);
    expect(awaitedUploads(voided, [accepted(issue), accepted(allowed), accepted(allowanceCancelled), voided])).toEqual([]);
  });

  it('lets an E0402 go up at once: its numbers were never handed out, so no message of the period names them', () => {
    const blank = blankUpload({ period: '2026-11/12', track: 'TK', ranges: [{ from: 5, to: 49 }] }, now);
    expect(awaitedUploads(blank, [issue, voided])).toEqual([]);
    expect(einvoiceUploadSchema.safeParse(blank).success).toBe(true);
  });

  it('reads only the messages of the message’s own invoice', () => {
    const other = { ...accepted(issue), invoiceId: 'inv-other' };
    expect(awaitedUploads(voided, [other, voided])).toEqual([issue.id]);
  });
});

describe('a message held back (heldUpload)', () => {
  it('names each message it waits for as it stands, `missing` when none is recorded, and waits since it was recorded', () => {
    const held = heldUpload(voided, [rejected(issue), voided]);
    expect(held).toMatchObject({ id: voided.id, awaiting: [{ id: issue.id, status: 'rejected' }], waitingSince: now.toISOString() });
    expect(heldUploadSchema.safeParse(held).success).toBe(true);
    expect(heldUpload(allowed, [])).toMatchObject({ awaiting: [{ id: issue.id, status: 'missing' }] });
    const all = [accepted(issue), markDelivered(allowed, later(1))!, allowanceCancelled, voided];
    expect(heldUpload(voided, all)?.awaiting).toEqual([{ id: allowed.id, status: 'delivered' }, { id: allowanceCancelled.id, status: 'pending' }]);
  });

  it('waits since it was last sent again (重新上傳), not since it was first recorded', () => {
    const again = requeueUpload(rejected(voided), { reason: '原發票已補傳' }, { by: { uid: 'u-admin', role: 'admin' }, now: later(5) });
    expect(heldUpload(again, [issue, again])?.waitingSince).toBe(later(5).toISOString());
  });

  it('is null for one that may go up now, or is no longer pending', () => {
    expect(heldUpload(issue, [issue])).toBeNull();
    expect(heldUpload(voided, [accepted(issue), voided])).toBeNull();
    expect(heldUpload(markDelivered(voided, later(1))!, [issue])).toBeNull();
  });
});

describe('sending a refused message again (requeueUpload)', () => {
  const by = { uid: 'u-admin', role: 'admin' } as const;

  it('puts a refused message back to pending, keeping the refusal, who, when and why', () => {
    const refused = rejected(voided);
    const again = requeueUpload(refused, { reason: '原發票已上傳成功' }, { by, now: later(5) });
    expect(again).toMatchObject({ id: voided.id, status: 'pending', requeues: [{ at: later(5).toISOString(), by, reason: '原發票已上傳成功', error: 'E0401 發票不存在', rejectedAt: later(2).toISOString() }] });
    expect(again).not.toHaveProperty('error');
    expect(again).not.toHaveProperty('deliveredAt');
    expect(again).not.toHaveProperty('resultAt');
    // Handed over and answered again like any pending message; a second refusal is kept beside the first.
    const twice = requeueUpload(rejected(again, 'E0401 再次拒收'), { reason: '再試一次' }, { by, now: later(9) });
    expect(twice.requeues?.map((r) => r.error)).toEqual(['E0401 發票不存在', 'E0401 再次拒收']);
  });

  it('refuses a message that was not refused: pending and delivered ones are on their way, accepted ones at the platform', () => {
    for (const u of [voided, markDelivered(voided, later(1))!, accepted(voided)]) {
      expect(() => requeueUpload(u, { reason: '重送' }, { by, now: later(5) })).toThrow(DomainError);
      expect(() => requeueUpload(u, { reason: '重送' }, { by, now: later(5) })).toThrow(expect.objectContaining({ code: 'INVOICE.UPLOAD_NOT_REJECTED' }));
    }
  });
});
