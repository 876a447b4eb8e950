import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { retryClosedTransaction } from './contended-transaction';
import { SERVER_SRC, serverSources } from './test-support/server-sources';

/** The emulator's answer to a read in a transaction it closed while the transaction waited for a lock. */
const closed = Object.assign(new Error('3 INVALID_ARGUMENT: Transaction is invalid or closed.'), { code: 3 });

describe('a transaction closed under contention', () => {
  it('is run again until it goes through', async () => {
    const transaction = jest.fn().mockRejectedValueOnce(closed).mockRejectedValueOnce(closed).mockResolvedValueOnce('AB00000051');
    await expect(retryClosedTransaction(transaction)).resolves.toBe('AB00000051');
    expect(transaction).toHaveBeenCalledTimes(3);
  });

  it('gives up after five attempts with the last error', async () => {
    const transaction = jest.fn().mockRejectedValue(closed);
    await expect(retryClosedTransaction(transaction)).rejects.toBe(closed);
    expect(transaction).toHaveBeenCalledTimes(5);
  });

  it('passes any other failure on at once, also another INVALID_ARGUMENT', async () => {
    const other = Object.assign(new Error('3 INVALID_ARGUMENT: Value for argument "data" is not a valid Firestore document.'), { code: 3 });
    const exhausted = new Error('INVOICE.BOOK_EXHAUSTED');
    for (const error of [other, exhausted]) {
      const transaction = jest.fn().mockRejectedValue(error);
      await expect(retryClosedTransaction(transaction)).rejects.toBe(error);
      expect(transaction).toHaveBeenCalledTimes(1);
    }
  });
});

describe('the server’s transactions', () => {
  it('all run through runContendedTransaction, so none fails on the emulator where production would retry', () => {
    const direct = serverSources()
      .filter((path) => !path.endsWith('contended-transaction.ts'))
      .filter((path) => /\.runTransaction\(/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SERVER_SRC, path));
    expect(direct).toEqual([]);
  });
});
