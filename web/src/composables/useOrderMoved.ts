import { computed, type Ref } from 'vue';
import type { Order, TimelineEntry } from '../lib/types';
import { useOrder } from './useOrders';
import { useSession } from './useSession';

/** The order as someone else left it, and the timeline entry that moved it there. */
export interface OrderMove {
  readonly order: Order;
  readonly entry: TimelineEntry | null;
}

/**
 * An office dialog acting on one order (重新安排 a failed delivery, 標記未送達 a stop) follows it while open: once someone
 * else moves it where the action no longer applies (another clerk rescheduled it, the driver's late upload delivered it,
 * it was cancelled or taken off its route), `moved` holds the order as it is now, so the dialog says so at once and stops
 * offering the action instead of sending it to be refused. Nothing is said while the caller's own call is under way
 * (`busy`), nor of a move the caller made (their call went through and its answer was lost: the retry under the same key
 * answers it as done).
 */
export function useOrderMoved(id: () => string | null, applies: (order: Order) => boolean, busy: Ref<boolean>) {
  const { user } = useSession();
  const { order } = useOrder(id);
  const moved = computed<OrderMove | null>(() => {
    const now = order.value;
    if (!now || busy.value || applies(now)) return null;
    const entry = now.timeline.at(-1) ?? null;
    return entry?.by.uid === user.value?.uid ? null : { order: now, entry };
  });
  return { moved };
}
