import type { SafetySummary } from '../safety';
import {
  renderSafetyReminder,
  safetyReminderFor,
  safetyReminderId,
  safetyReminderStillWanted,
  SAFETY_REMIND_DAYS,
  type SafetyReminder,
  type SafetyReminderCandidate,
} from './safety-reminder';

const TODAY = '2026-11-28';
const summary = (nextDueOn: string, over: Partial<SafetySummary> = {}): SafetySummary => ({ inspectionId: 'si-1', lastInspectedOn: '2024-12-05', result: 'pass', nextDueOn, openItems: [], ...over });
const candidate = (over: Partial<SafetyReminderCandidate> = {}): SafetyReminderCandidate => ({
  id: 'cust-1',
  code: 'C00001',
  name: '林記麵館',
  address: { full: '台北市大安區和平東路二段 100 號' },
  phones: ['0912-345-678'],
  status: 'active',
  ...over,
});

describe('who is reminded of their safety inspection', () => {
  it('reminds a customer due within two weeks, and not one due later', () => {
    expect(safetyReminderFor(candidate({ safety: summary('2026-12-12') }), TODAY)).toEqual({ customerId: 'cust-1', dueOn: '2026-12-12', overdue: false, lastInspectedOn: '2024-12-05', openItems: [] });
    expect(SAFETY_REMIND_DAYS).toBe(14);
    expect(safetyReminderFor(candidate({ safety: summary('2026-12-13') }), TODAY)).toBe('NOT_DUE');
  });

  it('reminds an overdue customer once for their due day, then not again', () => {
    const overdue = candidate({ safety: summary('2026-10-01') });
    expect(safetyReminderFor(overdue, TODAY)).toMatchObject({ dueOn: '2026-10-01', overdue: true });
    expect(safetyReminderFor({ ...overdue, safetyReminder: { dueOn: '2026-10-01', sentOn: '2026-11-20' } }, TODAY)).toBe('ALREADY_REMINDED');
  });

  it('starts a new cycle when an inspection moves the due day', () => {
    const rechecked = candidate({ safety: summary('2026-12-10', { result: 'needsFix', openItems: ['hose'] }), safetyReminder: { dueOn: '2026-11-25', sentOn: '2026-11-11' } });
    expect(safetyReminderFor(rechecked, TODAY)).toMatchObject({ dueOn: '2026-12-10', openItems: ['hose'] });
  });

  it('invites a customer never inspected once, whatever the day', () => {
    const never = candidate();
    expect(safetyReminderFor(never, TODAY)).toEqual({ customerId: 'cust-1', dueOn: null, overdue: false, lastInspectedOn: null, openItems: [] });
    expect(safetyReminderFor({ ...never, safetyReminder: { dueOn: null, sentOn: '2026-06-01' } }, TODAY)).toBe('ALREADY_REMINDED');
    expect(safetyReminderId('cust-1', null)).toBe('safety-cust-1-invitation');
    expect(safetyReminderId('cust-1', '2026-12-12')).toBe('safety-cust-1-2026-12-12');
  });

  it('skips an inactive customer and one with neither LINE nor a mobile', () => {
    expect(safetyReminderFor(candidate({ status: 'inactive', safety: summary('2026-12-01') }), TODAY)).toBe('INACTIVE');
    expect(safetyReminderFor(candidate({ phones: ['(02)2941-5566'], safety: summary('2026-12-01') }), TODAY)).toBe('NO_CHANNEL');
    expect(safetyReminderFor(candidate({ phones: ['(02)2941-5566'], lineUserId: `U${'a'.repeat(32)}`, safety: summary('2026-12-01') }), TODAY)).toMatchObject({ dueOn: '2026-12-01' });
  });

  it('skips a customer whose supply a service call stopped: no delivery brings the technician, and the close told them to call', () => {
    const stop = { serviceCallId: 'svc-1', since: '2026-11-27', items: ['hose' as const] };
    expect(safetyReminderFor(candidate({ supplyStop: stop }), TODAY)).toBe('SUPPLY_STOPPED');
    expect(safetyReminderFor(candidate({ safety: summary('2026-12-01'), supplyStop: stop }), TODAY)).toBe('SUPPLY_STOPPED');
    expect(safetyReminderStillWanted({ dueOn: '2026-12-01' }, { status: 'active', safety: summary('2026-12-01'), supplyStop: stop })).toBe(false);
  });

  it('is still wanted only while the customer is active and due on the same day', () => {
    expect(safetyReminderStillWanted({ dueOn: '2026-12-01' }, { status: 'active', safety: summary('2026-12-01') })).toBe(true);
    expect(safetyReminderStillWanted({ dueOn: '2026-12-01' }, { status: 'active', safety: summary('2028-11-28') })).toBe(false);
    expect(safetyReminderStillWanted({ dueOn: '2026-12-01' }, { status: 'inactive', safety: summary('2026-12-01') })).toBe(false);
    expect(safetyReminderStillWanted({ dueOn: null }, { status: 'active' })).toBe(true);
    expect(safetyReminderStillWanted({ dueOn: null }, undefined)).toBe(false);
  });
});

