/**
 * Whether a form holds input not saved yet: what it holds now, compared as JSON with what it held at the last `mark()`
 * (once it was filled on opening, and after a save). Before the first mark nothing counts as changed.
 */
export interface DraftChanges {
  mark(): void;
  changed(): boolean;
}

export function draftChanges(draft: () => unknown): DraftChanges {
  let saved: string | null = null;
  return {
    mark: () => {
      saved = JSON.stringify(draft());
    },
    changed: () => saved !== null && JSON.stringify(draft()) !== saved,
  };
}

/**
 * An ElDialog `before-close` (Esc, the × button): closes at once when nothing is unsaved, else only once `ask` agrees
 * to throw the input away.
 */
export function guardedClose(changed: () => boolean, ask: () => Promise<boolean>): (done: () => void) => void {
  return (done) => {
    if (!changed()) {
      done();
      return;
    }
    void ask().then((discard) => {
      if (discard) done();
    });
  };
}
