import { forEachConcurrently, mapConcurrently } from './concurrently';

describe('running work a few items at a time', () => {
  it('does every item once and never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5 * (n % 3)));
      done.push(n);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('does nothing for no items and rejects when a piece of work fails', async () => {
    await expect(forEachConcurrently([], 4, async () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
    await expect(forEachConcurrently([1, 2], 2, async (n) => (n === 2 ? Promise.reject(new Error('two')) : undefined))).rejects.toThrow('two');
  });

  it('maps keeping the items\' order whatever order the work finishes in', async () => {
    const doubled = await mapConcurrently([30, 10, 20, 0], 2, async (ms) => {
      await new Promise((r) => setTimeout(r, ms));
      return ms * 2;
    });
    expect(doubled).toEqual([60, 20, 40, 0]);
  });
});
