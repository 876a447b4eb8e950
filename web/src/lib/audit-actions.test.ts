import { API_FUNCTIONS } from '../../../functions/src/functions/api-functions';
import { isAudited } from '../../../functions/src/http/endpoint';
import en from '../locales/en.json';
import zhTW from '../locales/zh-TW.json';
import { auditActionKey, auditFunctionKey, auditFunctionOfKey } from './audit-actions';

const audited = API_FUNCTIONS.flatMap((fn) => fn.routes.filter(isAudited).map((r) => ({ fn: fn.name, key: auditActionKey(fn.name, r.method, r.path) })));
const leaves = (tree: Record<string, Record<string, string>>) => Object.entries(tree).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`));

describe('the audit log’s labels', () => {
  it('key a route by function, method and path, a root route by the method alone', () => {
    expect(auditActionKey('invoices', 'POST', '/:id/void')).toBe('invoices.post_id_void');
    expect(auditActionKey('orders', 'POST', '/')).toBe('orders.post');
    expect(auditActionKey('cylinder-stock', 'POST', '/:depotId/movements')).toBe('cylinder_stock.post_depotId_movements');
    expect(auditFunctionOfKey(auditFunctionKey('safety-inspections'))).toBe('safety-inspections');
  });

  it('name every audited route of the API, one key each, and no route that is not audited', () => {
    expect(new Set(audited.map((a) => a.key)).size).toBe(audited.length);
    expect(leaves(zhTW.auditLog.actions).sort()).toEqual(audited.map((a) => a.key).sort());
    expect(leaves(en.auditLog.actions).sort()).toEqual(audited.map((a) => a.key).sort());
  });

  it('name every function that has audited routes, for the function filter', () => {
    const functions = [...new Set(audited.map((a) => a.fn))].sort();
    expect(Object.keys(zhTW.auditLog.functions).map(auditFunctionOfKey).sort()).toEqual(functions);
  });
});
