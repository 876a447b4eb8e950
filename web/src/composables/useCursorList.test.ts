import { useCursorList, type CursorPage } from './useCursorList';

type Page = CursorPage<string> & { total: number };

/** A page answer the test releases when it wants, to play a slow network. */
function deferred() {
  let resolve: (page: Page) => void = () => undefined;
  const promise = new Promise<Page>((r) => (resolve = r));
  return { promise, resolve };
}

describe('a cursor-paged list', () => {
  it('drops the answer to an earlier query that comes after the answer to a later one', async () => {
    const slow = deferred();
    const fetchPage = jest.fn((q: string) => (q === 'old' ? slow.promise : Promise.resolve({ items: ['new-1'], nextCursor: null, total: 1 })));
    const list = useCursorList(fetchPage, '' as string);
    const first = list.load('old');
    await list.load('new');
    slow.resolve({ items: ['old-1'], nextCursor: 'x', total: 9 });
    await first;
    expect([list.rows.value, list.nextCursor.value, list.lastPage.value?.total, list.loading.value]).toEqual([['new-1'], null, 1, false]);
  });

  it('appends the next page on load more, and reads every page at once when asked', async () => {
    const pages: Record<string, Page> = { start: { items: ['a'], nextCursor: 'a', total: 3 }, a: { items: ['b'], nextCursor: 'b', total: 3 }, b: { items: ['c'], nextCursor: null, total: 3 } };
    const fetchPage = jest.fn((_q: string, cursor: string | null) => Promise.resolve(pages[cursor ?? 'start']!));
    const list = useCursorList(fetchPage, '' as string);
    await list.load('q');
    await list.loadMore();
    expect([list.rows.value, list.nextCursor.value]).toEqual([['a', 'b'], 'b']);
    await list.load('q', { all: true });
    expect([list.rows.value, list.nextCursor.value, fetchPage.mock.calls.length]).toEqual([['a', 'b', 'c'], null, 5]);
  });

  it('keeps the rows and reports the error when a page fails', async () => {
    const failure = new Error('offline');
    const fetchPage = jest.fn().mockResolvedValueOnce({ items: ['a'], nextCursor: 'a', total: 2 }).mockRejectedValueOnce(failure);
    const list = useCursorList<Page, string>(fetchPage, '');
    await list.load('q');
    await list.loadMore();
    expect([list.rows.value, list.error.value, list.loading.value]).toEqual([['a'], failure, false]);
  });
});
