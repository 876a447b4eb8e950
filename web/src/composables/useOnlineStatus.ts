import { onScopeDispose, ref } from 'vue';

/** The browser's view of connectivity, for the driver's online / offline badge. */
export function useOnlineStatus() {
  const online = ref(navigator.onLine);
  const update = () => (online.value = navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onScopeDispose(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return online;
}
