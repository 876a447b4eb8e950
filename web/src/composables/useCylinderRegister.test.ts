import type { Page } from '../lib/types';
import type { RegisteredCylinder } from './useCylinderRegister';

const get = jest.fn<Promise<Page<RegisteredCylinder>>, [string, Record<string, unknown>]>();
// The one HTTP client, answered here page by page; the listeners and the rest of useApi (session, i18n) are not needed.
jest.mock('./useApi', () => ({ api: { get: (path: string, query: Record<string, unknown>) => get(path, query) }, downloadFile: jest.fn() }));
jest.mock('./useFleet', () => ({ useDepots: jest.fn() }));

import { useCylinderList } from './useCylinderRegister';

const cylinder = (serial: string): RegisteredCylinder => ({
  serial,
  size: 20,
  material: 'steel',
  factoryTestedOn: '2015-03-10',
  lastInspectedOn: null,
  nextInspectionDue: '2020-03-10',
  retiresOn: '2045-03-10',
  status: 'inService',
  location: { kind: 'depot', depotId: 'depot-a' },
  registeredAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

beforeEach(() => get.mockReset());

describe('the office’s register, page by page', () => {
  it('asks for the first page of the filters, then the next one from the cursor, appended', async () => {
    get.mockResolvedValueOnce({ items: [cylinder('TW0001')], nextCursor: 'c1' });
    const list = useCylinderList(1);
    await list.load({ status: 'inService', dueWithinDays: 30, location: 'depot:depot-a' });
    expect(get).toHaveBeenLastCalledWith('/api/cylinders', { status: 'inService', dueWithinDays: 30, location: 'depot:depot-a', limit: 1, cursor: null });
    expect(list.nextCursor.value).toBe('c1');

    get.mockResolvedValueOnce({ items: [cylinder('TW0002')], nextCursor: null });
    await list.loadMore();
    expect(get).toHaveBeenLastCalledWith('/api/cylinders', { status: 'inService', dueWithinDays: 30, location: 'depot:depot-a', limit: 1, cursor: 'c1' });
    expect(list.rows.value.map((c) => c.serial)).toEqual(['TW0001', 'TW0002']);
    expect(list.nextCursor.value).toBeNull();
    await list.loadMore();
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('starts again from the first page when the filters change', async () => {
    get.mockResolvedValueOnce({ items: [cylinder('TW0001'), cylinder('TW0002')], nextCursor: null });
    const list = useCylinderList();
    await list.load({});
    get.mockResolvedValueOnce({ items: [cylinder('TW0009')], nextCursor: null });
    await list.load({ size: 50 });
    expect(list.rows.value.map((c) => c.serial)).toEqual(['TW0009']);
  });

  it('drops a late answer for earlier filters', async () => {
    let answerFirst: (page: Page<RegisteredCylinder>) => void = () => undefined;
    get.mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)));
    get.mockResolvedValueOnce({ items: [cylinder('TW-NEW')], nextCursor: null });
    const list = useCylinderList();
    const first = list.load({ status: 'scrapped' });
    await list.load({ status: 'inService' });
    answerFirst({ items: [cylinder('TW-OLD')], nextCursor: 'stale' });
    await first;
    expect(list.rows.value.map((c) => c.serial)).toEqual(['TW-NEW']);
    expect(list.nextCursor.value).toBeNull();
    expect(list.loading.value).toBe(false);
  });

  it('keeps the failure to show, and clears it on the next read', async () => {
    get.mockRejectedValueOnce(new Error('offline'));
    const list = useCylinderList();
    await list.load({});
    expect(list.error.value).toBeInstanceOf(Error);
    get.mockResolvedValueOnce({ items: [], nextCursor: null });
    await list.load({});
    expect(list.error.value).toBeNull();
  });
});
