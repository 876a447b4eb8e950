import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatDateRange, mergedMoves, moveUntilDone, sameDayClashes } from '../lib/closures';
import { formatShortDate, type AppLocale } from '../lib/format';
import { retryKeys } from '../lib/retry-key';
import type { Closure, ClosureOrdersMoved, MoveDirection } from '../lib/types';
import { useApi } from './useApi';
import { moveClosureOrders, useClosureTitle } from './useClosures';
import { useConfirm } from './useConfirm';

/**
 * 全部移到休息前／休息後 wherever it is offered (休息日, the board on a closure day): asked first, as it tells the customers
 * of confirmed orders their new day; sent under a key a retry reuses; a refusal said in a message. `moving` is the
 * closure being moved; `move` answers what moved and what stayed, or null when the user backed out or it failed; a move
 * the API answers in several rounds (`remaining`) is asked on by itself, `progress` saying how far it is.
 * `sameDayLines` says, per customer a move left with two orders on one day, 王小姐 12/4 已有其他訂單（共 2 張）…, for the office to
 * combine them (the API does not merge orders a customer may have confirmed as they are). `dayLines` says what each day
 * the orders moved to now carries, 12/2（三）現有 62 筆待配送訂單（含改期移入 32 筆）, for the office to plan trucks for.
 */
export function useClosureMove() {
  const { t, locale } = useI18n();
  const confirm = useConfirm();
  const { errorText } = useApi();
  const closureTitle = useClosureTitle();
  const moving = ref<string | null>(null);
  /** While a move of many orders goes on past one request (the API answers `remaining`): how many moved, how many left. */
  const progress = ref<{ moved: number; remaining: number } | null>(null);
  const keyFor = retryKeys();

  /**
   * Moves the orders of `closures` (one, on 休息日; those of a day, on the board: districts called off one by one are
   * closures of their own), asked once, one closure after another, answered as one move.
   */
  async function move(closures: readonly Closure[], direction: MoveDirection): Promise<ClosureOrdersMoved | null> {
    const question = direction === 'before' ? 'admin.closures.moveConfirmBefore' : 'admin.closures.moveConfirmAfter';
    const separator = t('admin.closures.districtSeparator');
    const name = closures.map(closureTitle).join(separator);
    const range = [...new Set(closures.map((c) => formatDateRange(c, locale.value as AppLocale)))].join(separator);
    if (closures.length === 0 || !(await confirm(t(question, { name, range }), t('admin.closures.moveOrders')))) return null;
    try {
      let result: ClosureOrdersMoved | null = null;
      for (const closure of closures) {
        moving.value = closure.id;
        // Each round under a key of its own. Moving again after a failed round reuses its key only if it was the first;
        // later, the move starts over on what is still on the closure, which is the rest.
        const moved = await moveUntilDone(
          (round) => moveClosureOrders(closure.id, direction, keyFor({ closureId: closure.id, direction, round })),
          (done, remaining) => (progress.value = { moved: done, remaining }),
        );
        // What another closure left on its days adds to this one's.
        result = result ? { ...mergedMoves(result, moved), remaining: result.remaining + moved.remaining } : moved;
      }
      keyFor.renew();
      return result;
    } catch (e) {
      ElMessage.error(errorText(e));
      return null;
    } finally {
      moving.value = null;
      progress.value = null;
    }
  }
  const sameDayLines = (result: ClosureOrdersMoved): string[] =>
    sameDayClashes(result).map((c) =>
      t('admin.closures.sameDay', { customer: c.customerName, date: formatShortDate(c.date, locale.value as AppLocale, false), n: c.count }),
    );
  const dayLines = (result: ClosureOrdersMoved): string[] =>
    result.days.map((d) => t('admin.closures.dayLoad', { date: formatShortDate(d.date, locale.value as AppLocale), n: d.openOrders, moved: d.movedIn }, d.openOrders));
  /** What a move that stopped with orders still on the closure (a round that moved none) leaves to do. */
  const leftLines = (result: ClosureOrdersMoved): string[] => (result.remaining > 0 ? [t('admin.closures.moveLeft', { n: result.remaining }, result.remaining)] : []);
  return { moving, progress, move, sameDayLines, dayLines, leftLines };
}
