import { ElMessageBox } from 'element-plus';
import { useI18n } from 'vue-i18n';

/**
 * Asks before a step that is not undone in one click (deactivate, retire, delete, closing a form with unsaved input):
 * the warning box with the action's own name on its button, and `keep` (取消 unless given) on the other; the box is
 * titled with the action unless a question of its own (價格變動很大) says more. True to go on, false when the user backs out.
 */
export function useConfirm(): (message: string, action: string, keep?: string, title?: string) => Promise<boolean> {
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
