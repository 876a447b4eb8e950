import type { ClosurePeriod } from '../closures';
import { FAILURE_REASONS } from '../notifications/templates';
import { assertStaffFailureReason } from './failure-reason';

const stop = { requestedDate: '2030-01-15', district: '中和區' };
const typhoon: ClosurePeriod = { name: '颱風停班停課', from: '2030-01-15', to: '2030-01-15' };
const refusal = (reason: string, closures: readonly ClosurePeriod[] = [typhoon]) => {
  try {
    assertStaffFailureReason(reason, stop, closures);
    return null;
  } catch (e) {
    return e;
  }
};

describe('a failure reason staff record for the driver (標記未送達)', () => {
  it('is any code the driver picks', () => {
    const codes = Object.keys(FAILURE_REASONS);
    expect(codes.map((r) => refusal(r, []))).toEqual(codes.map(() => null));
  });

  it('is not words, nor a code nobody picks, nor blank: those are the driver’s 其他, and the office’s words go in the note', () => {
    for (const reason of ['司機手機沒電，客戶不在家', 'nobody_home', 'other', '']) {
      expect(refusal(reason)).toMatchObject({ code: 'ORDER.FAILURE_REASON_REQUIRED', kind: 'validation', details: { path: 'reason' } });
    }
  });

  it('is the name of a closure holding on the stop’s day where it is delivered, as the board’s call-off sends it', () => {
    expect(refusal('颱風停班停課')).toBeNull();
    expect(refusal('颱風停班停課', [{ ...typhoon, districts: ['中和區'] }])).toBeNull();
    expect(refusal('颱風停班停課', [{ ...typhoon, name: '除夕', closesAt: '12:00' }])).not.toBeNull();
    expect(refusal('除夕', [{ ...typhoon, name: '除夕', closesAt: '12:00' }])).toBeNull();
    // Another day's closure, or one of other districts, is no reason for this stop.
    expect(refusal('颱風停班停課', [{ ...typhoon, from: '2030-01-16', to: '2030-01-17' }])).not.toBeNull();
    expect(refusal('颱風停班停課', [{ ...typhoon, districts: ['永和區'] }])).not.toBeNull();
  });
});
