import { overdueRefusal } from './door';

describe('the door rule of 檢驗期限 the phone and the server share', () => {
  it('lets a cylinder go on its deadline and refuses it the day after, naming the serial and the deadline', () => {
    const c = { serial: 'TW20-000001', nextInspectionDue: '2026-11-30' };
    expect(overdueRefusal(c, '2026-11-30')).toBeNull();
    expect(overdueRefusal(c, '2026-12-01')).toEqual({ serial: 'TW20-000001', code: 'CYLINDER.INSPECTION_OVERDUE', nextInspectionDue: '2026-11-30' });
  });
});
