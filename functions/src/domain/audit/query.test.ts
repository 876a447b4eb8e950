import { auditEntryOf } from './entry';
import { anAuditedRequest } from '../test-support';
import { auditExportQuerySchema, auditFilterOf, auditLogCsv, auditLogQuerySchema, entryView } from './query';

describe('the audit log query', () => {
  it('turns Taipei days into the UTC instants of their midnights, the last day included', () => {
    expect(auditFilterOf({ from: '2026-11-01', to: '2026-11-30', actorUid: 'u-office', function: 'invoices', entityId: 'inv-1' })).toEqual({
      actorUid: 'u-office',
      function: 'invoices',
      entityId: 'inv-1',
      atFrom: '2026-10-31T16:00:00.000Z',
      atBefore: '2026-11-30T16:00:00.000Z',
    });
    expect(auditFilterOf({})).toEqual({});
  });

  it('refuses a range that ends before it starts; an export names at most a year', () => {
    expect(auditLogQuerySchema.safeParse({ from: '2026-11-02', to: '2026-11-01' }).error?.issues[0]).toMatchObject({ message: 'AUDIT.RANGE_INVALID', path: ['to'] });
    expect(auditLogQuerySchema.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(auditExportQuerySchema.safeParse({ from: '2026-01-01', to: '2026-12-31' }).success).toBe(true);
    expect(auditExportQuerySchema.safeParse({ from: '2026-01-01', to: '2027-01-02' }).success).toBe(false);
    expect(auditExportQuerySchema.safeParse({ from: '2026-01-01' }).success).toBe(false);
  });
});

describe('an entry as the admin reads it', () => {
  const entry = auditEntryOf(anAuditedRequest({ function: 'invoices', route: '/:id/void', summary: 'Void an invoice', params: { id: 'inv-1' } }), new Date('2026-11-28T02:03:04Z'));

  it('names what was done in the caller’s language, with the actor’s display name, and not when it expires', () => {
    expect(entryView(entry, '王小姐', 'zh-TW')).toMatchObject({ action: '作廢發票', summary: 'Void an invoice', actor: { uid: 'u-office', name: '王小姐' } });
    expect(entryView(entry, undefined, 'en').action).toBe('Void invoice');
    expect(entryView(entry, undefined, 'en').actor).not.toHaveProperty('name');
    expect(entryView(entry, undefined, 'en')).not.toHaveProperty('expiresAt');
  });
});

describe('the audit log CSV', () => {
  const entry = auditEntryOf(
    anAuditedRequest({ function: 'invoices', route: '/:id/void', summary: 'Void an invoice', params: { id: 'inv-1' }, body: { reason: '買方資料錯誤, 重開' }, status: 200, response: { id: 'inv-1' } }),
    new Date('2026-11-28T02:03:04Z'),
  );

  it('is a file Excel opens as UTF-8: byte order mark, CRLF, each entry in Taipei time with who, what and the body, in zh-TW', () => {
    const csv = auditLogCsv([entryView(entry, '王小姐', 'zh-TW')], 'zh-TW');
    expect(csv.startsWith('\uFEFF時間,帳號,姓名,角色,動作,功能,方法,路徑,對象,狀態,IP,參數,內容,請求編號\r\n')).toBe(true);
    expect(csv).toContain('\r\n2026-11-28 10:03:04,u-office,王小姐,辦公室,作廢發票,發票,POST,/:id/void,inv-1,200,203.0.113.9,"{""id"":""inv-1""}","{""reason"":""買方資料錯誤, 重開""}",req-1\r\n');
  });

  it('is in English for a caller who asks for English: headers, role, action and function', () => {
    const [header, row] = auditLogCsv([entryView(entry, undefined, 'en')], 'en').split('\r\n');
    expect(header).toBe('\uFEFFtime,account,name,role,action,function,method,route,entity,status,ip,params,body,requestId');
    expect(row?.startsWith('2026-11-28 10:03:04,u-office,,office,Void invoice,Invoices,POST,')).toBe(true);
  });
});
