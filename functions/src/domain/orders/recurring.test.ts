import fc from 'fast-check';
import { addDays, weekday } from '../calendar';
import { materialise, occurrences, placement, recurringOrderId, recurringRuleInputSchema, ruleAsRead, storedRule, type RecurringOrderMade, type RecurringRule } from './recurring';
import { exampleOf } from '../schema';

const rule = (over: Partial<RecurringRule> & Pick<RecurringRule, 'recurrence'>): RecurringRule => ({
  ...recurringRuleInputSchema.parse({
    customerId: 'cust-0001',
    recurrence: over.recurrence,
    startDate: '2026-11-02',
    items: [{ size: 20, quantity: 1 }],
  }),
  id: 'r1',
  active: true,
  ...over,
});

describe('occurrences', () => {
  it('repeats every N weeks from the start date', () => {
    const r = rule({ recurrence: { kind: 'every_n_weeks', intervalWeeks: 4 } });
    expect(occurrences(r, '2026-11-01', '2027-01-31')).toEqual(['2026-11-02', '2026-11-30', '2026-12-28', '2027-01-25']);
    expect(occurrences(r, '2026-11-03', '2026-12-28')).toEqual(['2026-11-30', '2026-12-28']);
  });

  it('falls on the given weekdays', () => {
    const r = rule({ recurrence: { kind: 'weekly', weekdays: [1, 4] } });
    const dates = occurrences(r, '2026-11-01', '2026-11-15');
    expect(dates).toEqual(['2026-11-02', '2026-11-05', '2026-11-09', '2026-11-12']);
  });

  it('stops at the end date and starts no earlier than the start date', () => {
    const r = rule({ recurrence: { kind: 'weekly', weekdays: [1] }, startDate: '2026-11-09', endDate: '2026-11-20' });
    expect(occurrences(r, '2026-11-01', '2026-12-31')).toEqual(['2026-11-09', '2026-11-16']);
  });

  it('accepts the OpenAPI example and rejects an end before the start', () => {
    expect(recurringRuleInputSchema.safeParse(exampleOf(recurringRuleInputSchema)).success).toBe(true);
    const bad = recurringRuleInputSchema.safeParse({ ...(exampleOf(recurringRuleInputSchema) as object), endDate: '2029-01-01' });
    expect(bad.error?.issues[0]?.message).toBe('RECURRING.END_BEFORE_START');
  });
});

