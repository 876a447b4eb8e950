import type { Firestore } from '@google-cloud/firestore';
import type { InvoiceDraft } from '../../domain/invoicing';
import { firestoreEmulatorHost, testConfig } from '../../local/test-support';
import { createFirestore } from '../firestore/client';
import { localInvoiceBook } from './local-invoice-book';

firestoreEmulatorHost();
let db: Firestore;
beforeAll(() => {
  db = createFirestore(testConfig());
});
afterAll(() => db.terminate());

const DECEMBER = new Date('2026-12-20T02:00:00Z');
const JANUARY = new Date('2027-01-03T02:00:00Z');
const at = (now: Date) => ({ now: () => now });

const draft = (id: string): InvoiceDraft => ({
  id,
  kind: 'B2C',
  customer: { id: 'cust-1', code: 'C00001', name: '王小姐', address: '台北市' },
  buyer: { type: 'print' },
  lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: 880, amount: 880 }],
  amounts: { salesAmount: 838, taxAmount: 42, totalAmount: 880 },
  source: { orderId: id.slice(4) },
});

const book = (id: string) => db.collection('invoiceBooks').doc(id);

describe('local invoice book (字軌) on the Firestore emulator', () => {
  beforeAll(async () => {
    await book('2026-11-12').set({ period: '2026-11/12', prefix: 'XY', from: 50, to: 99, next: 50 });
    await book('2027-01-02').set({ period: '2027-01/02', prefix: 'ZA', from: 0, to: 1, next: 0 });
  });

  it('hands out consecutive numbers of the period’s book, each once, to deliveries at the same time', async () => {
    const issuer = localInvoiceBook(db, at(DECEMBER));
    const issued = await Promise.all(['inv-a', 'inv-b', 'inv-c', 'inv-d', 'inv-e'].map((id) => issuer.issue(draft(id))));
    expect(issued.map((i) => i.number).sort()).toEqual(['XY00000050', 'XY00000051', 'XY00000052', 'XY00000053', 'XY00000054']);
    for (const i of issued) expect(i.randomNumber).toMatch(/^\d{4}$/);
    expect(issued[0]?.providerRef).toMatch(/^invoiceBooks\/2026-11-12#XY0000005\d$/);
    expect((await book('2026-11-12').get()).get('next')).toBe(55);
  });

  it('answers the same number when asked again for an invoice, also after the period ended', async () => {
    const first = await localInvoiceBook(db, at(DECEMBER)).issue(draft('inv-retry'));
    expect(await localInvoiceBook(db, at(DECEMBER)).issue(draft('inv-retry'))).toEqual(first);
    expect(await localInvoiceBook(db, at(JANUARY)).issue(draft('inv-retry'))).toEqual(first);
    expect((await book('2027-01-02').get()).get('next')).toBe(0);
  });

  it('never hands out a number twice when the book is written again with an earlier next', async () => {
    const before = (await book('2026-11-12').get()).get('next') as number;
    await book('2026-11-12').set({ period: '2026-11/12', prefix: 'XY', from: 50, to: 99, next: 50 });
    const issued = await localInvoiceBook(db, at(DECEMBER)).issue(draft('inv-after-reset'));
    expect(issued.number).toBe(`XY000000${before}`);
  });

  it('refuses, writing nothing, when the book is used up or the period has none', async () => {
    const january = localInvoiceBook(db, at(JANUARY));
    await january.issue(draft('inv-j1'));
    await january.issue(draft('inv-j2'));
    await expect(january.issue(draft('inv-j3'))).rejects.toMatchObject({ code: 'INVOICE.BOOK_EXHAUSTED', kind: 'unavailable', details: { period: '2027-01/02' } });
    expect((await book('2027-01-02').collection('issued').doc('inv-j3').get()).exists).toBe(false);
    expect((await book('2027-01-02').get()).get('next')).toBe(2);
    await expect(localInvoiceBook(db, at(new Date('2027-03-01T02:00:00Z'))).issue(draft('inv-m'))).rejects.toMatchObject({ code: 'INVOICE.NO_BOOK', kind: 'unavailable' });
  });
});
