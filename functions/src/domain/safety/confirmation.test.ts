import { erasedConfirmation, withoutSignature, type RecordedConfirmation } from './confirmation';
import { safetyInspectionInputSchema } from './inspection';
import { SAFETY_ITEMS } from './checklist';

/** A 1×1 transparent PNG, as a canvas gives it. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const body = (confirmation?: unknown) => ({
  customerId: 'c',
  inspectedOn: '2026-11-20',
  items: SAFETY_ITEMS.map((item) => ({ item, result: 'ok' })),
  ...(confirmation === undefined ? {} : { confirmation }),
});
const messagesOf = (confirmation?: unknown) => {
  const parsed = safetyInspectionInputSchema.safeParse(body(confirmation));
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the on-site confirmation (受檢用戶簽名)', () => {
  it('is required: an inspection names who signed or why nobody did', () => {
    expect(messagesOf()).toEqual(['confirmation: SAFETY.CONFIRMATION_REQUIRED']);
    expect(messagesOf({ kind: 'maybe' })).toEqual(['confirmation.kind: SAFETY.CONFIRMATION_REQUIRED']);
  });

  it('takes a signature drawn on screen with the signer’s name, trimmed', () => {
    const parsed = safetyInspectionInputSchema.parse(body({ kind: 'signature', name: ' 林美玲 ', signature: PNG }));
    expect(parsed.confirmation).toEqual({ kind: 'signature', name: '林美玲', signature: PNG });
  });

  it('refuses a signature without a name, or one that is not a PNG image', () => {
    expect(messagesOf({ kind: 'signature', name: ' ', signature: PNG })).toEqual(['confirmation.name: SAFETY.SIGNER_NAME_REQUIRED']);
    expect(messagesOf({ kind: 'signature', name: '林美玲' })).toHaveLength(1);
    expect(messagesOf({ kind: 'signature', name: '林美玲', signature: 'data:image/svg+xml;base64,PHN2Zz4=' })).toEqual(['confirmation.signature: SAFETY.SIGNATURE_INVALID']);
    expect(messagesOf({ kind: 'signature', name: '林美玲', signature: `${PNG}${'A'.repeat(200_000)}` })).toContain('confirmation.signature: SAFETY.SIGNATURE_INVALID');
  });

  it('takes a reason instead: the customer absent or refusing, and the name of who refused if given', () => {
    expect(messagesOf({ kind: 'none', reason: 'customerAbsent' })).toEqual([]);
    expect(messagesOf({ kind: 'none', reason: 'refused', name: '王先生' })).toEqual([]);
    expect(messagesOf({ kind: 'none' })).toHaveLength(1);
    expect(messagesOf({ kind: 'none', reason: 'busy' })).toHaveLength(1);
  });

  it('takes the paper form’s signature the office types in, by the signer’s name', () => {
    expect(messagesOf({ kind: 'paper', name: '林美玲' })).toEqual([]);
    expect(messagesOf({ kind: 'paper' })).toHaveLength(1);
  });

  it('is listed without the signature’s image', () => {
    const signed: { id: string; confirmation?: RecordedConfirmation } = { id: 'si-1', confirmation: { kind: 'signature', name: '林美玲', signature: PNG } };
    const before: { id: string; confirmation?: RecordedConfirmation } = { id: 'si-0' };
    expect(withoutSignature(signed)).toEqual({ id: 'si-1', confirmation: { kind: 'signature', name: '林美玲' } });
    expect(withoutSignature(before)).toEqual({ id: 'si-0' });
  });

  it('keeps only how it was confirmed once the customer is erased', () => {
    expect(erasedConfirmation({ kind: 'signature', name: '林美玲', signature: PNG })).toEqual({ kind: 'signature', name: '' });
    expect(erasedConfirmation({ kind: 'none', reason: 'refused', name: '王先生' })).toEqual({ kind: 'none', reason: 'refused' });
  });
});
