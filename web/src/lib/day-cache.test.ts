import { forgetOtherDays, type KeyedStorage } from './day-cache';

function storageWith(...keys: string[]): KeyedStorage & { keys: () => string[] } {
  const map = new Map(keys.map((k) => [k, '{}']));
  return {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    removeItem: (k: string) => void map.delete(k),
    keys: () => [...map.keys()],
  };
}

describe('per-day caches', () => {
  it('keeps only the day just stored of the same prefix, and leaves other caches alone', () => {
    const storage = storageWith('lg.driverOnSite.u1.2026-11-27', 'lg.driverOnSite.u1.2026-11-28', 'lg.driverOnSite.u1.2026-11-29', 'lg.driverOnSite.u2.2026-11-27', 'lg.queue.u1');
    forgetOtherDays(storage, 'lg.driverOnSite.u1.2026-11-29');
    expect(storage.keys()).toEqual(['lg.driverOnSite.u1.2026-11-29', 'lg.driverOnSite.u2.2026-11-27', 'lg.queue.u1']);
  });
});
