import { inject, type InjectionKey, nextTick, onBeforeUnmount, onMounted, provide } from 'vue';
import { useI18n } from 'vue-i18n';
import { draftChanges, guardedClose } from '../lib/form-draft';
import { useConfirm } from './useConfirm';

/** How a form component rendered inside a guarded dialog adds its unsaved input to the dialog's; gives back its removal. */
const INNER_FORMS: InjectionKey<(changed: () => boolean) => () => void> = Symbol('guarded dialog forms');

/**
 * What a form dialog binds on its ElDialog (`v-bind="guard"`), so a slip does not throw typed input away: a click on
 * the backdrop does nothing, and Esc or × ask first while `changed()`, or a form component inside (`useGuardedForm`),
 * holds unsaved input. Closing after a save, or with the form's own cancel button, asks nothing.
 */
export function useCloseGuard(changed: () => boolean = () => false) {
  const { t } = useI18n();
  const confirm = useConfirm();
  const inner = new Set<() => boolean>();
  provide(INNER_FORMS, (formChanged) => {
    inner.add(formChanged);
    return () => void inner.delete(formChanged);
  });
  const unsaved = () => changed() || [...inner].some((formChanged) => formChanged());
  return {
    closeOnClickModal: false,
    beforeClose: guardedClose(unsaved, () => confirm(t('common.unsavedInput'), t('common.discardInput'), t('common.keepEditing'))),
  };
}

/** A form component shown in a guarded dialog (`useCloseGuard`): its input as first shown counts as saved. */
export function useGuardedForm(draft: () => unknown): void {
  const changes = draftChanges(draft);
  const register = inject(INNER_FORMS, null);
  // Once its fields have mounted, which may have set a value of their own.
  onMounted(() => void nextTick(changes.mark));
  if (register) onBeforeUnmount(register(changes.changed));
}
