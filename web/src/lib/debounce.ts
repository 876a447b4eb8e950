/**
 * Calls `fn` once `ms` have passed without another call, with the latest arguments: a search box asks the API when the
 * typing pauses, not for every key. `cancel` drops the pending call (leaving the page, or searching at once on Enter).
 */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => clearTimeout(timer);
  const call = (...args: A) => {
    cancel();
    timer = setTimeout(() => fn(...args), ms);
  };
  return Object.assign(call, { cancel });
}
