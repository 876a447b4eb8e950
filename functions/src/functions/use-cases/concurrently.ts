/**
 * Runs `work` over `items`, at most `limit` at a time, in order of start. A failure rejects the
 * whole run once the workers in flight settle; callers that must go on catch inside `work`.
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** `work` over `items`, at most `limit` at a time, with the results in the items' order. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  await forEachConcurrently(
    items.map((item, i) => ({ item, i })),
    limit,
    async ({ item, i }) => {
      results[i] = await work(item);
    },
  );
  return results;
}
