import { earlierSuggestionFate } from './earlier-suggestions';

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
