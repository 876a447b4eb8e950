import type { ConfirmResult } from '../../lib/types';
import { confirmAllSplit, confirmInBatches, confirmSummary } from './board-confirm';

describe('全部確認 on the board', () => {
  it('leaves the forecast’s suggested orders out: they wait for a call to the customer', () => {
    const list = [
      { id: 'phoned', source: 'office' as const },
      { id: 'suggested', source: 'forecast' as const },
      { id: 'web', source: 'portal' as const },
      { id: 'weekly', source: 'recurring' as const },
    ];
    expect(confirmAllSplit(list)).toEqual({ ids: ['phoned', 'web', 'weekly'], suggested: 1, held: 0 });
    expect(confirmAllSplit([list[1]!])).toEqual({ ids: [], suggested: 1, held: 0 });
  });

  it('on a day called off leaves out the orders its closure holds, counting them', () => {
    const closureOverride = { reason: '獨居長者瓦斯用完', by: { uid: 'u-office', role: 'office' }, at: '2026-12-02T01:00:00.000Z', closure: '颱風停班停課' };
    const list = [
      { id: 'emergency', source: 'office' as const, closureOverride },
      { id: 'booked-before', source: 'portal' as const },
      { id: 'suggested', source: 'forecast' as const },
    ];
    const holds = (o: { closureOverride?: object }) => !o.closureOverride;
    expect(confirmAllSplit(list, holds)).toEqual({ ids: ['emergency'], suggested: 1, held: 1 });
    expect(confirmAllSplit(list.slice(1), holds)).toEqual({ ids: [], suggested: 1, held: 1 });
  });

  it('sends the ids in one request when they fit, in several one after the other when they do not, results in order', async () => {
    const sent: string[][] = [];
    const send = async (ids: readonly string[]) => {
      sent.push([...ids]);
      return { results: ids.map((id): ConfirmResult => ({ id, outcome: 'confirmed' })) };
    };
    const ids = Array.from({ length: 7 }, (_, i) => `ord-${i}`);
    await expect(confirmInBatches(ids, send, 10)).resolves.toEqual(ids.map((id) => ({ id, outcome: 'confirmed' })));
    expect(sent).toEqual([ids]);
    sent.length = 0;
    await expect(confirmInBatches(ids, send, 3).then((r) => r.map((x) => x.id))).resolves.toEqual(ids);
    expect(sent.map((s) => s.length)).toEqual([3, 3, 1]);
  });

  it('stops at a request that fails, so the page can say the rest was not sent', async () => {
    let calls = 0;
    const send = async (ids: readonly string[]) => {
      if (++calls === 2) throw new Error('offline');
      return { results: ids.map((id): ConfirmResult => ({ id, outcome: 'confirmed' })) };
    };
    await expect(confirmInBatches(['a', 'b', 'c'], send, 1)).rejects.toThrow('offline');
    expect(calls).toBe(2);
  });

  it('says in words how many were confirmed, how many were already, and names each refusal with why', () => {
    const t = (key: string, named: Record<string, unknown>) => `${key} ${JSON.stringify(named)}`;
    const tc = (key: string, named: Record<string, unknown>, n: number) => `${key}#${n} ${JSON.stringify(named)}`;
    const results: ConfirmResult[] = [
      { id: 'a', outcome: 'confirmed' },
      { id: 'b', outcome: 'refused', code: 'ORDER.INVALID_TRANSITION', message: '已取消' },
      { id: 'c', outcome: 'already_confirmed' },
      ...Array.from({ length: 6 }, (_, i): ConfirmResult => ({ id: `x${i}`, outcome: 'refused', code: 'ORDER.NOT_FOUND' })),
    ];
    const lines = confirmSummary(results, (id) => `客戶${id}`, t, tc);
    expect(lines).toEqual([
      'board.confirmAll.done#1 {"n":1}',
      'board.confirmAll.already#1 {"n":1}',
      'board.confirmAll.refused {"customer":"客戶b","message":"已取消"}',
      ...[0, 1, 2, 3].map((i) => `board.confirmAll.refused {"customer":"客戶x${i}","message":"ORDER.NOT_FOUND"}`),
      'board.confirmAll.refusedMore#2 {"n":2}',
    ]);
    expect(confirmSummary([], () => '', t, tc)).toEqual([]);
  });
});
