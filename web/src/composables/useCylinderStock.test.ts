// useApi's own imports, not what the reads need: Element Plus (ESM only), the session and the locale.
jest.mock('element-plus', () => ({}));
jest.mock('../modules/i18n', () => ({ currentLocale: () => 'zh-TW' }));
jest.mock('./useSession', () => ({ bearerToken: async () => null, endSession: async () => undefined }));

import { nextTick, ref } from 'vue';
import { ApiError } from '../lib/api-client';
import { api } from './useApi';
import { useStockMovements, type StockMovement } from './useCylinderStock';

const movement = (depotId: string, note: string): StockMovement => ({
  id: `mv-${note}`,
  depotId,
  kind: 'refill',
  note,
  by: { uid: 'u-office', role: 'office' },
  at: '2026-11-28T02:00:00.000Z',
  changes: [{ size: 20, full: 30, empty: -30 }],
  revisions: 0,
});

/** The movements API answered when the test says, one call at a time, by the depot in its path. */
const calls: { path: string; resolve: (items: StockMovement[]) => void; reject: (e: unknown) => void }[] = [];
beforeEach(() => {
  calls.length = 0;
  jest.spyOn(api, 'get').mockImplementation(
    (path: string) => new Promise((resolve, reject) => calls.push({ path, resolve: (items) => resolve({ items } as never), reject })),
  );
});
afterEach(() => jest.restoreAllMocks());
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a depot’s recent movements (近期異動)', () => {
  it('asks for nothing until a depot is picked, then for that depot’s', async () => {
    const depot = ref('');
    const { items } = useStockMovements(depot);
    await settled();
    expect(calls).toHaveLength(0);
    expect(items.value).toEqual([]);

    depot.value = 'depot-a';
    await nextTick();
    expect(calls.map((c) => c.path)).toEqual(['/api/cylinder-stock/depot-a/movements']);
  });

  it('shows the depot picked last, however late the one before answers', async () => {
    const depot = ref('depot-a');
    const { items, loading } = useStockMovements(depot);
    depot.value = 'depot-b';
    await nextTick();
    expect(calls.map((c) => c.path)).toEqual(['/api/cylinder-stock/depot-a/movements', '/api/cylinder-stock/depot-b/movements']);

    calls[1]?.resolve([movement('depot-b', 'B')]);
    await settled();
    calls[0]?.resolve([movement('depot-a', 'A')]);
    await settled();
    expect(items.value.map((m) => m.note)).toEqual(['B']);
    expect(loading.value).toBe(false);
  });

  it('leaves no rows of the depot before under another depot whose read failed, and says why', async () => {
    const depot = ref('depot-a');
    const { items, error } = useStockMovements(depot);
    calls[0]?.resolve([movement('depot-a', 'A')]);
    await settled();
    expect(items.value.map((m) => m.note)).toEqual(['A']);

    depot.value = 'depot-b';
    await nextTick();
    const refused = new ApiError(503, 'FIRESTORE.UNAVAILABLE', '暫時無法讀取');
    calls[1]?.reject(refused);
    await settled();
    expect(items.value).toEqual([]);
    expect(error.value).toBe(refused);
  });
});
