import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestContext, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, setLogLevel, where } from 'firebase/firestore';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firestoreEmulatorHost, uniqueProjectId } from '../local/test-support';

/**
 * firestore.rules for a chain (分店／總公司付款) on the emulator: the head office's portal account reads and lists its
 * branches' orders; a branch does not read the head office's nor another branch's, and a customer who is no one's
 * head office reads no branch's.
 */
type Who = 'headOffice' | 'branch' | 'otherBranch' | 'stranger' | 'office';
const claims: Record<Who, Record<string, string>> = {
  headOffice: { role: 'customer', customerId: 'cust-hq' },
  branch: { role: 'customer', customerId: 'cust-br1' },
  otherBranch: { role: 'customer', customerId: 'cust-br2' },
  stranger: { role: 'customer', customerId: 'cust-x' },
  office: { role: 'office' },
};

const ORDERS: readonly { id: string; customerId: string; readers: Who[] }[] = [
  { id: 'ord-hq', customerId: 'cust-hq', readers: ['headOffice', 'office'] },
  { id: 'ord-br1', customerId: 'cust-br1', readers: ['headOffice', 'branch', 'office'] },
  { id: 'ord-br2', customerId: 'cust-br2', readers: ['headOffice', 'otherBranch', 'office'] },
  { id: 'ord-x', customerId: 'cust-x', readers: ['stranger', 'office'] },
];

let env: RulesTestEnvironment;

beforeAll(async () => {
  setLogLevel('error');
  const [host, port] = firestoreEmulatorHost().split(':') as [string, string];
  env = await initializeTestEnvironment({
    projectId: uniqueProjectId('chain-rules'),
    firestore: { host, port: Number(port), rules: readFileSync(join(__dirname, '../../../firestore.rules'), 'utf8') },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'customers/cust-hq'), { name: '林記餐飲總公司', paymentTerms: 'monthly' });
    await setDoc(doc(db, 'customers/cust-br1'), { name: '林記板橋店', payerId: 'cust-hq' });
    await setDoc(doc(db, 'customers/cust-br2'), { name: '林記中和店', payerId: 'cust-hq' });
    await setDoc(doc(db, 'customers/cust-x'), { name: '王家小吃' });
    for (const o of ORDERS) await setDoc(doc(db, `orders/${o.id}`), { customerId: o.customerId, status: 'pending', requestedDate: '2026-12-02' });
    for (const who of Object.keys(claims)) await setDoc(doc(db, `users/uid-${who}`), { username: who, disabled: false });
  });
});
afterAll(async () => {
  await env.cleanup();
});

const as = (who: Who): RulesTestContext => env.authenticatedContext(`uid-${who}`, claims[who]);

describe('firestore.rules: a chain’s orders', () => {
  const cases = ORDERS.flatMap((o) => (Object.keys(claims) as Who[]).map((who) => ({ ...o, who, allowed: o.readers.includes(who) })));
  it.each(cases)('$who get orders/$id → allowed=$allowed', async ({ id, who, allowed }) => {
    const read = getDoc(doc(as(who).firestore(), `orders/${id}`));
    if (allowed) await assertSucceeds(read);
    else await assertFails(read);
  });

  it('lets the head office list each branch’s orders, as its portal listens to them, and nobody else’s', async () => {
    const db = as('headOffice').firestore();
    const ofBranch = await assertSucceeds(getDocs(query(collection(db, 'orders'), where('customerId', '==', 'cust-br1'))));
    expect(ofBranch.docs.map((d) => d.id)).toEqual(['ord-br1']);
    await assertFails(getDocs(query(collection(db, 'orders'), where('customerId', '==', 'cust-x'))));
    await assertFails(getDocs(collection(db, 'orders')));
  });

  it('lets a branch list neither the head office’s orders nor another branch’s', async () => {
    const db = as('branch').firestore();
    await assertSucceeds(getDocs(query(collection(db, 'orders'), where('customerId', '==', 'cust-br1'))));
    await assertFails(getDocs(query(collection(db, 'orders'), where('customerId', '==', 'cust-hq'))));
    await assertFails(getDocs(query(collection(db, 'orders'), where('customerId', '==', 'cust-br2'))));
  });
});
