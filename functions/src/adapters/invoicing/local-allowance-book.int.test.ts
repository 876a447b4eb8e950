import type { Firestore } from '@google-cloud/firestore';
import { allowanceDraft, b2cAmounts, type Invoice } from '../../domain/invoicing';
import { firestoreEmulatorHost, testConfig } from '../../local/test-support';
import { createFirestore } from '../firestore/client';
import { ALLOWANCE_BOOKS, localAllowanceBook } from './local-allowance-book';

firestoreEmulatorHost();
let db: Firestore;
beforeAll(() => {
  db = createFirestore(testConfig());
});
afterAll(() => db.terminate());

const at = (iso: string) => ({ now: () => new Date(iso) });
const invoice: Invoice = {
  id: 'inv-ord-alb',
  kind: 'B2C',
  customer: { id: 'cust-1', code: 'C00001', name: '王小姐', address: '台北市' },
  buyer: { type: 'print' },
  lines: [{ description: '液化石油氣 20公斤', quantity: 5, unitPrice: 880, amount: 4400 }],
  amounts: b2cAmounts(4400),
  source: { orderId: 'ord-alb' },
  number: 'AB00000001',
  randomNumber: '0001',
  period: '2026-11/12',
  periodLabel: '115年11-12月',
  issuedAt: '2026-11-02T02:00:00.000Z',
  status: 'issued',
  voidableUntil: '2027-01-13',
  provider: 'local-book',
  providerRef: 'ref',
};
const draft = (id: string) => allowanceDraft(invoice, [], { reason: '退回', lines: [{ invoiceLine: 0, quantity: 1 }] }, { id, by: { uid: 'u-office', role: 'office' } });
const uniqueId = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

describe('local allowance book (折讓單號) on the Firestore emulator', () => {
  it('numbers a Taipei day’s allowances AL + yyyyMMdd + 0001…, never twice, also when asked at once', async () => {
    const book = localAllowanceBook(db, at('2031-03-04T18:00:00Z')); // 5 March in Taipei
    const numbers = await Promise.all(['a', 'b', 'c', 'd'].map((n) => book.allowance(invoice, draft(uniqueId(n)), []).then((a) => a.number)));
    expect(numbers.sort()).toEqual(['AL203103050001', 'AL203103050002', 'AL203103050003', 'AL203103050004']);
    expect((await db.collection(ALLOWANCE_BOOKS).doc('20310305').get()).get('next')).toBe(5);
  });

  it('answers the same number for the same allowance, also just after midnight, and numbers nothing new', async () => {
    const id = uniqueId('retry');
    const first = await localAllowanceBook(db, at('2031-04-01T15:59:00Z')).allowance(invoice, draft(id), []);
    const retried = await localAllowanceBook(db, at('2031-04-01T16:01:00Z')).allowance(invoice, draft(id), []);
    expect(retried).toEqual(first);
    expect(first).toMatchObject({ number: 'AL203104010001', providerRef: `${ALLOWANCE_BOOKS}/20310401#AL203104010001` });
    expect((await db.collection(ALLOWANCE_BOOKS).doc('20310402').get()).exists).toBe(false);
  });

  it('refuses, writing nothing, once a day’s 9999 numbers are used', async () => {
    await db.collection(ALLOWANCE_BOOKS).doc('20310510').set({ day: '2031-05-10', next: 10_000 });
    const id = uniqueId('full');
    await expect(localAllowanceBook(db, at('2031-05-10T02:00:00Z')).allowance(invoice, draft(id), [])).rejects.toMatchObject({ code: 'INVOICE.ALLOWANCE_BOOK_EXHAUSTED', kind: 'unavailable' });
    expect((await db.collection(ALLOWANCE_BOOKS).doc('20310510').collection('issued').doc(id).get()).exists).toBe(false);
  });
});
