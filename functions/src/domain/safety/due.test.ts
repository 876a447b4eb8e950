import { dueListPage, dueRangeOf, safetyDueKeyOf, safetyDueOf, sortDue, supplyStopAfter, supplyStopOfInspection, withSafetyDueKey, type DueCandidate } from './due';
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

describe('the key the due list is queried by', () => {
  it('is the next due day, empty for the never inspected and absent for an inactive customer', () => {
    expect(safetyDueKeyOf({ status: 'active', safety: summary('2026-12-01') })).toBe('2026-12-01');
    expect(safetyDueKeyOf({ status: 'active' })).toBe('');
    expect(safetyDueKeyOf({ status: 'inactive', safety: summary('2026-12-01') })).toBeNull();
  });

  it('is dropped from a customer deactivated and put back when reactivated', () => {
    const stored: { status: string; safety: SafetySummary; safetyDueKey?: string } = { status: 'active', safety: summary('2026-12-01'), safetyDueKey: '2026-12-01' };
    expect(withSafetyDueKey({ ...stored, status: 'inactive' })).not.toHaveProperty('safetyDueKey');
    expect(withSafetyDueKey({ ...stored, safety: summary('2027-01-05') }).safetyDueKey).toBe('2027-01-05');
  });
});

describe('what the store reads for a page', () => {
  const query = (cursor?: string) => ({ withinDays: 30, limit: 20, ...(cursor ? { cursor } : {}) });

  it('reads both kinds from the start for the first page, one more than a page of each', () => {
    expect(dueRangeOf(TODAY, query())).toEqual({ dueBy: '2026-12-28', inspectedAfter: null, neverInspectedAfter: { code: '' }, take: 21 });
  });

  it('reads the never inspected after the cursor’s code while the cursor is on today, and none once past it', () => {
    expect(dueRangeOf(TODAY, query('2026-10-01~C002')).neverInspectedAfter).toEqual({ code: '' });
    expect(dueRangeOf(TODAY, query(`${TODAY}~C003`))).toMatchObject({ inspectedAfter: { dueOn: TODAY, code: 'C003' }, neverInspectedAfter: { code: 'C003' } });
    expect(dueRangeOf(TODAY, query('2026-12-01~C004')).neverInspectedAfter).toBeNull();
  });

  it('pages the same from what the range reads as from every customer, across the never inspected at today', () => {
    const all = [
      customer('C001', summary('2026-10-01')),
      customer('C002'),
      customer('C003', summary(TODAY)),
      customer('C004'),
      customer('C005', summary('2026-12-01')),
      customer('C006', summary('2027-06-01')),
    ];
    // What the store's queries answer for a range: due by then, after the cursor, at most `take` of each kind.
    const read = (cursor?: string) => {
      const range = dueRangeOf(TODAY, query(cursor));
      const after = (c: DueCandidate) => !range.inspectedAfter || `${c.safety?.nextDueOn}~${c.code}` > `${range.inspectedAfter.dueOn}~${range.inspectedAfter.code}`;
      const inspected = all.filter((c) => c.safety && c.safety.nextDueOn <= range.dueBy && after(c)).slice(0, 2);
      const never = range.neverInspectedAfter ? all.filter((c) => !c.safety && c.code > (range.neverInspectedAfter?.code ?? '')).slice(0, 2) : [];
      return [...inspected, ...never];
    };
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = dueListPage(read(cursor), TODAY, { withinDays: 30, limit: 1, ...(cursor ? { cursor } : {}) }, 5);
      pages.push(page.items.map((i) => i.code));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.flat()).toEqual(sortDue(all.slice(0, 5), TODAY).map((c) => c.code));
    expect(pages.flat()).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);
  });
});

describe('a supply stopped by a service call (停止供氣)', () => {
  const stop = { serviceCallId: 'svc-1', since: '2026-11-20', items: ['hose' as const] };

  it('makes the customer due from the day it stopped, with its items open, however recently they passed', () => {
    expect(safetyDueOf(summary('2028-01-01', { openItems: [] }), TODAY, 0, stop)).toEqual({ nextDueOn: '2026-11-20', due: true, overdueDays: 8, openItems: ['hose'], supplyStopped: true });
    expect(safetyDueOf(undefined, TODAY, 0, stop)).toMatchObject({ nextDueOn: '2026-11-20', due: true, supplyStopped: true });
    expect(safetyDueOf(summary('2026-11-01', { result: 'needsFix', openItems: ['regulator'] }), TODAY, 0, stop)).toMatchObject({ nextDueOn: '2026-11-01', openItems: ['regulator', 'hose'] });
  });

  it('keys the due list at that day, so the stopped customer sorts and pages among the overdue', () => {
    expect(safetyDueKeyOf({ status: 'active', safety: summary('2028-01-01'), supplyStop: stop })).toBe('2026-11-20');
    expect(safetyDueKeyOf({ status: 'active', supplyStop: stop })).toBe('2026-11-20');
    expect(safetyDueKeyOf({ status: 'inactive', supplyStop: stop })).toBeNull();
    const stopped = { ...customer('C009', summary('2028-01-01')), supplyStop: stop };
    const page = dueListPage([customer('C001', summary('2026-11-25')), stopped], TODAY, { withinDays: 0, limit: 10 });
    expect(page.items.map((i) => [i.code, i.supplyStopped ?? false])).toEqual([['C009', true], ['C001', false]]);
  });

  it('is lifted by an inspection that passes on or after that day, not by a failed or older one', () => {
    expect(supplyStopAfter(stop, { result: 'pass', inspectedOn: '2026-11-20' })).toBeUndefined();
    expect(supplyStopAfter(stop, { result: 'needsFix', inspectedOn: TODAY })).toBe(stop);
    expect(supplyStopAfter(stop, { result: 'pass', inspectedOn: '2026-11-19' })).toBe(stop);
  });
});

describe('a supply stopped by an inspection (停止供氣)', () => {
  const inspection = (openItems: SafetySummary['openItems']) => ({ id: 'si-1', inspectedOn: TODAY, openItems });

  it('stops it when a failed leak test is left open, naming the leak test alone and the inspection', () => {
    expect(supplyStopOfInspection(inspection(['leakTest']))).toEqual({ inspectionId: 'si-1', since: TODAY, items: ['leakTest'] });
    expect(supplyStopOfInspection(inspection(['cylinderPlacement', 'hose', 'leakTest', 'ventilation']))).toEqual({ inspectionId: 'si-1', since: TODAY, items: ['leakTest'] });
  });

  it('leaves it open when the leak test passed, whatever else is still to fix (an ageing hose, a regulator, ventilation), or none is open', () => {
    expect(supplyStopOfInspection(inspection(['cylinderPlacement', 'regulator', 'hose', 'ventilation', 'storedQuantity']))).toBeNull();
    expect(supplyStopOfInspection(inspection([]))).toBeNull();
  });

  it('stops it on every item left to fix, with the inspector’s reason, when they stopped it by hand', () => {
    const byHand = { ...inspection(['hose', 'ventilation']), supplyStopReason: '橡皮管龜裂嚴重' };
    expect(supplyStopOfInspection(byHand)).toEqual({ inspectionId: 'si-1', since: TODAY, items: ['hose', 'ventilation'], reason: '橡皮管龜裂嚴重' });
  });
});