describe('what the customer reads', () => {
  const due: SafetyReminder = { customerId: 'cust-1', dueOn: '2026-12-12', overdue: false, lastInspectedOn: '2024-12-12', openItems: [] };
  const recheck: SafetyReminder = { customerId: 'cust-1', dueOn: '2026-12-14', overdue: false, lastInspectedOn: '2026-11-14', openItems: ['regulator', 'hose'] };

  it('tells the due day and the visit at the next delivery, in zh-TW and English', () => {
    expect(renderSafetyReminder(due)).toBe('幸福氣安全檢查通知：您的瓦斯設備安全檢查將於 12/12（六）到期。我們的安全技術人員將於近期送氣時為您檢查；如需另約時間，請來電告知。');
    expect(renderSafetyReminder(due, 'en')).toBe('Lucky Gas safety inspection: the inspection of your gas installation is due Sat 12/12. Our technician will inspect it at an upcoming delivery; to arrange another time, please call us.');
  });

  it('says an overdue inspection was due', () => {
    expect(renderSafetyReminder({ ...due, dueOn: '2026-10-01', overdue: true })).toContain('已於 10/1（四）到期');
    expect(renderSafetyReminder({ ...due, dueOn: '2026-10-01', overdue: true }, 'en')).toContain('was due Thu 10/1');
  });

  it('names the open items by their checklist labels before the re-check', () => {
    expect(renderSafetyReminder(recheck)).toBe(
      '幸福氣安全檢查復查通知：11/14（六）檢查時發現下列項目需改善：調整器、橡皮管（老化、長度、管束／安全夾）。復查將於 12/14（一）到期，請於復查前完成改善。我們的安全技術人員將於近期送氣時為您復查；如需另約時間，請來電告知。',
    );
    expect(renderSafetyReminder(recheck, 'en')).toBe(
      'Lucky Gas safety re-check: the inspection on Sat 11/14 found these items need fixing: Regulator; Hose (ageing, length, clips). The re-check is due Mon 12/14: please have them fixed before it. Our technician will re-check it at an upcoming delivery; to arrange another time, please call us.',
    );
  });

  it('speaks of one open item in the singular', () => {
    expect(renderSafetyReminder({ ...recheck, openItems: ['hose'] }, 'en')).toBe(
      'Lucky Gas safety re-check: the inspection on Sat 11/14 found this item needs fixing: Hose (ageing, length, clips). The re-check is due Mon 12/14: please have it fixed before then. Our technician will re-check it at an upcoming delivery; to arrange another time, please call us.',
    );
  });

  it('invites a customer never inspected without a date', () => {
    const invitation: SafetyReminder = { customerId: 'cust-1', dueOn: null, overdue: false, lastInspectedOn: null, openItems: [] };
    expect(renderSafetyReminder(invitation)).toMatch(/^幸福氣安全檢查通知：依消防法規定.*尚無檢查紀錄。我們的安全技術人員將於近期送氣時為您檢查/);
    expect(renderSafetyReminder(invitation, 'en')).toMatch(/^Lucky Gas safety inspection: .*no inspection on record for you\. Our technician will inspect it/);
  });
});
