import { randomUUID } from 'node:crypto';
import { EINVOICE_UPLOADS } from '../adapters/invoicing/einvoice-upload-store';
import { INVOICE_BOOKS } from '../adapters/invoicing/local-invoice-book';
import { SUBSCRIPTIONS } from '../adapters/pubsub/subscriptions';
import { taipeiDate } from '../domain/clock';
import type { EventEnvelope } from '../domain/events';
import { periodDocId, periodOfInstant } from '../domain/invoicing';
import { periodToReport } from '../domain/invoicing/blank-track';
import { applyResult, issueUpload, markDelivered, voidUpload, type EinvoiceUpload, type InvoiceMessageUpload } from '../domain/invoicing/mig-upload';
import type { Order } from '../domain/orders';
import { aCustomer } from '../domain/test-support/customer-mother';
import { anOrder } from '../domain/test-support/order-mother';
import { startTestStack, type TestStack } from '../local/test-support';
import { pushEvent, statusChangedEvent } from './test-support/push-event';
import { apiClient } from './test-support/api-client';
import { eventually } from './test-support/planning-day';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const period = periodOfInstant(new Date());
const cash = aCustomer().withId('cust-up').withCode('C00201').with({ name: '王小姐', paymentTerms: 'cash', invoice: { carrier: '/ABC1234' } }).build();

function delivered(id: string): Order {
  const built = anOrder().withId(id).forCustomer(cash).with({ items: [{ size: 20, quantity: 1 }], paymentMethod: 'cash' }).inStatus('delivered').build();
  return { ...built, delivery: { at: new Date().toISOString(), delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [], cashCollected: 0 } };
}

const deliveredEvent = (o: Order): EventEnvelope => statusChangedEvent(o);

const push = (event: EventEnvelope): Promise<number> => pushEvent(stack, 'issueInvoices', 'order-events', event);

const uploads = () => stack.container.db.collection(EINVOICE_UPLOADS);
const upload = async (id: string) => (await uploads().doc(id).get()).data() as InvoiceMessageUpload | undefined;

beforeAll(async () => {
  stack = await startTestStack({
    suite: 'invoice-uploads',
    subscriptions: SUBSCRIPTIONS.filter((s) => s.consumer === 'issueInvoices' || (s.consumer === 'systemAlerts' && s.topic === 'system-alerts')),
  });
  call = apiClient(stack.url, stack.container);
  await stack.container.db.doc(`customers/${cash.id}`).set(cash);
  await stack.container.db.collection(INVOICE_BOOKS).doc(periodDocId(period)).set({ period, prefix: 'TK', from: 100, to: 199, next: 100 });
}, 120_000);
afterAll(() => stack.close());

describe('upload records (einvoiceUploads) of local-book invoices', () => {
  it('queues one F0401 per issued invoice even when the delivery event arrives twice, and one F0501 per void however often it is asked', async () => {
    const o = delivered('ord-up-1');
    await stack.container.db.doc(`orders/${o.id}`).set({ ...o, version: 5 });
    const event = deliveredEvent(o);
    expect(await push(event)).toBeLessThan(300);
    expect(await push(event)).toBeLessThan(300);
    expect(await push(deliveredEvent(o))).toBeLessThan(300);
    const f0401 = await uploads().where('invoiceId', '==', 'inv-ord-up-1').get();
    expect(f0401.docs.map((d) => d.id)).toEqual(['F0401-TK00000100']);
    expect(f0401.docs[0]!.data()).toMatchObject({ messageType: 'F0401', status: 'pending', invoice: { id: 'inv-ord-up-1', number: 'TK00000100', buyer: { type: 'carrier' } } });

    const key = randomUUID();
    const voided = await call('POST', '/api/invoices/inv-ord-up-1/void', { as: 'office', key, body: { reason: '載具填錯' } });
    expect(voided.status).toBe(200);
    expect((await call('POST', '/api/invoices/inv-ord-up-1/void', { as: 'office', key, body: { reason: '載具填錯' } })).status).toBe(200);
    expect((await call('POST', '/api/invoices/inv-ord-up-1/void', { as: 'office', key: randomUUID(), body: { reason: '再一次' } })).status).toBe(409);
    const f0501 = await uploads().where('messageType', '==', 'F0501').where('invoiceId', '==', 'inv-ord-up-1').get();
    expect(f0501.size).toBe(1);
    expect(f0501.docs[0]!.data()).toMatchObject({ id: 'F0501-TK00000100', status: 'pending', cancel: { reason: '載具填錯' } });
  });

  it('queues nothing for an invoice another provider numbered', async () => {
    const ecpayInvoice = { ...(await upload('F0401-TK00000100'))!.invoice, id: 'inv-ecpay-1', number: 'EC00000001', status: 'issued', provider: 'ecpay' };
    await stack.container.db.doc('invoices/inv-ecpay-1').set(ecpayInvoice);
    expect((await call('POST', '/api/invoices/inv-ecpay-1/void', { as: 'admin', key: randomUUID(), body: { reason: '重開' } })).status).toBe(200);
    expect(await upload('F0501-EC00000001')).toBeUndefined();
  });
});

