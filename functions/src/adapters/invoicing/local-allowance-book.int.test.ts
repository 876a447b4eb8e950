import type { Firestore } from '@google-cloud/firestore';
import { allowanceDraft, b2cAmounts, cancelAllowance, issuedAllowance, type Invoice } from '../../domain/invoicing';
import type { EinvoiceUpload } from '../../domain/invoicing/mig-upload';
import { firestoreEmulatorHost, testConfig } from '../../local/test-support';
import { createFirestore } from '../firestore/client';
import { firestoreAllowanceStore } from './allowance-store';
import { EINVOICE_UPLOADS } from './einvoice-upload-store';
import { INVOICES } from './invoice-store';
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

describe('the Turnkey upload of allowances (G0401 / G0501), queued by the allowance store', () => {
  const uploadsOf = async (number: string) =>
    (await db.collection(EINVOICE_UPLOADS).where('allowance.number', '==', number).get()).docs.map((d) => d.data() as EinvoiceUpload).sort((a, b) => a.id.localeCompare(b.id));
  const OFFICE = { uid: 'u-office', role: 'office' } as const;
  /** The invoice stored under a fresh id (the store reads it in its transactions), with a draft against it. */
  async function storedInvoice(name: string, overrides: Partial<Invoice> = {}) {
    const stored: Invoice = { ...invoice, id: uniqueId(`inv-${name}`), ...overrides };
    await db.collection(INVOICES).doc(stored.id).set(stored);
    const draftOf = (quantity: number) => allowanceDraft(stored, [], { reason: '退回', lines: [{ invoiceLine: 0, quantity }] }, { id: uniqueId(name), by: OFFICE });
    return { stored, draftOf };
  }

  it('queues one G0401 when the allowance is stored and one G0501 when it is cancelled, also when each is retried', async () => {
    const { stored, draftOf } = await storedInvoice('upload');
    const draft = draftOf(1);
    const issued = await localAllowanceBook(db, at('2031-06-02T03:00:00Z')).allowance(stored, draft, []);
    expect(await uploadsOf(issued.number)).toEqual([]);
    const allowance = issuedAllowance(draft, issued, 'local-book');
    const store = firestoreAllowanceStore(db);
    await store.save(allowance);
    await store.save(allowance);
    expect(await uploadsOf(issued.number)).toEqual([
      expect.objectContaining({ id: `G0401-${issued.number}`, messageType: 'G0401', status: 'pending', invoiceId: stored.id, invoiceNumber: stored.number, allowance }),
    ]);

    const now = new Date('2031-06-03T01:00:00Z');
    await store.mutate(stored.id, allowance.id, (current) => cancelAllowance(current, { reason: '折讓金額開錯' }, { by: OFFICE, now }));
    await expect(store.mutate(stored.id, allowance.id, (current) => cancelAllowance(current, { reason: '再按一次' }, { by: OFFICE, now }))).rejects.toMatchObject({ code: 'INVOICE.ALLOWANCE_ALREADY_VOID' });
    const recorded = await uploadsOf(issued.number);
    expect(recorded.map((u) => u.id)).toEqual([`G0401-${issued.number}`, `G0501-${issued.number}`]);
    expect(recorded[1]).toMatchObject({ messageType: 'G0501', allowance, cancel: { at: '2031-06-03T01:00:00.000Z', reason: '折讓金額開錯' } });
  });

  it('uploads nothing for a numbered allowance the store refuses (more than is left): its number is a gap', async () => {
    const { stored, draftOf } = await storedInvoice('refused');
    const store = firestoreAllowanceStore(db);
    const book = localAllowanceBook(db, at('2031-06-05T03:00:00Z'));
    // Two allowances of 4 cylinders each passed the check against the 5 on the invoice before either was stored.
    const [first, second] = [draftOf(4), draftOf(4)];
    const numbered = await Promise.all([first, second].map((d) => book.allowance(stored, d, []).then((n) => issuedAllowance(d, n, 'local-book'))));
    await store.save(numbered[0]!);
    await expect(store.save(numbered[1]!)).rejects.toMatchObject({ code: expect.stringMatching(/^INVOICE\.ALLOWANCE_/) });
    expect((await uploadsOf(numbered[0]!.number)).map((u) => u.id)).toEqual([`G0401-${numbered[0]!.number}`]);
    expect(await uploadsOf(numbered[1]!.number)).toEqual([]);
  });

  it('queues nothing for an allowance on an invoice another provider numbered, nor for its cancel', async () => {
    const { stored, draftOf } = await storedInvoice('ecpay', { provider: 'ecpay' });
    const draft = draftOf(1);
    const allowance = issuedAllowance(draft, await localAllowanceBook(db, at('2031-06-04T03:00:00Z')).allowance(stored, draft, []), 'local-book');
    const store = firestoreAllowanceStore(db);
    await store.save(allowance);
    await store.mutate(stored.id, allowance.id, (current) => cancelAllowance(current, { reason: '開錯' }, { by: OFFICE, now: new Date('2031-06-04T05:00:00Z') }));
    expect(await uploadsOf(allowance.number)).toEqual([]);
  });
});
