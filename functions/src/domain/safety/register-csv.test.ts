import { UTF8_BOM } from '../csv';
import { safetyRegisterCsv, safetyRegisterQuerySchema, type RegisterCandidate } from './register-csv';

const customer = (code: string, district: string, over: Partial<RegisterCandidate> = {}): RegisterCandidate => ({
  id: `cust-${code}`,
  code,
  name: `客戶${code}`,
  district,
  address: { full: `新北市${district}中山路1號` },
  phones: ['0912-345-678'],
  ...over,
});
const lines = (csv: string) => csv.replace(UTF8_BOM, '').trimEnd().split('\r\n');
const today = '2026-12-01';

describe('the 用戶名冊 with their safety inspections', () => {
  const inDate = customer('C003', '中和區', { safety: { inspectionId: 'si-3', lastInspectedOn: '2025-06-01', result: 'pass', nextDueOn: '2027-06-01', openItems: [] } });
  const overdue = customer('C001', '中和區', { safety: { inspectionId: 'si-1', lastInspectedOn: '2024-06-17', result: 'pass', nextDueOn: '2026-06-17', openItems: [] } });
  const recheck = customer('C004', '永和區', { safety: { inspectionId: 'si-4', lastInspectedOn: '2026-11-20', result: 'needsFix', nextDueOn: '2026-12-20', openItems: ['hose'] } });
  const never = customer('C002', '三重區');
  const stopped = customer('C005', '永和區', {
    safety: { inspectionId: 'si-5', lastInspectedOn: '2026-01-10', result: 'pass', nextDueOn: '2028-01-10', openItems: [] },
    supplyStop: { serviceCallId: 'svc-1', since: '2026-11-30', items: ['leakTest'] },
  });

  it('lists every customer by district then code, with the last inspection, what is open, the next due day and a status', () => {
    const rows = lines(safetyRegisterCsv([stopped, recheck, inDate, never, overdue], today, 'zh-TW'));
    expect(rows[0]).toBe('用戶編號,用戶名稱,行政區,地址,電話,上次檢查日期,檢查結果,待改善項目,下次檢查期限,狀態');
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['C002', 'C001', 'C003', 'C004', 'C005']);
    expect(rows[1]).toBe('C002,客戶C002,三重區,新北市三重區中山路1號,0912-345-678,,,,,從未檢查');
    expect(rows[2]).toBe('C001,客戶C001,中和區,新北市中和區中山路1號,0912-345-678,2024-06-17,合格,,2026-06-17,逾期 167 天');
    expect(rows[3]).toMatch(/,2025-06-01,合格,,2027-06-01,期限內$/);
    expect(rows[4]).toMatch(/,2026-11-20,不合格,橡皮管（老化、長度、管束／安全夾）,2026-12-20,待複查$/);
    expect(rows[5]).toMatch(/,2026-01-10,合格,漏氣測試（肥皂水或檢知器）,2026-11-30,停止供氣（2026-11-30 起）$/);
  });

  it('writes the English headers and words for an English caller', () => {
    const rows = lines(safetyRegisterCsv([never, overdue], today, 'en'));
    expect(rows[0]).toBe('customerCode,customerName,district,address,phone,lastInspectedOn,result,openItems,nextDueOn,status');
    expect(rows[1]).toMatch(/,never inspected$/);
    expect(rows[2]).toMatch(/,pass,,2026-06-17,overdue 167 days$/);
  });

  it('takes the districts comma-separated, each a served one, 臺 read as 台', () => {
    expect(safetyRegisterQuerySchema.parse({ districts: '中和區, 永和區,中和區' })).toEqual({ districts: ['中和區', '永和區'] });
    expect(safetyRegisterQuerySchema.parse({})).toEqual({});
    expect(safetyRegisterQuerySchema.safeParse({ districts: '火星區' }).success).toBe(false);
  });
});
