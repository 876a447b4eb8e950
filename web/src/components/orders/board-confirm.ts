/** How many confirm calls 全部確認 keeps in flight: a morning's suggestions in a few seconds, without a burst at the API. */
export const CONFIRM_AT_ONCE = 4;

export interface ConfirmOutcome<T> {
  readonly confirmed: readonly T[];
  /** In the order the cards were given, so "the first refusal" is the one nearest the column's top. */
  readonly refused: readonly { readonly item: T; readonly error: unknown }[];
}

/**
 * Confirms each item, at most `atOnce` at a time; a refusal (an order cancelled meanwhile, the network gone) is kept
 * and the others go on.
 */
export async function confirmEach<T>(items: readonly T[], confirm: (item: T) => Promise<unknown>, atOnce = CONFIRM_AT_ONCE): Promise<ConfirmOutcome<T>> {
  const errors = new Map<number, unknown>();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        await confirm(items[index] as T);
      } catch (error) {
        errors.set(index, error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, atOnce), items.length) }, worker));
  return {
    confirmed: items.filter((_, index) => !errors.has(index)),
    refused: items.flatMap((item, index) => (errors.has(index) ? [{ item, error: errors.get(index) }] : [])),
  };
}