describe('the Turnkey machine’s API (/api/invoices/uploads)', () => {
  const ids = ['F0401-TK00000100', 'F0501-TK00000100'];
  const [issued, voided] = ids as [string, string];
  const pendingIds = async () => (await call('GET', '/api/invoices/uploads?status=pending', { as: 'admin' })).body.items.map((u: EinvoiceUpload) => u.id);
  const report = (results: { id: string; status: string; error?: string }[]) => call('POST', '/api/invoices/uploads/results', { as: 'admin', key: randomUUID(), body: { results } });
  const deliver = (list: string[]) => call('POST', '/api/invoices/uploads/delivered', { as: 'admin', key: randomUUID(), body: { ids: list } });

  it('lists an invoice’s F0401 but holds its void (F0501), pending in the same run, until the platform accepted the F0401', async () => {
    const pending = await call('GET', '/api/invoices/uploads?status=pending', { as: 'admin' });
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((u: EinvoiceUpload) => u.id)).toEqual([issued]);
    // Both wait; only the F0401 can go up now.
    expect(pending.body).toMatchObject({ nextCursor: null, counts: { pending: 2, delivered: 0, accepted: 0, rejected: 0 } });
    // Each with its Turnkey file, built with the seller the server is configured with: the machine writes it as it is.
    const { address } = stack.container.config.invoiceSeller;
    expect(pending.body.items[0]).toMatchObject({ fileName: 'F0401_TK00000100.xml', xml: expect.stringContaining(`<Address>${address}</Address>`) });
    // MIG 4.1, which Turnkey 3.2 takes with its 來源訊息版本 set to V4.1.
    expect(/xmlns="([^"]+)"/.exec(pending.body.items[0].xml)?.[1]).toBe('urn:GEINV:eInvoiceMessage:F0401:4.1');

    // Pages run over every pending message; one held back leaves its page short.
    const first = await call('GET', '/api/invoices/uploads?limit=1', { as: 'admin' });
    expect(first.body).toMatchObject({ items: [{ id: issued }], nextCursor: issued });
    expect((await call('GET', `/api/invoices/uploads?limit=1&cursor=${issued}`, { as: 'admin' })).body).toMatchObject({ items: [], nextCursor: null });

    const marked = await deliver([issued, 'F0401-ZZ99999999']);
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ updated: [issued], unchanged: [], unknown: ['F0401-ZZ99999999'] });
    expect((await deliver([issued])).body).toEqual({ updated: [], unchanged: [issued], unknown: [] });
    expect(await upload(issued)).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    // Handed to Turnkey is not at the platform yet: the void still waits.
    expect(await pendingIds()).toEqual([]);

    expect((await report([{ id: issued, status: 'accepted' }])).body).toEqual({ updated: [issued], unchanged: [], unknown: [] });
    const now = await call('GET', '/api/invoices/uploads?status=pending', { as: 'admin' });
    expect(now.body.items).toEqual([expect.objectContaining({ id: voided, fileName: 'F0501_TK00000100.xml', xml: expect.stringContaining('<CancelInvoiceNumber>TK00000100</CancelInvoiceNumber>') })]);
    expect(/xmlns="([^"]+)"/.exec(now.body.items[0].xml)?.[1]).toBe('urn:GEINV:eInvoiceMessage:F0501:4.1');
  });

  it('records each result once: a refused message keeps its refusal whatever is reported after', async () => {
    expect((await deliver([voided])).body).toEqual({ updated: [voided], unchanged: [], unknown: [] });
    expect((await report([{ id: voided, status: 'rejected', error: 'E0501 作廢日期錯誤' }])).body).toEqual({ updated: [voided], unchanged: [], unknown: [] });
    expect((await report([{ id: voided, status: 'accepted' }])).body).toEqual({ updated: [], unchanged: [voided], unknown: [] });
    expect(await upload(voided)).toMatchObject({ status: 'rejected', error: 'E0501 作廢日期錯誤' });

    const rejected = await call('GET', '/api/invoices/uploads?status=rejected', { as: 'admin' });
    expect(rejected.body).toMatchObject({ items: [{ id: voided, error: 'E0501 作廢日期錯誤' }], counts: { pending: 0, delivered: 0, accepted: 1, rejected: 1 } });
  });

  it('puts a refused message back to pending when an admin sends it again with a reason (audited), and lists it again', async () => {
    const path = `/api/invoices/uploads/${voided}/requeue`;
    const body = { reason: '原發票已被平台接受，重新上傳作廢' };
    expect((await call('POST', path, { as: 'office', key: randomUUID(), body })).status).toBe(403);
    expect((await call('POST', path, { as: 'turnkey', key: randomUUID(), body })).status).toBe(403);
    expect((await call('POST', path, { as: 'admin', key: randomUUID(), body: { reason: ' ' } })).status).toBe(400);

    const key = randomUUID();
    const again = await call('POST', path, { as: 'admin', key, body });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: voided, status: 'pending', requeues: [{ by: { uid: 'u-admin', role: 'admin' }, reason: body.reason, error: 'E0501 作廢日期錯誤' }] });
    expect(again.body.error).toBeUndefined();
    // The same request retried answers the first time again; a new one finds nothing refused.
    expect((await call('POST', path, { as: 'admin', key, body })).body).toEqual(again.body);
    const twice = await call('POST', path, { as: 'admin', key: randomUUID(), lang: 'en', body });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'INVOICE.UPLOAD_NOT_REJECTED', message: expect.stringMatching(/not refused/) } } });
    expect((await call('POST', '/api/invoices/uploads/F0501-ZZ99999999/requeue', { as: 'admin', key: randomUUID(), body })).status).toBe(404);

    expect(await pendingIds()).toEqual([voided]);
    const audited = await stack.container.db.collection('auditLog').where('function', '==', 'invoices').where('route', '==', '/uploads/:id/requeue').get();
    expect(audited.docs.map((d) => d.data())).toEqual([expect.objectContaining({ actor: expect.objectContaining({ uid: 'u-admin' }), params: { id: voided }, status: 200 })]);

    // Then on its way like any other: handed over, accepted this time.
    expect((await deliver([voided])).body.updated).toEqual([voided]);
    expect((await report([{ id: voided, status: 'accepted' }])).body.updated).toEqual([voided]);
    expect(await upload(voided)).toMatchObject({ status: 'accepted', requeues: [{ reason: body.reason }] });
  });

  it('refuses malformed ids and statuses with a localised 400, changing nothing', async () => {
    const bad = await call('POST', '/api/invoices/uploads/delivered', { as: 'admin', key: randomUUID(), body: { ids: ['inv-ord-up-1'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeDefined();
    const en = await call('POST', '/api/invoices/uploads/results', { as: 'admin', lang: 'en', key: randomUUID(), body: { results: [{ id: 'F0401-TK00000100', status: 'lost' }] } });
    expect(en.status).toBe(400);
    expect(en.body.error.message).toMatch(/[A-Za-z]/);
    expect((await call('GET', '/api/invoices/uploads?status=sent', { as: 'admin' })).status).toBe(400);
    expect(await upload('F0401-TK00000100')).toMatchObject({ status: 'accepted' });
  });
});

describe('overdue uploads (POST /api/jobs/einvoice-uploads-overdue)', () => {
  it('raises one critical alert a day for messages waiting more than 24 hours, none while all are answered', async () => {
    expect((await call('POST', '/api/jobs/einvoice-uploads-overdue', { as: 'admin', body: {} })).body).toEqual({ overdue: 0, alerted: false, oldestCreatedAt: null, rejected: 0 });
    const old = (await upload('F0401-TK00000100'))!;
    const stale = issueUpload({ ...old.invoice, number: 'TK00000150' }, new Date(Date.now() - 25 * 3600_000));
    const fresh = issueUpload({ ...old.invoice, number: 'TK00000151' }, new Date());
    await uploads().doc(stale.id).set(stale);
    await uploads().doc(fresh.id).set(fresh);
    const run = await call('POST', '/api/jobs/einvoice-uploads-overdue', { as: 'admin', body: {} });
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ overdue: 1, alerted: true, oldestCreatedAt: stale.createdAt, rejected: 0 });
    expect((await call('POST', '/api/jobs/einvoice-uploads-overdue', { as: 'admin', body: {} })).body).toMatchObject({ overdue: 1, alerted: true });
    const alertId = `einvoice-upload-overdue-${taipeiDate(new Date())}`;
    const alert = await eventually(async () => (await stack.container.db.collection('alerts').doc(alertId).get()).data());
    expect(alert).toMatchObject({ kind: 'system.einvoice_upload_overdue', severity: 'critical', data: { count: 1, ids: [stale.id], pending: 1 } });
    expect((await stack.container.db.collection('alerts').where('kind', '==', 'system.einvoice_upload_overdue').get()).size).toBe(1);
  });

  it('raises one critical alert a day while a refused message is left, however fresh: nothing sends it again by itself', async () => {
    const old = (await upload('F0401-TK00000100'))!;
    const sent = markDelivered(issueUpload({ ...old.invoice, number: 'TK00000160' }, new Date()), new Date())!;
    const refused = applyResult(sent, { id: sent.id, status: 'rejected', error: 'Turnkey ERR: F0401 failed the MIG check' }, new Date())!;
    await uploads().doc(refused.id).set(refused);
    const run = await call('POST', '/api/jobs/einvoice-uploads-overdue', { as: 'admin', body: {} });
    expect(run.body).toMatchObject({ overdue: 1, rejected: 1 });
    expect((await call('POST', '/api/jobs/einvoice-uploads-overdue', { as: 'admin', body: {} })).body).toMatchObject({ rejected: 1 });
    const alertId = `einvoice-upload-rejected-${taipeiDate(new Date())}`;
    const alert = await eventually(async () => (await stack.container.db.collection('alerts').doc(alertId).get()).data());
    expect(alert).toMatchObject({ kind: 'system.einvoice_upload_rejected', severity: 'critical', data: { count: 1, ids: [refused.id] } });
    expect((await stack.container.db.collection('alerts').where('kind', '==', 'system.einvoice_upload_rejected').get()).size).toBe(1);
    // Sent again, it is no longer counted.
    expect((await call('POST', `/api/invoices/uploads/${refused.id}/requeue`, { as: 'admin', key: randomUUID(), body: { reason: '已修正 MIG 格式' } })).status).toBe(200);
    expect((await call('POST', '/api/jobs/einvoice-uploads-overdue', { as: 'admin', body: {} })).body).toMatchObject({ rejected: 0 });
  });
});

