import { AUDIT_FUNCTIONS } from '../../../functions/src/domain/audit/actions';
import { API_FUNCTIONS } from '../../../functions/src/functions/api-functions';
import { isAudited } from '../../../functions/src/http/endpoint';
import en from '../locales/en.json';
import zhTW from '../locales/zh-TW.json';
import { auditFunctionKey, auditFunctionOfKey } from './audit-actions';

const audited = [...new Set(API_FUNCTIONS.filter((fn) => fn.routes.some(isAudited)).map((fn) => fn.name))].sort();

describe('the audit log’s function labels', () => {
  it('key a function so vue-i18n takes it, and give the name back', () => {
    expect(auditFunctionKey('cylinder-stock')).toBe('cylinder_stock');
    expect(auditFunctionOfKey(auditFunctionKey('safety-inspections'))).toBe('safety-inspections');
  });

  it('name every function that has audited routes, for the function filter, in both languages', () => {
    expect(Object.keys(zhTW.auditLog.functions).map(auditFunctionOfKey).sort()).toEqual(audited);
    expect(Object.keys(en.auditLog.functions).map(auditFunctionOfKey).sort()).toEqual(audited);
  });

  it('are the names the API gives the CSV’s 功能 column, word for word', () => {
    for (const [locale, messages] of [['zh-TW', zhTW], ['en', en]] as const) {
      const page = Object.fromEntries(Object.entries(messages.auditLog.functions).map(([key, label]) => [auditFunctionOfKey(key), label]));
      const api = Object.fromEntries(Object.entries(AUDIT_FUNCTIONS).map(([fn, labels]) => [fn, labels[locale]]));
      expect(page).toEqual(api);
    }
  });
});