describe('materialise', () => {
  const rules = [
    rule({ id: 'a', recurrence: { kind: 'every_n_weeks', intervalWeeks: 2 } }),
    rule({ id: 'b', recurrence: { kind: 'weekly', weekdays: [3] }, customerId: 'cust-0002' }),
    rule({ id: 'c', recurrence: { kind: 'weekly', weekdays: [3] }, active: false }),
  ];

  it('gives deterministic ids and ready order input for active rules only', () => {
    const out = materialise(rules, '2026-11-01', '2026-11-14', []);
    expect(out.map((o) => o.id)).toEqual(['rec-a-2026-11-02', 'rec-b-2026-11-04', 'rec-b-2026-11-11']);
    expect(out[1]?.input).toEqual(expect.objectContaining({ customerId: 'cust-0002', requestedDate: '2026-11-04', priority: 'normal' }));
  });

  it('leaves the empties to the order’s default when the rule names none, and keeps those it names', () => {
    const [unnamed] = materialise([rules[0]!], '2026-11-01', '2026-11-02', []);
    expect(unnamed?.input.items).toEqual([{ size: 20, quantity: 1 }]);
    expect(unnamed?.input.emptiesToCollect).toBeUndefined();
    const named = rule({ id: 'n', recurrence: { kind: 'weekly', weekdays: [1] }, emptiesToCollect: [] });
    expect(materialise([named], '2026-11-01', '2026-11-02', [])[0]?.input.emptiesToCollect).toEqual([]);
  });

  it('reads `[]` in a rule written before rules left out empties they do not name as no choice, and as none after', () => {
    const nothingNamed = rule({ id: 'n', recurrence: { kind: 'weekly', weekdays: [1] } });
    const noneBack = rule({ id: 'z', recurrence: { kind: 'weekly', weekdays: [1] }, emptiesToCollect: [] });
    const some = rule({ id: 's', recurrence: { kind: 'weekly', weekdays: [1] }, emptiesToCollect: [{ size: 20, quantity: 1 }] });
    const empties = (r: RecurringRule) => materialise([r], '2026-11-01', '2026-11-02', [])[0]?.input.emptiesToCollect;
    // As the store wrote them before: the old schema's default `[]` for a rule naming none, and no version.
    const before = [nothingNamed, noneBack].map((r) => ({ ...r, emptiesToCollect: r.emptiesToCollect ?? [] }));
    expect(before.map((r) => empties(ruleAsRead(r)))).toEqual([undefined, undefined]);
    expect(empties(ruleAsRead(some))).toEqual([{ size: 20, quantity: 1 }]);
    // As it writes them now: what was named, as named.
    expect([nothingNamed, noneBack, some].map((r) => ruleAsRead(JSON.parse(JSON.stringify(storedRule(r)))))).toEqual([nothingNamed, noneBack, some]);
    expect([nothingNamed, noneBack].map((r) => empties(ruleAsRead(storedRule(r))))).toEqual([undefined, []]);
  });

  it('creates nothing twice when rerun, even over overlapping windows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (a, b, c) => {
        const start = '2026-10-01';
        const first = materialise(rules, addDays(start, a), addDays(start, a + b), []);
        const existing = first.map((o) => o.id);
        const second = materialise(rules, addDays(start, a + c), addDays(start, a + c + b), existing);
        const all = [...existing, ...second.map((o) => o.id)];
        expect(new Set(all).size).toBe(all.length);
        expect(materialise(rules, addDays(start, a), addDays(start, a + b), existing)).toEqual([]);
        for (const o of second) expect(o.input.requestedDate >= addDays(start, a + c)).toBe(true);
      }),
    );
  });

  it('places every weekly occurrence on a declared weekday (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1 }), (weekdays) => {
        const out = materialise([rule({ recurrence: { kind: 'weekly', weekdays } })], '2026-11-02', '2026-12-31', []);
        for (const o of out) expect(weekdays).toContain(weekday(o.input.requestedDate));
        expect(out.length).toBeGreaterThanOrEqual(weekdays.length * 8);
      }),
    );
  });

  describe('around a business closure', () => {
    // 春節 2027-02-05 (Fri) – 02-09 (Tue); the rule delivers on Mondays and Fridays.
    const closures = [{ name: '春節', from: '2027-02-05', to: '2027-02-09' }];
    const monFri = rule({ id: 'mf', recurrence: { kind: 'weekly', weekdays: [1, 5] }, startDate: '2027-01-01' });
    const calendar = { closures, closedDays: new Map([['cust-0001', [0]]]) };

    it('delivers the occurrences on closure days on the last open day before it as one order with the cylinders of both, named after the first', () => {
      const out = materialise([monFri], '2027-02-01', '2027-02-04', [], calendar);
      expect(out.map((o) => [o.id, o.input.requestedDate, o.dates, o.input.items])).toEqual([
        ['rec-mf-2027-02-01', '2027-02-01', ['2027-02-01'], [{ size: 20, quantity: 1 }]],
        ['rec-mf-2027-02-05', '2027-02-04', ['2027-02-05', '2027-02-08'], [{ size: 20, quantity: 2 }]],
      ]);
    });

    it('delivers an afternoon occurrence on a day closing early (除夕 12:00) the open day before, and a morning one on the day', () => {
      const eve = [{ name: '除夕', from: '2027-02-05', to: '2027-02-05', closesAt: '12:00' }];
      const afternoon = rule({ id: 'pm', recurrence: { kind: 'weekly', weekdays: [5] }, startDate: '2027-01-01', timeWindow: { start: '14:00', end: '17:00' } });
      const morning = rule({ id: 'am', recurrence: { kind: 'weekly', weekdays: [5] }, startDate: '2027-01-01', timeWindow: { start: '09:00', end: '11:00' } });
      const out = materialise([afternoon, morning], '2027-02-04', '2027-02-05', [], { closures: eve, closedDays: new Map() });
      expect(out.map((o) => [o.id, o.input.requestedDate])).toEqual([
        ['rec-pm-2027-02-05', '2027-02-04'],
        ['rec-am-2027-02-05', '2027-02-05'],
      ]);
    });

    it('splits a daily rule over a month’s closure into as few orders on the eve as its lines allow', () => {
      const month = [{ name: '整修', from: '2027-03-02', to: '2027-04-01' }];
      const daily = rule({ id: 'd', recurrence: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4, 5, 6] }, startDate: '2027-03-01', items: [{ size: 20, quantity: 10 }] });
      const out = materialise([daily], '2027-03-01', '2027-03-01', [], { closures: month, closedDays: new Map() });
      expect(out.map((o) => [o.id, o.dates.length, o.input.items])).toEqual([
        ['rec-d-2027-03-01', 20, [{ size: 20, quantity: 200 }]],
        ['rec-d-2027-03-21', 12, [{ size: 20, quantity: 120 }]],
      ]);
    });

    it('adds up the empties a rule names for each occurrence an order delivers', () => {
      const named: RecurringRule = { ...monFri, items: [{ size: 20, quantity: 2 }, { size: 4, quantity: 1 }], emptiesToCollect: [{ size: 20, quantity: 1 }] };
      const [, eve] = materialise([named], '2027-02-01', '2027-02-04', [], calendar);
      expect([eve?.input.items, eve?.input.emptiesToCollect]).toEqual([[{ size: 4, quantity: 2 }, { size: 20, quantity: 4 }], [{ size: 20, quantity: 2 }]]);
    });

    it('leaves an occurrence on a day closed only in other districts where it is', () => {
      const typhoon = [{ name: '颱風假', from: '2027-02-05', to: '2027-02-05', districts: ['烏來區'] }];
      const at = (district: string) => materialise([monFri], '2027-02-04', '2027-02-05', [], { closures: typhoon, closedDays: new Map(), districts: new Map([['cust-0001', district]]) });
      expect(at('中和區').map((o) => o.input.requestedDate)).toEqual(['2027-02-05']);
      expect(at('烏來區').map((o) => o.input.requestedDate)).toEqual(['2027-02-04']);
    });

    it('skips the customer’s closed weekdays when moving back', () => {
      const thursdaysClosed = { closures, closedDays: new Map([['cust-0001', [4]]]) };
      const out = materialise([monFri], '2027-02-01', '2027-02-12', [], thursdaysClosed);
      expect(out.map((o) => [o.input.requestedDate, o.dates.length])).toEqual([['2027-02-01', 1], ['2027-02-03', 2], ['2027-02-12', 1]]);
    });

    describe('placing an eve’s occurrences beside what the rule made already', () => {
      const [, eve] = materialise([monFri], '2027-02-01', '2027-02-04', [], calendar);
      const made = (id: string, over: Partial<RecurringOrderMade> = {}): RecurringOrderMade => ({
        id,
        status: 'pending',
        requestedDate: '2027-02-04',
        items: [{ size: 20, quantity: 1 }],
        emptiesToCollect: [{ size: 20, quantity: 1 }],
        ...over,
      });
      const fri = recurringOrderId('mf', '2027-02-05');
      const mon = recurringOrderId('mf', '2027-02-08');

      it('creates one order for both when the rule made neither', () => {
        expect(placement(monFri, eve!, [])).toEqual({ kind: 'create', order: eve });
      });

      it('adds Monday’s cylinders to Friday’s order made before the closure was declared, pending or confirmed', () => {
        for (const status of ['pending', 'confirmed'] as const) {
          expect(placement(monFri, eve!, [made(fri, { status })])).toEqual({ kind: 'add', orderId: fri, dates: ['2027-02-08'], items: [{ size: 20, quantity: 1 }] });
        }
      });

      it('adds Friday’s to Monday’s order the office moved onto the eve, and places nothing already delivered by an order wherever it is now', () => {
        expect(placement(monFri, eve!, [made(mon)])).toMatchObject({ kind: 'add', orderId: mon, dates: ['2027-02-05'] });
        expect(placement(monFri, eve!, [made(fri, { recurringDates: ['2027-02-05', '2027-02-08'] })])).toBeNull();
        expect(placement(monFri, eve!, [made(fri, { requestedDate: '2027-02-03' }), made(mon, { requestedDate: '2027-02-10' })])).toBeNull();
      });

      it('makes an order of its own for what is left once the eve’s order is on a truck or cancelled: a second stop rather than cylinders nobody loaded', () => {
        for (const status of ['scheduled', 'cancelled'] as const) {
          expect(placement(monFri, eve!, [made(fri, { status })])).toEqual({ kind: 'create', order: expect.objectContaining({ id: mon, dates: ['2027-02-08'] }) });
        }
      });

      it('makes an order of its own for what would take the eve’s order past what an order line holds', () => {
        expect(placement(monFri, eve!, [made(fri, { items: [{ size: 20, quantity: 200 }] })])).toMatchObject({ kind: 'create', order: { id: mon } });
        expect(placement(monFri, eve!, [made(fri, { items: [{ size: 20, quantity: 199 }] })])).toMatchObject({ kind: 'add', orderId: fri });
      });

      it('keeps an occurrence an order delivers placed after its closure is lifted', () => {
        const [monday] = materialise([monFri], '2027-02-08', '2027-02-08', []);
        expect(placement(monFri, monday!, [made(fri, { recurringDates: ['2027-02-05', '2027-02-08'] })])).toBeNull();
      });
    });

    it('names a moved occurrence alike from every window, so a rerun creates nothing twice (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 40 }), (a, b, c) => {
          const start = '2027-01-10';
          const first = materialise([monFri], addDays(start, a), addDays(start, a + b), [], calendar);
          const existing = first.flatMap((o) => o.dates.map((d) => recurringOrderId(o.ruleId, d)));
          const second = materialise([monFri], addDays(start, a + c), addDays(start, a + c + b), existing, calendar);
          const all = [...existing, ...second.flatMap((o) => o.dates.map((d) => recurringOrderId(o.ruleId, d)))];
          expect(new Set(all).size).toBe(all.length);
          for (const o of [...first, ...second]) expect(closures.some((cl) => cl.from <= o.input.requestedDate && o.input.requestedDate <= cl.to)).toBe(false);
        }),
      );
    });
  });
});
