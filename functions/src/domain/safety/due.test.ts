import { dueListPage, safetyDueOf, sortDue, type DueCandidate } from './due';
import type { SafetySummary } from './inspection';

const TODAY = '2026-11-28';
const summary = (nextDueOn: string, over: Partial<SafetySummary> = {}): SafetySummary => ({ inspectionId: 'si', lastInspectedOn: '2025-01-01', result: 'pass', nextDueOn, openItems: [], ...over });
const customer = (code: string, safety?: SafetySummary): DueCandidate => ({ id: `cust-${code}`, code, name: code, address: { full: `addr ${code}` }, phones: ['0912-345-678'], ...(safety ? { safety } : {}) });

describe('whether a customer is due', () => {
  it('counts a customer never inspected as due now', () => {
    expect(safetyDueOf(undefined, TODAY, 0)).toEqual({ nextDueOn: null, due: true, overdueDays: 0, openItems: [] });
  });

  it('counts the days an inspection is overdue', () => {
    expect(safetyDueOf(summary('2026-11-18', { result: 'needsFix', openItems: ['hose'] }), TODAY, 30)).toEqual({ nextDueOn: '2026-11-18', due: true, overdueDays: 10, openItems: ['hose'] });
  });

  it('is due within the window and not beyond it', () => {
    expect(safetyDueOf(summary('2026-12-28'), TODAY, 30).due).toBe(true);
    expect(safetyDueOf(summary('2026-12-29'), TODAY, 30).due).toBe(false);
    expect(safetyDueOf(summary('2026-12-28'), TODAY, 30).overdueDays).toBe(0);
  });
});

describe('the due order', () => {
  it('puts the longest overdue first, the never inspected as due today, then the soonest due', () => {
    const sorted = sortDue([customer('C004', summary('2026-12-10')), customer('C003'), customer('C002', summary('2026-10-01')), customer('C001', summary('2026-11-27'))], TODAY);
    expect(sorted.map((c) => c.code)).toEqual(['C002', 'C001', 'C003', 'C004']);
  });
});

describe('a page of the due list', () => {
  const candidates = [
    customer('C001', summary('2028-01-01')),
    customer('C002'),
    customer('C003', summary('2026-11-01', { result: 'needsFix', openItems: ['leakTest'] })),
    customer('C004', summary('2026-12-01')),
    customer('C005'),
  ];

  it('leaves out those not due within the window and pages the rest without overlap', () => {
    const first = dueListPage(candidates, TODAY, { withinDays: 30, limit: 2 });
    const second = dueListPage(candidates, TODAY, { withinDays: 30, limit: 2, cursor: first.nextCursor ?? undefined });
    expect(first.items.map((i) => i.code)).toEqual(['C003', 'C002']);
    expect(second.items.map((i) => i.code)).toEqual(['C005', 'C004']);
    expect(second.nextCursor).toBeNull();
    expect(first.total).toBe(4);
  });

  it('describes each customer as the office calls them', () => {
    const [first] = dueListPage(candidates, TODAY, { withinDays: 0, limit: 1 }).items;
    expect(first).toEqual({
      customerId: 'cust-C003',
      code: 'C003',
      name: 'C003',
      address: 'addr C003',
      phone: '0912-345-678',
      lastInspectedOn: '2025-01-01',
      result: 'needsFix',
      nextDueOn: '2026-11-01',
      overdueDays: 27,
      openItems: ['leakTest'],
      remindedOn: null,
    });
  });

  it('shows the day of the reminder for the due day now current, and none once an inspection moved it', () => {
    const told = { ...customer('C003', summary('2026-11-01')), safetyReminder: { dueOn: '2026-11-01', sentOn: '2026-10-18' } };
    const invited = { ...customer('C002'), safetyReminder: { dueOn: null, sentOn: '2026-11-20' } };
    const moved = { ...customer('C004', summary('2026-12-01')), safetyReminder: { dueOn: '2026-11-15', sentOn: '2026-11-01' } };
    const items = dueListPage([told, invited, moved], TODAY, { withinDays: 30, limit: 10 }).items;
    expect(items.map((i) => [i.code, i.remindedOn])).toEqual([
      ['C003', '2026-10-18'],
      ['C002', '2026-11-20'],
      ['C004', null],
    ]);
  });
});
