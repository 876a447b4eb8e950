import type { ConfirmResult, Order } from '../../lib/types';
import type { Translate } from './items-text';

/**
 * 全部確認 as the API answers it (POST /api/orders/confirm): each order confirmed on the server in a transaction of its
 * own, so once a request is sent, closing the page leaves nothing half done that the server would not finish.
 */

/** The API's most ids in one request (`MAX_CONFIRM_MANY`): a longer column goes in several, one after the other. */
export const CONFIRM_MANY_MAX = 300;

/** Sends the ids in requests of at most `max`, one after the other, and gives every result in the ids' order. */
export async function confirmInBatches(
  ids: readonly string[],
  send: (ids: readonly string[]) => Promise<{ results: readonly ConfirmResult[] }>,
  max = CONFIRM_MANY_MAX,
): Promise<ConfirmResult[]> {
  const results: ConfirmResult[] = [];
  for (let start = 0; start < ids.length; start += Math.max(1, max)) {
    results.push(...(await send(ids.slice(start, start + Math.max(1, max)))).results);
  }
  return results;
}

/**
 * What 全部確認 sends: the column's orders but the nightly forecast's suggestions (建議). Nobody has asked for those yet;
 * confirmed unseen, they send a truck to a customer who may still have gas, so each is confirmed from its drawer after a call.
 * On a day called off, not the orders its closure `holds` either (those it is delivered through anyway, 緊急配送, it does
 * not): they wait to be moved off it, and confirming them would tell their customers of a delivery nobody makes.
 */
export function confirmAllSplit<T extends Pick<Order, 'id' | 'source'>>(list: readonly T[], holds: (order: T) => boolean = () => false): { ids: string[]; suggested: number; held: number } {
  const asked = list.filter((o) => o.source !== 'forecast');
  const deliverable = asked.filter((o) => !holds(o));
  return { ids: deliverable.map((o) => o.id), suggested: list.length - asked.length, held: asked.length - deliverable.length };
}

/** How many refusals the summary names one by one; the rest are counted. */
const REFUSALS_NAMED = 5;

/** An answer per order of a request on many (全部確認, 延後): what became of it, and why when refused. */
interface BatchResult {
  readonly id: string;
  readonly outcome: string;
  readonly code?: string;
  readonly message?: string;
}

/**
 * The summary in words, a line each: how many went through (`done`), how many were so already (`already`), then each
 * refusal with its customer and why; the words under `keys` (`board.confirmAll`, `board.reschedule`).
 */
export function batchSummary(
  results: readonly BatchResult[],
  outcomes: { readonly done: string; readonly already: string },
  keys: string,
  customerOf: (id: string) => string,
  t: Translate,
  tc: (key: string, named: Record<string, unknown>, n: number) => string,
): string[] {
  const done = results.filter((r) => r.outcome === outcomes.done).length;
  const already = results.filter((r) => r.outcome === outcomes.already).length;
  const refused = results.filter((r) => r.outcome === 'refused');
  return [
    ...(done > 0 ? [tc(`${keys}.done`, { n: done }, done)] : []),
    ...(already > 0 ? [tc(`${keys}.already`, { n: already }, already)] : []),
    ...refused.slice(0, REFUSALS_NAMED).map((r) => t(`${keys}.refused`, { customer: customerOf(r.id), message: r.message ?? r.code ?? '' })),
    ...(refused.length > REFUSALS_NAMED ? [tc(`${keys}.refusedMore`, { n: refused.length - REFUSALS_NAMED }, refused.length - REFUSALS_NAMED)] : []),
  ];
}

/** 全部確認's summary (`batchSummary`). */
export const confirmSummary = (results: readonly ConfirmResult[], customerOf: (id: string) => string, t: Translate, tc: (key: string, named: Record<string, unknown>, n: number) => string): string[] =>
  batchSummary(results, { done: 'confirmed', already: 'already_confirmed' }, 'board.confirmAll', customerOf, t, tc);
