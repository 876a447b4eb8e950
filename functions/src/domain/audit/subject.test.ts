import { auditSubjectKind, auditSubjectOf } from './subject';

const fields = (doc: Record<string, unknown>) => (path: string) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], doc);

describe('audit subjects', () => {
  it('tells the kind of record by the prefix of its id; others are not named', () => {
    expect(['ord-20261201-0232-1', 'cust-0246', 'si-1117ee299cc8633f8bb3', 'svc-3f2a9c', 'inv-ord-20261130-0255-1-r1', 'pay-3077083c', 'opt-ae81-1', 'u-office'].map(auditSubjectKind)).toEqual([
      'order',
      'customer',
      'safetyInspection',
      'serviceCall',
      'invoice',
      null,
      null,
      null,
    ]);
  });

  it('names an order, an inspection and a service call by customer and day, a customer by code and name, an invoice by number and buyer', () => {
    expect(auditSubjectOf('order', fields({ customerName: '林記麵館', requestedDate: '2026-12-01' }))).toEqual({ kind: 'order', name: '林記麵館', date: '2026-12-01' });
    expect(auditSubjectOf('safetyInspection', fields({ customer: { name: '好味小吃' }, inspectedOn: '2026-11-30' }))).toEqual({ kind: 'safetyInspection', name: '好味小吃', date: '2026-11-30' });
    // Opened at 23:30 UTC on 30 November: the 1st of December in Taipei.
    expect(auditSubjectOf('serviceCall', fields({ customer: { name: '林家' }, openedAt: '2026-11-30T23:30:00.000Z' }))).toEqual({ kind: 'serviceCall', name: '林家', date: '2026-12-01' });
    expect(auditSubjectOf('customer', fields({ code: 'C0246', name: '林記麵館' }))).toEqual({ kind: 'customer', name: 'C0246 林記麵館' });
    expect(auditSubjectOf('invoice', fields({ number: 'AB12345678', customer: { name: '林記麵館' } }))).toEqual({ kind: 'invoice', name: '林記麵館', number: 'AB12345678' });
  });

  it('names nothing from a record without its name', () => {
    expect(auditSubjectOf('order', fields({ requestedDate: '2026-12-01' }))).toBeNull();
    expect(auditSubjectOf('invoice', fields({ customer: { name: '林記麵館' } }))).toBeNull();
  });
});
