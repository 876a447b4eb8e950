import { auditActionKey, auditActionLabel, auditFunctionLabel } from './actions';

describe('what an audit entry did, as people read it', () => {
  const voided = { function: 'invoices', method: 'POST', route: '/:id/void', summary: 'Void (作廢) an e-invoice with the reason' };

  it('is the route’s label in the caller’s language', () => {
    expect(auditActionLabel(voided, 'zh-TW')).toBe('作廢發票');
    expect(auditActionLabel(voided, 'en')).toBe('Void invoice');
  });

  it('is the summary it was recorded with for a route the labels no longer name (renamed or removed)', () => {
    const gone = { ...voided, route: '/:id/annul', summary: 'Annul an invoice' };
    expect(auditActionLabel(gone, 'zh-TW')).toBe('Annul an invoice');
    expect(auditActionLabel({ ...voided, function: 'bills' }, 'en')).toBe(voided.summary);
  });

  it('says after it that an order was put on a closure day anyway (緊急配送), and why', () => {
    const placed = { function: 'orders', method: 'POST', route: '/', summary: 'Create an order', body: { requestedDate: '2026-12-01', closureOverride: { reason: '獨居長者瓦斯用完' } } };
    expect(auditActionLabel(placed, 'zh-TW')).toBe('新增訂單（休息日緊急配送：獨居長者瓦斯用完）');
    expect(auditActionLabel(placed, 'en')).toBe('Create order (emergency delivery on a closure day: 獨居長者瓦斯用完)');
    expect(auditActionLabel({ ...placed, body: { requestedDate: '2026-12-02' } }, 'zh-TW')).toBe('新增訂單');
  });

  it('is keyed by function, method and route template, as the entry names them', () => {
    expect(auditActionKey('cylinder-stock', 'POST', '/:depotId/movements')).toBe('cylinder-stock POST /:depotId/movements');
  });
});

describe('a function of the API, as the audit log’s CSV names it', () => {
  it('is its name in the caller’s language, or its id once it is no longer there', () => {
    expect(auditFunctionLabel('cylinder-stock', 'zh-TW')).toBe('鋼瓶庫存');
    expect(auditFunctionLabel('cylinder-stock', 'en')).toBe('Cylinder stock');
    expect(auditFunctionLabel('bills', 'zh-TW')).toBe('bills');
  });
});
