import { ElMessageBox } from 'element-plus';
import type { VNode } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * Asks before a step that is not undone in one click (deactivate, retire, delete, closing a form with unsaved input):
 * the warning box with the action's own name on its button, and `keep` (取消 unless given) on the other; the box is
 * titled with the action unless a question of its own (價格變動很大) says more. True to go on, false when the user backs out.
 * A message that renders a choice (a checkbox) is a function, so the box follows it.
 */
export function useConfirm(): (message: string | (() => VNode), action: string, keep?: string, title?: string) => Promise<boolean> {
  const { t } = useI18n();
  return async (message, action, keep, title) => {
    try {
      await ElMessageBox.confirm(message, title ?? action, { type: 'warning', confirmButtonText: action, cancelButtonText: keep ?? t('common.cancel') });
      return true;
    } catch {
      return false;
    }
  };
}
