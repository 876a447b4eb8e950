import { SAFETY_ITEMS, type ItemResult, type SafetyItem } from './checklist';
import {
  addYears,
  inspectionResultOf,
  nextDueOn,
  recordInspection,
  safetyInspectionInputSchema,
  summaryAfter,
  summaryOf,
  technicianOf,
  type SafetyInspectionInput,
} from './inspection';
import { supplyStopOfInspection } from './due';

const PAPER = { kind: 'paper', name: '林美玲' } as const;
const allOk = (overrides: Partial<Record<SafetyItem, ItemResult>> = {}) => SAFETY_ITEMS.map((item) => ({ item, result: overrides[item] ?? ('ok' as ItemResult) }));
const input = (over: Partial<SafetyInspectionInput> = {}): SafetyInspectionInput =>
  safetyInspectionInputSchema.parse({ customerId: 'cust-1', inspectedOn: '2026-11-20', items: allOk(), technician: { name: '陳建宏', certificateNo: 'A-1' }, confirmation: PAPER, ...over });
const ctx = { id: 'si-1', today: '2026-11-28', customer: { code: 'C001', name: '林記', address: '新北市中和區中山路二段1號', phone: '0912-345-678' }, technician: { name: '陳建宏', certificateNo: 'A-1' }, by: { uid: 'u1', role: 'office' as const }, now: new Date('2026-11-28T02:00:00Z') };

describe('the inspection result', () => {
  it('passes when every item is ok, fixed on site or not applicable', () => {
    expect(inspectionResultOf(allOk({ hose: 'fixedOnSite', waterHeater: 'notApplicable' }))).toBe('pass');
  });

  it('needs fixing when any required item needs fixing', () => {
    expect(inspectionResultOf(allOk({ leakTest: 'needsFix' }))).toBe('needsFix');
  });

  it('needs fixing when the piping or a valve (管線／開關) does, without stopping the supply', () => {
    const record = recordInspection(input({ items: allOk({ piping: 'needsFix' }) }), ctx);
    expect(record).toMatchObject({ result: 'needsFix', openItems: ['piping'] });
    expect(supplyStopOfInspection(record)).toBeNull();
  });

  it('passes with only the advisory gas alarm to fix', () => {
    expect(inspectionResultOf(allOk({ gasAlarm: 'needsFix' }))).toBe('pass');
  });
});

