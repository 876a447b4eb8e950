/** What `forgetOtherDays` needs of the Web Storage API (localStorage), so tests can hand it a Map. */
export type KeyedStorage = Pick<Storage, 'length' | 'key' | 'removeItem'>;

/**
 * Caches kept per day under `<prefix>.<day>`: once a day's answer is stored, the other days' entries
 * of the same prefix go, so a phone holds one day however long it is used.
 */
export function forgetOtherDays(storage: KeyedStorage, cacheKey: string): void {
  const prefix = cacheKey.slice(0, cacheKey.lastIndexOf('.') + 1);
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
  for (const key of keys) if (key !== null && key.startsWith(prefix) && key !== cacheKey) storage.removeItem(key);
}
