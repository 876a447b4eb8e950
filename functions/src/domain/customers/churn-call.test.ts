import { buysElsewhere, churnCallSchema, contactedSince, lastCallByCustomer, recordChurnCall, recordChurnCallInputSchema } from './churn-call';

const office = { uid: 'u-office', role: 'office' } as const;
const ctx = { id: 'chc-1', customerId: 'cust-1', by: office, now: new Date('2026-11-30T02:00:00Z') };

describe('a call to a customer at churn risk', () => {
  it('keeps the outcome and the trimmed note with who called and when', () => {
    const call = recordChurnCall(recordChurnCallInputSchema.parse({ outcome: 'competitor', note: ' 改用天然氣 ' }), ctx);
    expect(call).toEqual({ id: 'chc-1', customerId: 'cust-1', outcome: 'competitor', note: '改用天然氣', at: '2026-11-30T02:00:00.000Z', by: office });
    expect(churnCallSchema.parse(call)).toEqual(call);
  });

  it('stores a blank note as none', () => {
    expect(recordChurnCall(recordChurnCallInputSchema.parse({ outcome: 'no_answer', note: '  ' }), ctx)).not.toHaveProperty('note');
  });

  it('refuses an unknown outcome, and 其他 without a note (naming the field)', () => {
    expect(recordChurnCallInputSchema.safeParse({ outcome: 'busy' }).success).toBe(false);
    const other = recordChurnCallInputSchema.safeParse({ outcome: 'other', note: ' ' });
    expect(other.success ? [] : other.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['note', 'CHURN_CALL.NOTE_REQUIRED']]);
    expect(recordChurnCallInputSchema.safeParse({ outcome: 'other', note: '搬到台中' }).success).toBe(true);
  });

  it("gives each customer's latest call, whatever the order they come in", () => {
    const calls = [
      { customerId: 'a', at: '2026-11-20T01:00:00.000Z', outcome: 'no_answer' },
      { customerId: 'b', at: '2026-11-21T01:00:00.000Z', outcome: 'reached' },
      { customerId: 'a', at: '2026-11-29T01:00:00.000Z', outcome: 'will_order' },
      { customerId: 'a', at: '2026-11-25T01:00:00.000Z', outcome: 'reached' },
    ];
    const last = lastCallByCustomer(calls);
    expect(last.get('a')?.outcome).toBe('will_order');
    expect(last.get('b')?.outcome).toBe('reached');
  });

  it('says a customer buys elsewhere from a call saying they moved until they order again, a suggestion of the nightly job not being their order', () => {
    const moved = { outcome: 'competitor', at: '2026-11-20T03:00:00.000Z' } as const;
    expect(buysElsewhere(moved, [])).toBe(true);
    expect(buysElsewhere(moved, [{ source: 'office', createdAt: '2026-11-19T03:00:00.000Z' }])).toBe(true);
    expect(buysElsewhere(moved, [{ source: 'forecast', createdAt: '2026-11-25T03:00:00.000Z' }])).toBe(true);
    for (const source of ['office', 'portal', 'recurring'] as const) expect(buysElsewhere(moved, [{ source, createdAt: '2026-11-25T03:00:00.000Z' }])).toBe(false);
  });

  it('takes the word of the latest call: a later "will order" ends "moved to a competitor"', () => {
    const calls = [
      { customerId: 'a', at: '2026-11-20T03:00:00.000Z', outcome: 'competitor' },
      { customerId: 'a', at: '2026-11-27T03:00:00.000Z', outcome: 'will_order' },
    ] as const;
    const last = lastCallByCustomer(calls).get('a');
    expect(last && buysElsewhere(last, [])).toBe(false);
    for (const outcome of ['reached', 'no_answer', 'closed_business', 'will_order', 'other'] as const) expect(buysElsewhere({ outcome, at: '2026-11-20T03:00:00.000Z' }, [])).toBe(false);
  });

  it('counts as recent from N whole days before now', () => {
    expect(contactedSince(new Date('2026-11-30T12:50:00Z'), 7)).toBe('2026-11-23T12:50:00.000Z');
  });
});