describe('the next due day', () => {
  it('is two years after a pass', () => {
    expect(nextDueOn('2026-11-20', 'pass')).toBe('2028-11-20');
  });

  it('is thirty days after a failed inspection, for the re-check', () => {
    expect(nextDueOn('2026-12-15', 'needsFix')).toBe('2027-01-14');
  });

  it('falls on 28 February two years after a 29 February', () => {
    expect(addYears('2028-02-29', 2)).toBe('2030-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });
});

describe('the checklist input', () => {
  it('accepts the items in any order and keeps them in checklist order', () => {
    const parsed = safetyInspectionInputSchema.parse({ customerId: 'c', inspectedOn: '2026-11-20', items: [...allOk()].reverse(), confirmation: PAPER });
    expect(parsed.items.map((e) => e.item)).toEqual([...SAFETY_ITEMS]);
  });

  it('asks for 管線／開關 between the hose and the leak test', () => {
    expect(SAFETY_ITEMS.slice(SAFETY_ITEMS.indexOf('hose'), SAFETY_ITEMS.indexOf('leakTest') + 1)).toEqual(['hose', 'piping', 'leakTest']);
    const withoutPiping = safetyInspectionInputSchema.safeParse({ customerId: 'c', inspectedOn: '2026-11-20', items: allOk().filter((e) => e.item !== 'piping'), confirmation: PAPER });
    expect(withoutPiping.success ? [] : withoutPiping.error.issues.map((i) => i.message)).toContain('SAFETY.ITEMS_INCOMPLETE');
  });

  it('refuses a missing or repeated item', () => {
    const missing = safetyInspectionInputSchema.safeParse({ customerId: 'c', inspectedOn: '2026-11-20', items: allOk().slice(1) });
    const repeated = safetyInspectionInputSchema.safeParse({ customerId: 'c', inspectedOn: '2026-11-20', items: [...allOk().slice(1), { item: 'hose', result: 'ok' }] });
    expect(missing.success ? [] : missing.error.issues.map((i) => i.message)).toContain('SAFETY.ITEMS_INCOMPLETE');
    expect(repeated.success ? [] : repeated.error.issues.map((i) => i.message)).toContain('SAFETY.ITEMS_INCOMPLETE');
  });
});

describe('recording an inspection', () => {
  it('keeps the result, the open items and the next due day', () => {
    const record = recordInspection(input({ items: allOk({ hose: 'needsFix', gasAlarm: 'needsFix' }) }), ctx);
    expect(record).toMatchObject({ result: 'needsFix', openItems: ['hose'], nextDueOn: '2026-12-20', technician: ctx.technician, createdAt: '2026-11-28T02:00:00.000Z' });
  });

  it('keeps who confirmed it on site, and leaves out the name of one who refused when none was given', () => {
    expect(recordInspection(input(), ctx).confirmation).toEqual(PAPER);
    const refused = recordInspection(input({ confirmation: { kind: 'none', reason: 'refused' } }), ctx);
    expect(refused.confirmation).toStrictEqual({ kind: 'none', reason: 'refused' });
  });

  it('refuses a day after today in Taipei', () => {
    expect(() => recordInspection(input({ inspectedOn: '2026-11-29' }), ctx)).toThrow(expect.objectContaining({ code: 'SAFETY.FUTURE_DATE', kind: 'precondition' }));
  });
});

describe('the technician on the record', () => {
  const driver = { name: '王大明', safetyCertificate: { number: 'B-9', validUntil: '2027-01-31' } };

  it('is the driver themself, on their own certificate, whatever the body says', () => {
    expect(technicianOf({ technician: { name: '別人', certificateNo: 'X' } }, { uid: 'd', role: 'driver' }, '2026-11-28', driver)).toEqual({ name: '王大明', certificateNo: 'B-9' });
  });

  it('refuses a driver whose certificate expired or who has none', () => {
    const expired = { ...driver, safetyCertificate: { number: 'B-9', validUntil: '2026-11-27' } };
    expect(() => technicianOf({}, { uid: 'd', role: 'driver' }, '2026-11-28', expired)).toThrow(expect.objectContaining({ code: 'SAFETY.NO_CERTIFICATE' }));
    expect(() => technicianOf({}, { uid: 'd', role: 'driver' }, '2026-11-28', { name: '王大明' })).toThrow(expect.objectContaining({ code: 'SAFETY.NO_CERTIFICATE' }));
  });

  it('must be named when the office enters a paper form', () => {
    expect(() => technicianOf({}, { uid: 'o', role: 'office' }, '2026-11-28', null)).toThrow(expect.objectContaining({ code: 'SAFETY.TECHNICIAN_REQUIRED', kind: 'validation' }));
  });
});

describe('the customer summary', () => {
  const latest = recordInspection(input({ inspectedOn: '2026-11-20' }), ctx);

  it('follows a later inspection', () => {
    const later = recordInspection(input({ inspectedOn: '2026-11-25', items: allOk({ regulator: 'needsFix' }) }), { ...ctx, id: 'si-2' });
    expect(summaryAfter(summaryOf(latest), later)).toEqual({ inspectionId: 'si-2', lastInspectedOn: '2026-11-25', result: 'needsFix', nextDueOn: '2026-12-25', openItems: ['regulator'] });
  });

  it('is left as it is by an older, back-filled paper form', () => {
    const older = recordInspection(input({ inspectedOn: '2025-03-01', items: allOk({ hose: 'needsFix' }) }), { ...ctx, id: 'si-0' });
    expect(summaryAfter(summaryOf(latest), older)).toEqual(summaryOf(latest));
  });

  it('follows a re-check on the same day', () => {
    const recheck = recordInspection(input({ inspectedOn: '2026-11-20' }), { ...ctx, id: 'si-3' });
    expect(summaryAfter(summaryOf(latest), recheck).inspectionId).toBe('si-3');
  });

  it('starts with the first inspection', () => {
    expect(summaryAfter(undefined, latest)).toEqual(summaryOf(latest));
  });
});
