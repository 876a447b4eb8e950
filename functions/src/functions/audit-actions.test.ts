import { AUDIT_ACTIONS, auditActionKey } from '../domain/audit';
import { isAudited } from '../http/endpoint';
import { API_FUNCTIONS } from './api-functions';

const audited = API_FUNCTIONS.flatMap((fn) => fn.routes.filter(isAudited).map((r) => auditActionKey(fn.name, r.method, r.path)));

describe('the audit log’s action labels', () => {
  it('name every audited route of the API, and no route that is not audited', () => {
    expect(audited.length).toBeGreaterThan(60);
    expect(new Set(audited).size).toBe(audited.length);
    expect(Object.keys(AUDIT_ACTIONS).sort()).toEqual([...audited].sort());
  });

  it('say it in zh-TW and in English, neither left empty nor copied from the other', () => {
    const unlabelled = Object.entries(AUDIT_ACTIONS).filter(([, l]) => !l['zh-TW'].trim() || !l.en.trim() || !/\p{Script=Han}/u.test(l['zh-TW']) || /\p{Script=Han}/u.test(l.en));
    expect(unlabelled).toEqual([]);
  });
});
