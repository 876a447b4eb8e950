import { confirmEach } from './board-confirm';

/** A confirm call that answers when told to, so a test sees how many are in flight at once. */
function controlledConfirm(refuse: ReadonlySet<string> = new Set()) {
  const inFlight = new Set<string>();
  let most = 0;
  const confirm = async (id: string): Promise<void> => {
    inFlight.add(id);
    most = Math.max(most, inFlight.size);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight.delete(id);
    if (refuse.has(id)) throw new Error(`${id} was cancelled`);
  };
  return { confirm, most: () => most };
}

describe('confirming the pending orders shown on the board', () => {
  it('confirms each one, a few at a time', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `ord-${i}`);
    const calls = controlledConfirm();
    const outcome = await confirmEach(ids, calls.confirm, 3);
    expect(outcome.confirmed).toEqual(ids);
    expect(outcome.refused).toEqual([]);
    expect(calls.most()).toBe(3);
  });

  it('goes on past a refusal and lists the refusals in the cards’ order, each with its error', async () => {
    const calls = controlledConfirm(new Set(['b', 'd']));
    const outcome = await confirmEach(['a', 'b', 'c', 'd', 'e'], calls.confirm, 2);
    expect(outcome.confirmed).toEqual(['a', 'c', 'e']);
    expect(outcome.refused.map((r) => [r.item, (r.error as Error).message])).toEqual([
      ['b', 'b was cancelled'],
      ['d', 'd was cancelled'],
    ]);
  });

  it('calls nothing for no orders, and one at a time when asked for fewer than one', async () => {
    const none = controlledConfirm();
    await expect(confirmEach([], none.confirm)).resolves.toEqual({ confirmed: [], refused: [] });
    expect(none.most()).toBe(0);
    const one = controlledConfirm();
    await expect(confirmEach(['a', 'b'], one.confirm, 0)).resolves.toEqual({ confirmed: ['a', 'b'], refused: [] });
    expect(one.most()).toBe(1);
  });
});
