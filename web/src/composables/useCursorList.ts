import { ref, shallowRef, type Ref } from 'vue';

/** One page of a cursor-paged API list, with whatever else the API says about the whole list (a total, sums). */
export interface CursorPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/**
 * A list read in cursor pages ("load more") and read again from the top for a new query; the answer to an earlier query
 * that comes late is dropped, so a fast filter change never shows the old filter's rows. `load(q, { all: true })` reads
 * every page at once. `lastPage` is the latest page answered, for what the API says about the whole list.
 */
export function useCursorList<P extends CursorPage<unknown>, Q>(fetchPage: (query: Q, cursor: string | null) => Promise<P>, initial: Q) {
  type T = P['items'][number];
  const rows = ref<T[]>([]) as Ref<T[]>;
  const nextCursor = ref<string | null>(null);
  const lastPage = shallowRef<P | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let asked = 0;
  let query = initial;

  async function read(cursor: string | null, all: boolean) {
    const ticket = ++asked;
    loading.value = true;
    error.value = null;
    try {
      let read: T[] = cursor ? rows.value : [];
      let next: string | null = cursor;
      let page: P;
      do {
        page = await fetchPage(query, next);
        if (ticket !== asked) return;
        read = [...read, ...page.items];
        next = page.nextCursor ?? null;
      } while (all && next);
      rows.value = read;
      nextCursor.value = next;
      lastPage.value = page;
    } catch (e) {
      if (ticket === asked) error.value = e;
    } finally {
      if (ticket === asked) loading.value = false;
    }
  }

  return {
    rows,
    nextCursor,
    lastPage,
    loading,
    error,
    /** The first page (with `all`, every page) matching `q`. */
    load: (q: Q, opts: { all?: boolean } = {}) => {
      query = q;
      return read(null, opts.all ?? false);
    },
    loadMore: () => (nextCursor.value ? read(nextCursor.value, false) : Promise.resolve()),
  };
}
