import type { HeldInvoiceUpload } from '../../composables/useInvoiceUploads';
import { byLongestWait, parseUploadId, uploadSubject } from './upload-rows';

const held = (id: string, waitingSince: string): HeldInvoiceUpload =>
  ({ id, messageType: 'F0501', invoiceNumber: id.slice(6), status: 'pending', createdAt: waitingSince, awaiting: [{ id: `F0401-${id.slice(6)}`, status: 'pending' }], waitingSince }) as HeldInvoiceUpload;

describe('what 上傳財政部 shows of a message', () => {
  it('names the invoice for F0401 / F0501, the allowance for G0401 / G0501, the 字軌 and period for E0402', () => {
    expect(uploadSubject({ id: 'F0501-TK00000003', messageType: 'F0501', invoiceNumber: 'TK00000003' })).toEqual({ kind: 'number', number: 'TK00000003' });
    expect(uploadSubject({ id: 'G0401-AL202611290001', messageType: 'G0401', invoiceNumber: 'TK00000003', allowance: { number: 'AL202611290001' } })).toEqual({
      kind: 'number',
      number: 'AL202611290001',
    });
    expect(uploadSubject({ id: 'E0402-LG11512', messageType: 'E0402', blank: { period: '2026-11/12', track: 'LG', ranges: [{ from: 412, to: 499 }] } })).toEqual({
      kind: 'blank',
      track: 'LG',
      period: '2026-11/12',
    });
  });

  it('reads a message waited for from its id', () => {
    expect(parseUploadId('F0401-TK00000003')).toEqual({ messageType: 'F0401', number: 'TK00000003' });
    expect(parseUploadId('G0401-AL202611290001')).toEqual({ messageType: 'G0401', number: 'AL202611290001' });
  });

  it('lists the held ones longest waiting first', () => {
    const rows = byLongestWait([held('F0501-TK00000002', '2026-11-29T03:00:00.000Z'), held('F0501-TK00000001', '2026-11-28T03:00:00.000Z')]);
    expect(rows.map((r) => r.id)).toEqual(['F0501-TK00000001', 'F0501-TK00000002']);
  });
});
