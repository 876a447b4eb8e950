import { UTF8_BOM } from '../csv';
import { SAFETY_ITEMS, type ItemResult, type SafetyItem } from './checklist';
import { filingPeriodSchema, safetyFilingCsv } from './filing-csv';
import { recordInspection, safetyInspectionInputSchema, summaryOf, type SafetyInspection } from './inspection';

const inspect = (id: string, code: string, inspectedOn: string, overrides: Partial<Record<SafetyItem, ItemResult>> = {}): SafetyInspection =>
  recordInspection(
    safetyInspectionInputSchema.parse({ customerId: `cust-${code}`, inspectedOn, items: SAFETY_ITEMS.map((item) => ({ item, result: overrides[item] ?? 'ok' })), confirmation: { kind: 'paper', name: '林美玲' } }),
    {
      id,
      today: '2026-12-31',
      customer: { code, name: `=客戶${code}`, address: '新北市中和區中山路二段1號', phone: '0912-345-678' },
      technician: { name: '陳建宏', certificateNo: '北市消安字第 1120456 號' },
      by: { uid: 'o', role: 'office' },
      now: new Date('2026-12-31T02:00:00Z'),
    },
  );

const lines = (csv: string) => csv.replace(UTF8_BOM, '').split('\r\n');

describe('the filing CSV (申報用 用戶安全檢查資料)', () => {
  const passed = inspect('si-1', 'C002', '2026-11-02', { hose: 'fixedOnSite' });
  const failed = inspect('si-2', 'C001', '2026-11-05', { regulator: 'needsFix', gasAlarm: 'needsFix' });

  it('has the zh-TW filing columns and one row per inspection, oldest first', () => {
    const rows = lines(safetyFilingCsv([{ inspection: failed, current: summaryOf(failed) }, { inspection: passed, current: summaryOf(passed) }], 'zh-TW'));
    expect(rows[0]).toBe('用戶編號,用戶名稱,地址,電話,檢查日期,檢查結果,不合格項目,改善情形,安全技術人員,證書字號');
    expect(rows[1]).toBe("C002,'=客戶C002,新北市中和區中山路二段1號,0912-345-678,2026-11-02,合格,橡皮管（老化、長度、管束／安全夾）,當場改善：橡皮管（老化、長度、管束／安全夾）,陳建宏,北市消安字第 1120456 號");
    expect(rows[2]).toContain(',2026-11-05,不合格,調整器,限期改善，2026-12-05 前複查,');
    expect(rows).toHaveLength(4);
  });

  it('tells a failed item re-checked since as passed', () => {
    const recheck = inspect('si-3', 'C001', '2026-11-20');
    const [, row] = lines(safetyFilingCsv([{ inspection: failed, current: summaryOf(recheck) }], 'zh-TW'));
    expect(row).toContain(',不合格,調整器,已於 2026-11-20 複查合格,');
  });

  it('writes English headers and texts for an English caller', () => {
    const [header, row] = lines(safetyFilingCsv([{ inspection: failed, current: summaryOf(failed) }], 'en'));
    expect(header).toBe('customerCode,customerName,address,phone,inspectedOn,result,failedItems,remedy,technician,certificateNo');
    expect(row).toContain(',needs fix,Regulator,to be fixed and re-checked by 2026-12-05,');
  });

  it('refuses a period that ends before it starts or lasts over a year', () => {
    expect(filingPeriodSchema.safeParse({ from: '2026-07-01', to: '2026-12-31' }).success).toBe(true);
    expect(filingPeriodSchema.safeParse({ from: '2026-07-01', to: '2026-06-30' }).success).toBe(false);
    expect(filingPeriodSchema.safeParse({ from: '2026-01-01', to: '2027-01-01' }).success).toBe(false);
  });
});
