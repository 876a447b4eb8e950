import { exampleOf } from '../schema';
import type { Closure } from './closure';
import { closurePatchSchema, moveBackRefusal, narrowClosure } from './narrow';

const today = '2026-12-02';
const typhoon: Closure = { id: 'cl-1', name: '颱風停班停課', from: today, to: today, districts: ['信義區', '北投區', '中和區'], createdAt: '2026-12-01T14:00:00.000Z', createdBy: 'u-admin' };
const week: Closure = { ...typhoon, id: 'cl-2', from: '2026-11-30', to: '2026-12-04' };

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('closurePatchSchema', () => {
  it('accepts its OpenAPI example', () => expect(closurePatchSchema.safeParse(exampleOf(closurePatchSchema)).success).toBe(true));

  it.each([
    [{}, 'CLOSURE.NOTHING_TO_NARROW'],
    [{ districts: [] }, 'CLOSURE.NO_DISTRICTS_LEFT'],
    [{ districts: ['火星區'] }, 'CLOSURE.UNKNOWN_DISTRICT'],
  ])('refuses %j with %s', (patch, message) => {
    const r = closurePatchSchema.safeParse(patch);
    expect(r.success ? undefined : r.error.issues.map((i) => i.message)).toEqual([message]);
  });
});

describe('narrowClosure', () => {
  it('keeps only the districts named of those it held in', () => {
    const patch = closurePatchSchema.parse({ districts: ['信義區', '北投區'] });
    expect(narrowClosure(typhoon, patch, today)).toEqual({ ...typhoon, districts: ['信義區', '北投區'] });
  });

  it('narrows a closure of the whole company to some districts, and ends one sooner, as late as yesterday', () => {
    const { districts: _all, ...company } = typhoon;
    expect(narrowClosure(company, { districts: ['中和區'] }, today).districts).toEqual(['中和區']);
    expect(narrowClosure(week, { to: '2026-12-01' }, today).to).toBe('2026-12-01');
  });

  it.each([
    ['a district it does not hold in', typhoon, { districts: ['信義區', '大安區'] }, 'CLOSURE.WIDENS'],
    ['a later last day', typhoon, { to: '2026-12-03' }, 'CLOSURE.WIDENS'],
    ['a last day before its first', typhoon, { to: '2026-12-01' }, 'CLOSURE.END_BEFORE_START'],
    ['a last day before yesterday', week, { to: '2026-11-30' }, 'CLOSURE.END_IN_PAST'],
    ['the districts of one begun before today', week, { districts: ['信義區'] }, 'CLOSURE.DISTRICTS_OF_PAST_DAYS'],
    ['one that is over', { ...typhoon, from: '2026-11-20', to: '2026-11-21' }, { to: '2026-11-20' }, 'CLOSURE.OVER'],
  ])('refuses %s', (_what, closure, patch, code) => {
    expect(codeOf(() => narrowClosure(closure, patch, today))).toBe(code);
  });
});

describe('moveBackRefusal', () => {
  const narrowed = [{ ...typhoon, districts: ['信義區', '北投區'] }];
  const move = { from: today, to: '2026-12-03', version: 4, district: '中和區' };
  const ctx = { closures: narrowed, closedDays: [], today };

  it('lets an order back to its day once the closure no longer holds there and nobody changed it since the move', () => {
    expect(moveBackRefusal(move, { requestedDate: '2026-12-03', version: 4 }, ctx)).toBeUndefined();
  });

  it.each([
    ['changed since the move', { requestedDate: '2026-12-03', version: 5 }, move, ctx, 'CLOSURE.MOVE_BACK_CHANGED'],
    ['moved to another day since', { requestedDate: '2026-12-04', version: 4 }, move, ctx, 'CLOSURE.MOVE_BACK_CHANGED'],
    ['gone', null, move, ctx, 'CLOSURE.MOVE_BACK_CHANGED'],
    ['still closed where it is delivered', { requestedDate: '2026-12-03', version: 4 }, { ...move, district: '北投區' }, ctx, 'CLOSURE.MOVE_BACK_STILL_CLOSED'],
    ['on a weekday its customer is closed (a Wednesday)', { requestedDate: '2026-12-03', version: 4 }, move, { ...ctx, closedDays: [3] }, 'CLOSURE.MOVE_BACK_STILL_CLOSED'],
    ['whose day has gone by', { requestedDate: '2026-12-03', version: 4 }, move, { ...ctx, today: '2026-12-03' }, 'CLOSURE.MOVE_BACK_DAY_PAST'],
  ])('keeps one %s', (_what, order, m, c, code) => {
    expect(moveBackRefusal(m, order, c)).toBe(code);
  });
});
