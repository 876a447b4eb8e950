import { claimsShortOfStock, emptyStock } from '../cylinders/stock';
import { earlierSuggestionFate, nightClaims } from './earlier-suggestions';

const today = '2026-12-01';
const auto = { status: 'active', autoDelivery: true } as const;
const tomorrow = { requestedDate: '2026-12-02' };
const none = { today, otherOpenOrder: false };

describe('earlierSuggestionFate', () => {
  it("weighs an auto-delivery customer's suggestion for a later day against the fulls again", () => {
    expect(earlierSuggestionFate(tomorrow, auto, none)).toBe('weigh');
  });

  it('keeps one whose day has come held, for the office to move or cancel: the night confirms nothing for today or before', () => {
    expect(earlierSuggestionFate({ requestedDate: today }, auto, none)).toBe('held');
    expect(earlierSuggestionFate({ requestedDate: '2026-11-30' }, auto, none)).toBe('held');
  });

  it('leaves to the office one of a customer the night would suggest nothing to, whatever its day', () => {
    const stop = { serviceCallId: 'svc-1', since: today, items: ['hose' as const] };
    for (const day of [tomorrow, { requestedDate: today }]) {
      expect(earlierSuggestionFate(day, { ...auto, autoDelivery: false }, none)).toBe('left');
      expect(earlierSuggestionFate(day, { ...auto, status: 'inactive' }, none)).toBe('left');
      expect(earlierSuggestionFate(day, undefined, none)).toBe('left');
      expect(earlierSuggestionFate(day, { ...auto, supplyStop: stop }, none)).toBe('left');
      expect(earlierSuggestionFate(day, auto, { today, otherOpenOrder: true })).toBe('left');
    }
  });
});

describe('nightClaims', () => {
  const one = [{ size: 20 as const, quantity: 1 }];
  const day = '2026-12-03';
  const tonights = { id: 'sug-c1-2026-12-01', requestedDate: day, items: one, deliverBy: '2026-12-02' };
  const earlier = { id: 'sug-c2-2026-11-30', customerId: 'c2', requestedDate: day, items: one };
  /** One full 20 kg at a depot whose books are kept: the day's first claim takes it. */
  const oneFull = [{ ...emptyStock('depot-a'), lastMovementId: 'mov-count', lines: emptyStock('depot-a').lines.map((l) => (l.size === 20 ? { ...l, full: 1 } : l)) }];

  it("serves an earlier night's held suggestion before tonight's on the same day when its customer is to be delivered by sooner", () => {
    const claims = nightClaims([tonights], [earlier], () => '2026-12-01');
    expect(claims.map((c) => c.id)).toEqual([earlier.id, tonights.id]);
    expect(claimsShortOfStock(claims, oneFull, [])).toEqual(new Set([tonights.id]));
  });

  it("serves tonight's first when its customer is to be delivered by sooner: being older is no claim", () => {
    const claims = nightClaims([tonights], [earlier], () => '2026-12-03');
    expect(claimsShortOfStock(claims, oneFull, [])).toEqual(new Set([earlier.id]));
  });

  it("reads an earlier night's on its own day when its customer has no prediction tonight", () => {
    expect(nightClaims([], [earlier], () => undefined)).toEqual([{ id: earlier.id, requestedDate: day, items: one, deliverBy: day }]);
  });
});