describe('allowances (G0401 / G0501) of local-book invoices', () => {
  it('queues one G0401 per allowance and one G0501 per cancel however often each is asked, listed with their files', async () => {
    const o = delivered('ord-up-2');
    await stack.container.db.doc(`orders/${o.id}`).set({ ...o, version: 5 });
    expect(await push(deliveredEvent(o))).toBeLessThan(300);
    const body = { reason: '退回一支未使用的 20 公斤鋼瓶', lines: [{ invoiceLine: 0, quantity: 1 }] };
    const key = randomUUID();
    const issued = await call('POST', '/api/invoices/inv-ord-up-2/allowances', { as: 'office', key, body });
    expect(issued.status).toBe(201);
    expect((await call('POST', '/api/invoices/inv-ord-up-2/allowances', { as: 'office', key, body })).body.number).toBe(issued.body.number);
    const number: string = issued.body.number;
    const ofAllowance = async () => (await uploads().where('allowance.number', '==', number).get()).docs.map((d) => d.id).sort();
    expect(await ofAllowance()).toEqual([`G0401-${number}`]);

    const cancelPath = `/api/invoices/inv-ord-up-2/allowances/${issued.body.id}/cancel`;
    const cancelKey = randomUUID();
    expect((await call('POST', cancelPath, { as: 'office', key: cancelKey, body: { reason: '數量開錯' } })).status).toBe(200);
    expect((await call('POST', cancelPath, { as: 'office', key: cancelKey, body: { reason: '數量開錯' } })).status).toBe(200);
    expect((await call('POST', cancelPath, { as: 'office', key: randomUUID(), body: { reason: '再一次' } })).status).toBe(409);
    expect(await ofAllowance()).toEqual([`G0401-${number}`, `G0501-${number}`]);
    expect(await upload(`G0501-${number}`)).toMatchObject({ status: 'pending', invoiceId: 'inv-ord-up-2', allowance: { id: issued.body.id, status: 'issued' }, cancel: { reason: '數量開錯' } });

    const listed = async () => {
      const pending = await call('GET', '/api/invoices/uploads?status=pending', { as: 'admin' });
      return new Map<string, { id: string; fileName: string; xml: string }>(pending.body.items.map((u: { id: string; fileName: string; xml: string }) => [u.id, u]));
    };
    const accept = (id: string) => call('POST', '/api/invoices/uploads/results', { as: 'admin', key: randomUUID(), body: { results: [{ id, status: 'accepted' }] } });
    // The allowance waits for its invoice at the platform, the cancel for the allowance.
    const issuedInvoice = `F0401-${(await upload(`G0401-${number}`))!.invoiceNumber}`;
    expect([...(await listed()).keys()].filter((id) => id.endsWith(number) || id === issuedInvoice)).toEqual([issuedInvoice]);
    expect((await accept(issuedInvoice)).body.updated).toEqual([issuedInvoice]);
    const withAllowance = await listed();
    expect(withAllowance.get(`G0401-${number}`)).toMatchObject({ fileName: `G0401_${number}.xml`, xml: expect.stringContaining(`<AllowanceNumber>${number}</AllowanceNumber>`) });
    expect(withAllowance.has(`G0501-${number}`)).toBe(false);
    expect((await accept(`G0401-${number}`)).body.updated).toEqual([`G0401-${number}`]);
    expect((await listed()).get(`G0501-${number}`)).toMatchObject({ fileName: `G0501_${number}.xml`, xml: expect.stringContaining(`<CancelAllowanceNumber>${number}</CancelAllowanceNumber>`) });
  });
});

