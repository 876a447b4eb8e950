import type { StaffAnnouncement } from '../composables/useAnnouncements';
import { forgetKeptAnnouncements, keepAnnouncements, keptAnnouncements, keptAt, type KeptStorage } from './kept-announcements';

function memoryStorage(): KeptStorage & { size: () => number } {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    size: () => map.size,
  };
}

const announcement = (id: string, showFrom: string, showTo: string): StaffAnnouncement => ({
  id,
  title: '颱風停止配送',
  body: '信義區今日暫停配送。',
  showFrom,
  showTo,
  audience: { kind: 'districts', districts: ['信義區'] },
});

// 08:12 Taipei on 2026-12-02.
const FETCHED_AT = '2026-12-02T00:12:00.000Z';

describe('the staff announcements a driver phone keeps for offline', () => {
  it('answers the copy the same driver fetched, with when it was fetched', () => {
    const storage = memoryStorage();
    const typhoon = announcement('ann-typhoon', '2026-12-02', '2026-12-03');
    keepAnnouncements(storage, 'u-driver1', [typhoon], FETCHED_AT);
    expect(keptAnnouncements(storage, 'u-driver1', '2026-12-02')).toEqual({ uid: 'u-driver1', fetchedAt: FETCHED_AT, announcements: [typhoon] });
  });

  it('drops those whose last day has passed in Taipei, and keeps those still running', () => {
    const storage = memoryStorage();
    keepAnnouncements(storage, 'u-driver1', [announcement('ann-ended', '2026-12-01', '2026-12-02'), announcement('ann-running', '2026-12-02', '2026-12-04')], FETCHED_AT);
    expect(keptAnnouncements(storage, 'u-driver1', '2026-12-03')?.announcements.map((a) => a.id)).toEqual(['ann-running']);
    expect(keptAnnouncements(storage, 'u-driver1', '2026-12-05')?.announcements).toEqual([]);
  });

  it("shows another driver nothing of the previous driver's copy", () => {
    const storage = memoryStorage();
    keepAnnouncements(storage, 'u-driver1', [announcement('ann-typhoon', '2026-12-02', '2026-12-03')], FETCHED_AT);
    expect(keptAnnouncements(storage, 'u-driver2', '2026-12-02')).toBeNull();
  });

  it('replaces the copy with the next answer, one that lists none included', () => {
    const storage = memoryStorage();
    keepAnnouncements(storage, 'u-driver1', [announcement('ann-typhoon', '2026-12-02', '2026-12-03')], FETCHED_AT);
    keepAnnouncements(storage, 'u-driver1', [], '2026-12-02T03:00:00.000Z');
    expect(keptAnnouncements(storage, 'u-driver1', '2026-12-02')).toEqual({ uid: 'u-driver1', fetchedAt: '2026-12-02T03:00:00.000Z', announcements: [] });
  });

  it('keeps nothing once the session ends', () => {
    const storage = memoryStorage();
    keepAnnouncements(storage, 'u-driver1', [announcement('ann-typhoon', '2026-12-02', '2026-12-03')], FETCHED_AT);
    forgetKeptAnnouncements(storage);
    expect(keptAnnouncements(storage, 'u-driver1', '2026-12-02')).toBeNull();
    expect(storage.size()).toBe(0);
  });

  it('answers nothing for an entry it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem('lg.staffAnnouncements.kept', '{not json');
    expect(keptAnnouncements(storage, 'u-driver1', '2026-12-02')).toBeNull();
    storage.setItem('lg.staffAnnouncements.kept', JSON.stringify({ uid: 'u-driver1', announcements: [] }));
    expect(keptAnnouncements(storage, 'u-driver1', '2026-12-02')).toBeNull();
  });

  it('says when it was fetched in Taipei time, with the day when fetched on an earlier one', () => {
    expect(keptAt(FETCHED_AT, '2026-12-02', 'zh-TW')).toBe('08:12');
    expect(keptAt(FETCHED_AT, '2026-12-03', 'zh-TW')).toBe('12/2（三）08:12');
    expect(keptAt(FETCHED_AT, '2026-12-03', 'en')).toBe('12/2 (Wed) 08:12');
  });
});
