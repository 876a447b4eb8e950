import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatDateRange, sameDayClashes } from '../lib/closures';
import { formatShortDate, type AppLocale } from '../lib/format';
import { retryKeys } from '../lib/retry-key';
import type { Closure, ClosureOrdersMoved, MoveDirection } from '../lib/types';
import { useApi } from './useApi';
import { moveClosureOrders } from './useClosures';
import { useConfirm } from './useConfirm';

/**
 * 全部移到休息前／休息後 wherever it is offered (休息日, the board on a closure day): asked first, as it tells the customers
 * of confirmed orders their new day; sent under a key a retry reuses; a refusal said in a message. `moving` is the
 * closure being moved; `move` answers what moved and what stayed, or null when the user backed out or it failed.
 * `sameDayLines` says, per customer a move left with two orders on one day, 王小姐 12/4 已有其他訂單（共 2 張）…, for the office to
 * combine them (the API does not merge orders a customer may have confirmed as they are). `dayLines` says what each day
 * the orders moved to now carries, 12/2（三）現有 62 筆待配送訂單（含改期移入 32 筆）, for the office to plan trucks for.
 */
export function useClosureMove() {
  const { t, locale } = useI18n();
  const confirm = useConfirm();
  const { errorText } = useApi();
  const moving = ref<string | null>(null);
  const keyFor = retryKeys();

  async function move(closure: Closure, direction: MoveDirection): Promise<ClosureOrdersMoved | null> {
    const question = direction === 'before' ? 'admin.closures.moveConfirmBefore' : 'admin.closures.moveConfirmAfter';
    const range = formatDateRange(closure, locale.value as AppLocale);
    if (!(await confirm(t(question, { name: closure.name, range }), t('admin.closures.moveOrders')))) return null;
    moving.value = closure.id;
    try {
      const result = await moveClosureOrders(closure.id, direction, keyFor({ closureId: closure.id, direction }));
      keyFor.renew();
      return result;
    } catch (e) {
      ElMessage.error(errorText(e));
      return null;
    } finally {
      moving.value = null;
    }
  }
  const sameDayLines = (result: ClosureOrdersMoved): string[] =>
    sameDayClashes(result).map((c) =>
      t('admin.closures.sameDay', { customer: c.customerName, date: formatShortDate(c.date, locale.value as AppLocale, false), n: c.count }),
    );
  const dayLines = (result: ClosureOrdersMoved): string[] =>
    result.days.map((d) => t('admin.closures.dayLoad', { date: formatShortDate(d.date, locale.value as AppLocale), n: d.openOrders, moved: d.movedIn }, d.openOrders));
  return { moving, move, sameDayLines, dayLines };
}
