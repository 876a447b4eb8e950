import { DomainError } from '../errors';
import { assertBlankReportable, blankReportDeadline, blankReportReady, blankTrackSchema, blankTracks, periodToReport } from './blank-track';
import { periodEnd, rocYearMonth } from './period';

const PERIOD = '2026-11/12';
const book = { prefix: 'LG', from: 100, to: 249 };
const numbers = (...ns: number[]) => ns.map((n) => `LG${String(n).padStart(8, '0')}`);

describe('the unused numbers of a period’s books (blankTracks)', () => {
  it('reports the gaps between the numbers handed out and the unused end of the range, one entry per 字軌', () => {
    const used = numbers(100, 101, 102, 105, 106, 110);
    expect(blankTracks(PERIOD, [book], used)).toEqual([
      { period: PERIOD, track: 'LG', ranges: [{ from: 103, to: 104 }, { from: 107, to: 109 }, { from: 111, to: 249 }] },
    ]);
  });

  it('reports a single unused number as a run of one', () => {
    expect(blankTracks(PERIOD, [book], numbers(...Array.from({ length: 150 }, (_, i) => 100 + i).filter((n) => n !== 180)))).toEqual([
      { period: PERIOD, track: 'LG', ranges: [{ from: 180, to: 180 }] },
    ]);
  });

  it('reports nothing for a fully used book', () => {
    expect(blankTracks(PERIOD, [book], numbers(...Array.from({ length: 150 }, (_, i) => 100 + i)))).toEqual([]);
  });

  it('reports the whole range of a book never used', () => {
    expect(blankTracks(PERIOD, [book], [])).toEqual([{ period: PERIOD, track: 'LG', ranges: [{ from: 100, to: 249 }] }]);
  });

  it('runs across the 50-number booklets the range is allotted in: the rules ask for the unused numbers, not whole booklets', () => {
    // 100–149, 150–199 and 200–249 are three booklets; the last number used is 162.
    const runs = blankTracks(PERIOD, [book], numbers(...Array.from({ length: 63 }, (_, i) => 100 + i)))[0]?.ranges;
    expect(runs).toEqual([{ from: 163, to: 249 }]);
  });

  it('joins runs of one 字軌 that meet across two ranges, keeps apart those that do not, and reports each 字軌 apart', () => {
    const ranges = [
      { prefix: 'LH', from: 0, to: 49 },
      { prefix: 'LG', from: 150, to: 199 },
      { prefix: 'LG', from: 100, to: 149 },
      { prefix: 'LG', from: 300, to: 349 },
    ];
    expect(blankTracks(PERIOD, ranges, [...numbers(100, 101, 349), 'LH00000000'])).toEqual([
      { period: PERIOD, track: 'LG', ranges: [{ from: 102, to: 199 }, { from: 300, to: 348 }] },
      { period: PERIOD, track: 'LH', ranges: [{ from: 1, to: 49 }] },
    ]);
  });

  it('ignores numbers of other letters, outside the ranges, or not a number at all', () => {
    expect(blankTracks(PERIOD, [book], ['LF00000150', ...numbers(99, 250), 'AL202611290001', 'LG123'])).toEqual([
      { period: PERIOD, track: 'LG', ranges: [{ from: 100, to: 249 }] },
    ]);
  });

  it('answers what the E0402 schema takes', () => {
    for (const blank of blankTracks(PERIOD, [book], numbers(120))) expect(blankTrackSchema.safeParse(blank).success).toBe(true);
  });
});

describe('when a period’s unused numbers are reported', () => {
  it('names the period by its ROC year and even month, as E0402’s YearMonth', () => {
    expect(rocYearMonth('2026-11/12')).toBe('11512');
    expect(rocYearMonth('2027-01/02')).toBe('11602');
  });

  it('waits an hour after the period’s Taipei midnight end: a number taken at its last moment may still be being written', () => {
    expect(periodEnd(PERIOD).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(blankReportReady(PERIOD, new Date('2026-12-31T16:30:00Z'))).toBe(false);
    expect(blankReportReady(PERIOD, new Date('2026-12-31T17:00:00Z'))).toBe(true);
    expect(() => assertBlankReportable(PERIOD, new Date('2026-12-31T16:59:59Z'))).toThrow(DomainError);
    expect(() => assertBlankReportable(PERIOD, new Date('2026-12-15T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'INVOICE.PERIOD_NOT_ENDED' }));
    expect(() => assertBlankReportable('2026-09/10', new Date('2026-12-15T00:00:00Z'))).not.toThrow();
  });

  it('reports by default the last period whose books are closed, by the 10th after it', () => {
    // 06:00 on 1 January in Taipei: November–December has just ended.
    expect(periodToReport(new Date('2026-12-31T22:00:00Z'))).toBe('2026-11/12');
    expect(periodToReport(new Date('2027-02-28T15:59:00Z'))).toBe('2026-11/12');
    // 00:30 on 1 January in Taipei: November–December's books are not closed yet, so the one before.
    expect(periodToReport(new Date('2026-12-31T16:30:00Z'))).toBe('2026-09/10');
    for (const at of ['2026-12-31T16:30:00Z', '2026-12-31T17:00:00Z', '2027-01-01T04:00:00Z']) {
      expect(blankReportReady(periodToReport(new Date(at)), new Date(at))).toBe(true);
    }
    expect(blankReportDeadline('2026-11/12')).toBe('2027-01-10');
    expect(blankReportDeadline('2027-03/04')).toBe('2027-05-10');
  });
});
