import type { Firestore } from '@google-cloud/firestore';
import { addDays } from '../../domain/calendar';
import { taipeiDate, type Clock } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { allowanceNumberOf, MAX_ALLOWANCES_A_DAY, type InvoiceIssuer, type IssuedAllowanceNumber } from '../../domain/invoicing';
import { runContendedTransaction } from '../firestore/contended-transaction';

export const ALLOWANCE_BOOKS = 'allowanceBooks';

/** `allowanceBooks/{yyyyMMdd}/issued/{allowanceId}`: the number a day gave an allowance, so asking again answers the same. */
interface IssuedAllowanceEntry {
  readonly number: string;
  readonly issuedAt: string;
}

const dayId = (taipeiDay: string): string => taipeiDay.replace(/-/g, '');

/**
 * Numbers allowances (折讓單號) for a seller self-issuing through the Turnkey: `AL` + the Taipei day + the day's
 * sequence, from `allowanceBooks/{yyyyMMdd}` (`next`). One transaction reads the day, takes `next` and records the
 * number under the allowance's id, so two allowances never share a number and a retry of the same allowance (also
 * just after midnight) gets its number back. Its G0401 for the Turnkey upload is queued by the allowance store when the
 * allowance is stored (a number whose allowance is then refused is a gap, never an upload).
 * @throws `INVOICE.ALLOWANCE_BOOK_EXHAUSTED` (unavailable) after 9999 allowances in a day.
 */
export function localAllowanceBook(db: Firestore, clock: Clock): Pick<InvoiceIssuer, 'allowance' | 'cancelAllowance'> {
  const dayRef = (taipeiDay: string) => db.collection(ALLOWANCE_BOOKS).doc(dayId(taipeiDay));
  const answer = (taipeiDay: string, entry: IssuedAllowanceEntry): IssuedAllowanceNumber => ({
    number: entry.number,
    issuedAt: new Date(entry.issuedAt),
    providerRef: `${ALLOWANCE_BOOKS}/${dayId(taipeiDay)}#${entry.number}`,
  });
  return {
    async allowance(_invoice, draft) {
      const now = clock.now();
      const today = taipeiDate(now);
      const yesterday = addDays(today, -1);
      return runContendedTransaction(db, async (tx) => {
        const [mine, earlier, book] = await Promise.all([
          tx.get(dayRef(today).collection('issued').doc(draft.id)),
          tx.get(dayRef(yesterday).collection('issued').doc(draft.id)),
          tx.get(dayRef(today)),
        ]);
        if (mine.exists) return answer(today, mine.data() as IssuedAllowanceEntry);
        if (earlier.exists) return answer(yesterday, earlier.data() as IssuedAllowanceEntry);
        const next = (book.get('next') as number | undefined) ?? 1;
        if (next > MAX_ALLOWANCES_A_DAY) throw new DomainError('INVOICE.ALLOWANCE_BOOK_EXHAUSTED', 'unavailable', `No allowance numbers left on ${today}`, { day: today });
        const entry: IssuedAllowanceEntry = { number: allowanceNumberOf(today, next), issuedAt: now.toISOString() };
        tx.set(book.ref, { day: today, next: next + 1 });
        tx.create(mine.ref, entry);
        return answer(today, entry);
      });
    },
    // Nothing to tell anyone before the cancel is stored: the allowance store queues its G0501 in that transaction.
    async cancelAllowance() {},
  };
}