describe('pending messages held back (GET /api/invoices/uploads/held)', () => {
  it('lists each with what it waits for, as that stands, and since when, page by page; never one that may go up', async () => {
    const invoice = (await upload('F0401-TK00000100'))!.invoice;
    const at = new Date(Date.now() - 3 * 3600_000);
    const heldInvoice = (n: string) => ({ ...invoice, id: `inv-held-${n}`, number: `HD0000000${n}` });
    const sentOn = markDelivered(issueUpload(heldInvoice('1'), at), at)!;
    const seeded = [sentOn, voidUpload(heldInvoice('1'), '統編開錯', at), voidUpload(heldInvoice('2'), '載具填錯', at)];
    await Promise.all(seeded.map((u) => uploads().doc(u.id).set(u)));

    const all: { id: string; awaiting: unknown; waitingSince: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/api/invoices/uploads/held?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { as: 'admin' });
      expect(page.status).toBe(200);
      const body = page.body as { items: typeof all; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(1);
      all.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    const ours = all.filter((u) => u.id.startsWith('F0501-HD'));
    expect(ours).toEqual([
      expect.objectContaining({ id: 'F0501-HD00000001', awaiting: [{ id: 'F0401-HD00000001', status: 'delivered' }], waitingSince: at.toISOString() }),
      expect.objectContaining({ id: 'F0501-HD00000002', awaiting: [{ id: 'F0401-HD00000002', status: 'missing' }], waitingSince: at.toISOString() }),
    ]);
    expect(all.map((u) => u.id)).not.toContain(sentOn.id);
    // Once its invoice is accepted the void may go up: it leaves the held list for the Turnkey machine's.
    await call('POST', '/api/invoices/uploads/results', { as: 'admin', key: randomUUID(), body: { results: [{ id: sentOn.id, status: 'accepted' }] } });
    const after = await call('GET', '/api/invoices/uploads/held', { as: 'admin' });
    expect(after.body.items.map((u: EinvoiceUpload) => u.id)).not.toContain('F0501-HD00000001');
    expect((await call('GET', '/api/invoices/uploads?status=pending', { as: 'admin' })).body.items.map((u: EinvoiceUpload) => u.id)).toContain('F0501-HD00000001');
  });
});

describe('unused numbers (POST /api/jobs/einvoice-blank-numbers)', () => {
  const job = (body: Record<string, unknown>) => call('POST', '/api/jobs/einvoice-blank-numbers', { as: 'admin', body });
  const bookOf = (p: string) => stack.container.db.collection(INVOICE_BOOKS).doc(p.replace('/', '-'));
  const issuedIn = (p: string, prefix: string, ...ns: number[]) =>
    Promise.all(ns.map((n) => bookOf(p).collection('issued').doc(`inv-${prefix}-${n}`).set({ prefix, n, number: `${prefix}${String(n).padStart(8, '0')}`, randomNumber: '0427', issuedAt: new Date().toISOString() })));

  it('queues one E0402 of an ended period’s unused numbers, the Turnkey machine’s to upload at once; a rerun, or two at once, make it once', async () => {
    const p = '2025-09/10';
    await bookOf(p).set({ period: p, prefix: 'BK', from: 0, to: 99, next: 10 });
    await issuedIn(p, 'BK', 0, 1, 2, 5);
    // Invoices of the period count as used without a record (the demo seed's), one of another year with the same letters does not.
    await stack.container.db.doc('invoices/inv-bk-7').set({ id: 'inv-bk-7', period: p, number: 'BK00000007', provider: 'local-book' });
    await stack.container.db.doc('invoices/inv-bk-old').set({ id: 'inv-bk-old', period: '2024-09/10', number: 'BK00000050', provider: 'local-book' });

    const runs = await Promise.all([job({ period: p }), job({ period: p })]);
    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    expect(runs.map((r) => r.body.created).sort()).toEqual([false, true]);
    for (const run of runs) expect(run.body).toMatchObject({ period: p, deadline: '2025-11-10', issuer: 'local-book', book: true, uploads: ['E0402-BK11410'] });
    const stored = await uploads().doc('E0402-BK11410').get();
    expect(stored.data()).toMatchObject({
      messageType: 'E0402',
      status: 'pending',
      blank: { period: p, track: 'BK', ranges: [{ from: 3, to: 4 }, { from: 6, to: 6 }, { from: 8, to: 99 }] },
    });
    expect(stored.data()).not.toHaveProperty('invoiceId');

    const again = await job({ period: p });
    expect(again.body).toMatchObject({ created: false, uploads: ['E0402-BK11410'], reportedAt: runs.find((r) => r.body.created)!.body.reportedAt });
    expect((await uploads().doc('E0402-BK11410').get()).updateTime).toEqual(stored.updateTime);

    const pending = await call('GET', '/api/invoices/uploads?status=pending&limit=500', { as: 'admin' });
    const listed = pending.body.items.find((u: EinvoiceUpload) => u.id === 'E0402-BK11410');
    expect(listed).toMatchObject({ fileName: 'E0402_BK11410.xml', xml: expect.stringContaining('<InvoiceTrack>BK</InvoiceTrack>') });
    expect(listed.xml).toContain('<InvoiceBeginNo>00000008</InvoiceBeginNo>');
    expect((await call('POST', '/api/invoices/uploads/delivered', { as: 'turnkey', key: randomUUID(), body: { ids: ['E0402-BK11410'] } })).body.updated).toEqual(['E0402-BK11410']);
    expect((await call('POST', '/api/invoices/uploads/results', { as: 'turnkey', key: randomUUID(), body: { results: [{ id: 'E0402-BK11410', status: 'accepted' }] } })).body.updated).toEqual(['E0402-BK11410']);
  });

  it('queues nothing for a fully used book, or a period without a book, and remembers the used-up book as reported', async () => {
    const p = '2025-07/08';
    await bookOf(p).set({ period: p, prefix: 'BF', from: 0, to: 2, next: 3 });
    await issuedIn(p, 'BF', 0, 1, 2);
    expect((await job({ period: p })).body).toMatchObject({ book: true, uploads: [], created: true });
    expect((await bookOf(p).get()).data()).toMatchObject({ blankReport: { uploads: [] } });
    expect((await job({ period: p })).body).toMatchObject({ book: true, uploads: [], created: false });
    expect((await job({ period: '2025-05/06' })).body).toMatchObject({ book: false, uploads: [], created: false, reportedAt: null });
    expect((await uploads().where('messageType', '==', 'E0402').get()).docs.map((d) => d.id)).toEqual(['E0402-BK11410']);
  });

  it('refuses a period not ended an hour ago (422): a number taken at its last moment may still be being written', async () => {
    const res = await job({ period });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVOICE.PERIOD_NOT_ENDED');
    // By default it reports the last period whose books are closed (here, one without a book).
    const byDefault = await job({});
    expect(byDefault.status).toBe(200);
    expect(byDefault.body).toMatchObject({ period: periodToReport(new Date()), book: false });
  });
});
