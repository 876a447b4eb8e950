import { computed, reactive, ref, type Ref } from 'vue';
import { CLOSURE_HINT_DAYS, closureOn, comingClosures, nextDeliverableDay } from '../lib/closures';
import { taipeiDate } from '../lib/format';
import type { Closure } from '../lib/types';

/**
 * 緊急配送 wherever office staff pick an order's day (新增訂單, 修改訂單, 重新安排; `ClosureOverrideField` shows it): the
 * office may still deliver one order on a closure day (a customer out of gas in a typhoon), saying why, while the closure
 * stays for everyone else. Offered while a closure is coming; ticked (`on`), the closures' days may be picked and stay
 * picked; on one (`closure`), the order goes with the reason (`request`), and not without one (`ready`). Unticked, a
 * closure's day is not one to send: the day moves to the first open one from it. `closures`: those that hold for the
 * order's place, as the date field reads them (read only once asked, so a form may pass what it sets up after this).
 */
export function useClosureOverride(date: Ref<string>, closedDays: Readonly<Ref<readonly number[]>>, closures: () => readonly Closure[]) {
  const on = ref(false);
  const reason = ref('');
  const closure = computed(() => (on.value ? closureOn(closures(), date.value) : undefined));
  return reactive({
    on,
    reason,
    closure,
    offered: computed(() => comingClosures(closures(), taipeiDate(), CLOSURE_HINT_DAYS).length > 0),
    ready: computed(() => !closure.value || reason.value.trim() !== ''),
    request: computed(() => (closure.value ? { closureOverride: { reason: reason.value.trim() } } : {})),
    setOn(value: boolean) {
      on.value = value;
      if (!value) date.value = nextDeliverableDay(closures(), closedDays.value, date.value);
    },
    setReason(value: string) {
      reason.value = value;
    },
    /** As a form opens: unticked, or ticked with the reason an order on a closure day already carries. */
    reset(kept?: { readonly reason: string }) {
      on.value = kept !== undefined;
      reason.value = kept?.reason ?? '';
    },
  });
}
export type ClosureOverride = ReturnType<typeof useClosureOverride>;
