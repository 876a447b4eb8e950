// useApi's own imports, not what useApiResource needs: Element Plus (ESM only), the session and the locale.
jest.mock('element-plus', () => ({}));
jest.mock('../modules/i18n', () => ({ currentLocale: () => 'zh-TW' }));
jest.mock('./useSession', () => ({ bearerToken: async () => null, endSession: async () => undefined }));

import { nextTick, ref } from 'vue';
import { useApiResource } from './useApi';

/** A read whose answers come when the test says, one per call. */
function answers<T>() {
  const calls: { resolve: (value: T) => void; reject: (e: unknown) => void }[] = [];
  const read = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { read, calls };
}
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('an API read held for a screen', () => {
  it('shows the answer for the day picked last, however late the day before answers, and loads until it does', async () => {
    const date = ref('2026-03-01');
    const { read, calls } = answers<string>();
    const { data, loading } = useApiResource(() => read().then((cash) => `${date.value} ${cash}`), '', { source: date });
    date.value = '2026-03-02';
    await nextTick();
    expect(calls).toHaveLength(2);

    calls[1]?.resolve('22,222');
    await settled();
    expect(data.value).toBe('2026-03-02 22,222');
    expect(loading.value).toBe(false);
    calls[0]?.resolve('11,111');
    await settled();
    expect(data.value).toBe('2026-03-02 22,222');
  });

  it('keeps loading while only an earlier day has answered', async () => {
    const date = ref('2026-03-01');
    const { read, calls } = answers<string>();
    const { data, loading } = useApiResource(read, 'none', { source: date });
    date.value = '2026-03-02';
    await nextTick();
    calls[0]?.resolve('11,111');
    await settled();
    expect(data.value).toBe('none');
    expect(loading.value).toBe(true);
  });

  it('drops a late failure for a day left behind', async () => {
    const date = ref('2026-03-01');
    const { read, calls } = answers<string>();
    const { data, error } = useApiResource(read, 'none', { source: date });
    date.value = '2026-03-02';
    await nextTick();
    calls[1]?.resolve('22,222');
    calls[0]?.reject(new Error('late'));
    await settled();
    expect(error.value).toBeNull();
    expect(data.value).toBe('22,222');
  });

  it('shows no other day’s data when the new day fails, but keeps what it shows when a refresh of the same fails', async () => {
    const date = ref('2026-03-01');
    const { read, calls } = answers<string>();
    const { data, error, reload } = useApiResource(read, 'none', { source: date });
    calls[0]?.resolve('11,111');
    await settled();

    void reload();
    calls[1]?.reject(new Error('offline'));
    await settled();
    expect(data.value).toBe('11,111');

    date.value = '2026-03-02';
    await nextTick();
    calls[2]?.reject(new Error('offline'));
    await settled();
    expect(error.value).toEqual(new Error('offline'));
    expect(data.value).toBe('none');
  });
});
