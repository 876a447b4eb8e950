import { keepOwn } from './changed-meanwhile';
import { CYLINDER_SIZES, type CylindersOnSite, type Order, type SizeQuantity, type TimeWindow } from './types';

/** Cylinders per size as the forms' counters hold them: every size present, 0 for none. */
export type CountsBySize = Record<number, number>;

export const zeroBySize = (): CountsBySize => Object.fromEntries(CYLINDER_SIZES.map((s) => [s, 0]));

export const countsOf = (lines: readonly SizeQuantity[] | undefined): CountsBySize => {
  const counts = zeroBySize();
  for (const { size, quantity } of lines ?? []) counts[size] = quantity;
  return counts;
};

/**
 * The sizes a customer takes: those they have on site or ever ordered, smallest first. The forms show these and keep
 * the others behind 其他規格 (a household on 20 kg alone need not read five); none known, empty: every size is shown.
 */
export function usualSizes(onSite: readonly Pick<CylindersOnSite, 'size' | 'count'>[], orders: readonly Pick<Order, 'items'>[]): number[] {
  const taken = new Set([...onSite.filter((l) => l.count > 0).map((l) => l.size), ...orders.flatMap((o) => o.items.map((l) => l.size))]);
  return CYLINDER_SIZES.filter((s) => taken.has(s));
}

/** The sizes counted, smallest first, as the API takes them (no zero lines). */
export const linesOf = (counts: CountsBySize): SizeQuantity[] =>
  CYLINDER_SIZES.filter((s) => (counts[s] ?? 0) > 0).map((size) => ({ size, quantity: counts[size] ?? 0 }));

/** What a change dialog holds: the day and hours, and (the office's) the cylinders to bring and to take back. */
export interface OrderDraft {
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly items?: CountsBySize;
  readonly empties?: CountsBySize;
}

/** The body of PATCH /api/orders/:id, with the version of the order the change was made on. */
export interface OrderPatch {
  requestedDate?: string;
  timeWindow?: TimeWindow | null;
  items?: SizeQuantity[];
  emptiesToCollect?: SizeQuantity[];
  version?: number;
  /** With `requestedDate` on a closure's day: delivered anyway (緊急配送), with the reason. */
  closureOverride?: { reason: string };
  /** With `requestedDate`: why it moves, told to the customer (a RESCHEDULE_REASONS code or words typed). */
  reason?: string;
}

const sameLines = (a: readonly SizeQuantity[], b: readonly SizeQuantity[]) => JSON.stringify(linesOf(countsOf(a))) === JSON.stringify(linesOf(countsOf(b)));

/**
 * Only what the draft changes of the order, so a retry of the same PATCH is the same change; null while there is nothing
 * to send or the draft cannot be sent (one of the hours chosen without the other, no cylinder left to bring). Both hours
 * cleared drops the window asked for. `collectionOnly`: the office may leave nothing to bring while empties are taken
 * back (回收空瓶); a customer may not (the API refuses them).
 */
export function orderPatch(order: Order, draft: OrderDraft, { collectionOnly = false }: { collectionOnly?: boolean } = {}): OrderPatch | null {
  if (Boolean(draft.start) !== Boolean(draft.end)) return null;
  const window: TimeWindow | null = draft.start ? { start: draft.start, end: draft.end } : null;
  const patch: OrderPatch = {};
  if (draft.date !== order.requestedDate) patch.requestedDate = draft.date;
  if (JSON.stringify(window) !== JSON.stringify(order.timeWindow ? { start: order.timeWindow.start, end: order.timeWindow.end } : null)) patch.timeWindow = window;
  if (draft.items) {
    const items = linesOf(draft.items);
    const empties = draft.empties ? linesOf(draft.empties) : order.emptiesToCollect;
    if (items.length === 0 && !(collectionOnly && empties.length > 0)) return null;
    if (!sameLines(items, order.items)) patch.items = items;
  }
  if (draft.empties) {
    const empties = linesOf(draft.empties);
    if (!sameLines(empties, order.emptiesToCollect)) patch.emptiesToCollect = empties;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/** What a change dialog shows of an order, and its status: what someone else may change while the dialog is open. */
export const WATCHED_FIELDS = ['status', 'items', 'emptiesToCollect', 'requestedDate', 'timeWindow'] as const;
export type WatchedField = (typeof WATCHED_FIELDS)[number];

const windowOf = (order: Pick<Order, 'timeWindow'>) => (order.timeWindow ? `${order.timeWindow.start}–${order.timeWindow.end}` : '');
const draftOf = (order: Order): Required<OrderDraft> => ({
  date: order.requestedDate,
  start: order.timeWindow?.start ?? '',
  end: order.timeWindow?.end ?? '',
  items: countsOf(order.items),
  empties: countsOf(order.emptiesToCollect),
});

/** The fields of `seen` that `now` holds otherwise (someone changed the order meanwhile), in the dialog's order. */
export function changedSince(seen: Order, now: Order): WatchedField[] {
  return WATCHED_FIELDS.filter((field) => {
    switch (field) {
      case 'items':
      case 'emptiesToCollect':
        return !sameLines(seen[field], now[field]);
      case 'timeWindow':
        return windowOf(seen) !== windowOf(now);
      default:
        return seen[field] !== now[field];
    }
  });
}

/** The draft carried over onto the order as it is `now` (`keepOwn`), its hours going as one. */
export const rebaseDraft = (seen: Order, now: Order, draft: Required<OrderDraft>): Required<OrderDraft> =>
  keepOwn(draftOf(seen), draftOf(now), draft, [['start', 'end']]);
