/**
 * A distributor ten times the demo's size for the bench:api scenarios whose cost grows with it (the safety due list, the
 * cylinder register, a period's invoices, the monthly report and invoices). Everything goes in through the product: the
 * customers through `POST /api/customers/import`, the cylinders through `POST /api/cylinders`; what has no API of its own
 * is built with the demo seed's helpers over those customers (inspections with `demoSafetyInspections`, delivered orders
 * with `buildOrder`) and numbered from the period's book as the seed numbers its invoices (`issuedInvoice`).
 */
import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { randomUUID } from 'node:crypto';
import { monthBounds, previousMonth } from '../../domain/billing';
import { addDays } from '../../domain/calendar';
import { sectionLabel, type Customer } from '../../domain/customers';
import { CYLINDER_SIZES } from '../../domain/cylinders';
import { issuedInvoice, orderInvoiceDraft, periodDocId, periodOfDate, type Invoice, type InvoicePeriod } from '../../domain/invoicing';
import type { Order } from '../../domain/orders';
import { numberOf, refOf, type InvoiceBook } from '../../adapters/invoicing/local-invoice-book';
import { demoClosures, isLunarHoliday } from '../seed/calendar-effects';
import { DISTRICTS } from '../seed/districts';
import { DEPOTS, DRIVERS } from '../seed/fleet';
import { buildOrder } from '../seed/history';
import { writeDocuments } from '../seed/index';
import { demoPriceList } from '../seed/prices';
import { createRng } from '../seed/prng';
import { certifiedDrivers, demoSafetyInspections, safetySummaries } from '../seed/safety';

/** The sizes the scenarios are measured at; the demo seed (320 customers, 1,024 cylinders) is topped up to them. */
export const SCALE = {
  customers: 2000,
  /** Customers on monthly terms (月結), each with a month of deliveries. */
  monthly: 300,
  /** Deliveries per new monthly customer in the month, one every four days or so (a restaurant). */
  monthlyDeliveries: 8,
  cylinders: 5000,
  /** Invoices in the bi-monthly period of last month. */
  periodInvoices: 3000,
} as const;

/** What the data set holds once scaled, for the scenarios' checks and the report. */
export interface Scale {
  /** Last month (`YYYY-MM`): the monthly customers' deliveries, the report and the monthly invoices. */
  readonly month: string;
  /** Its bi-monthly invoice period. */
  readonly period: InvoicePeriod;
  readonly customers: number;
  readonly monthly: number;
  /** Monthly customers added, whose month is not invoiced yet. */
  readonly newMonthly: number;
  readonly cylinders: number;
  readonly periodInvoices: number;
  readonly seconds: number;
}

/** Sends one request as a signed-in user; the answer's JSON, or an error naming what failed. */
export type Post = (path: string, body: unknown, key: string) => Promise<{ status: number; body: Record<string, unknown> }>;

/** The most rows one import takes (`MAX_IMPORT_ROWS`). */
const IMPORT_CHUNK = 1000;
const BATCH_LIMIT = 500;

export interface CsvRow {
  readonly type: '家庭' | '餐廳';
  readonly terms: '現金' | '月結' | '轉帳';
}

/** An import file: real roads of the demo districts, one new mobile number per row from `0${firstMobile}` on. */
export function customerCsv(tag: string, rows: number, firstMobile: number, row: (i: number) => CsvRow): string {
  const lines = Array.from({ length: rows }, (_, i) => {
    const district = DISTRICTS[i % DISTRICTS.length] as (typeof DISTRICTS)[number];
    const road = district.roads[i % district.roads.length] as (typeof district.roads)[number];
    const section = road.sections.length > 0 ? sectionLabel(road.sections[i % road.sections.length] as number) : '';
    const floor = i % 3 === 0 ? `${(i % 12) + 1}樓` : '';
    const { type, terms } = row(i);
    return `${tag}-${i},0${String(firstMobile + i)},${district.city}${district.name}${road.name}${section}${(i % 300) + 1}號${floor},${type},${terms}`;
  });
  return ['客戶名稱,電話,地址,類型,付款方式', ...lines].join('\r\n');
}

const count = async (db: Firestore, collection: string, field?: string, value?: string): Promise<number> =>
  (await (field ? db.collection(collection).where(field, '==', value) : db.collection(collection)).count().get()).data().count;

/** Imports `rows` customers, the first `monthly` of them restaurants on 月結, and reads them back. */
async function importCustomers(db: Firestore, post: Post, rows: number, monthly: number): Promise<Customer[]> {
  const tag = `規模${randomUUID().slice(0, 6)}`;
  const row = (i: number): CsvRow =>
    i < monthly ? { type: '餐廳', terms: '月結' } : { type: i % 4 === 0 ? '餐廳' : '家庭', terms: i % 5 === 0 ? '轉帳' : '現金' };
  for (let from = 0; from < rows; from += IMPORT_CHUNK) {
    const n = Math.min(IMPORT_CHUNK, rows - from);
    const csv = customerCsv(`${tag}-${from}`, n, 997_000_000 + from, (i) => row(from + i));
    const res = await post('/api/customers/import', { csv, dryRun: false }, `bench-scale-${randomUUID()}`);
    const created = (res.body.counts as Record<string, number> | undefined)?.created;
    if (res.status !== 200 || created !== n) throw new Error(`scale: importing ${n} customers answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  const snap = await db.collection('customers').where('name', '>=', tag).where('name', '<', `${tag}\uf8ff`).get();
  return snap.docs.map((d) => d.data() as Customer);
}

/** Each customer's inspections as the seed draws them (some never inspected, some overdue, some failed) and its summary. */
async function inspect(db: Firestore, customers: readonly Customer[], today: string): Promise<void> {
  const yesterday = addDays(today, -1);
  const inspections = demoSafetyInspections(createRng(`bench-safety-${today}`), customers, certifiedDrivers(DRIVERS, today), yesterday);
  await writeDocuments(db, inspections.map((i) => ({ path: `safetyInspections/${i.id}`, data: i })));
  const summaries = [...safetySummaries(inspections)];
  for (let i = 0; i < summaries.length; i += BATCH_LIMIT) {
    const batch = db.batch();
    for (const [id, safety] of summaries.slice(i, i + BATCH_LIMIT)) batch.update(db.doc(`customers/${id}`), { safety: JSON.parse(JSON.stringify(safety)) as DocumentData, safetyDueKey: safety.nextDueOn });
    await batch.commit();
  }
}

/** The open days from `from` to `to`, both included. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!isLunarHoliday(d)) out.push(d);
  return out;
}

/**
 * Delivered orders built through the domain as the seed builds its history: the new monthly customers' month, one every
 * four days, and `periodOrders` deliveries of the others spread over the period up to yesterday.
 */
function deliveries(customers: readonly Customer[], today: string, month: string, period: InvoicePeriod, periodOrders: number): Order[] {
  const priceList = demoPriceList(today);
  const closures = demoClosures(addDays(today, -365), today);
  const rng = createRng(`bench-orders-${today}`);
  const build = (customer: Customer, date: string, n: number, quantity: number): Order => {
    const id = `ord-${date.replaceAll('-', '')}-${customer.code}-${n}`;
    const basket = [{ size: 20 as const, quantity }];
    return buildOrder(rng.fork(id), { id, customer, date, outcome: 'delivered', basket }, priceList, closures, undefined);
  };
  const monthly = customers.filter((c) => c.paymentTerms === 'monthly');
  const others = customers.filter((c) => c.paymentTerms !== 'monthly');
  const monthDays = days(monthBounds(month).firstDay, monthBounds(month).lastDay);
  const orders = monthly.flatMap((customer, i) =>
    Array.from({ length: SCALE.monthlyDeliveries }, (_, k) => monthDays[(i % 4) + k * 4]).flatMap((date, k) => (date ? [build(customer, date, k + 1, 2)] : [])),
  );
  const periodEnd = monthBounds(`${period.slice(0, 5)}${period.slice(8)}`).lastDay;
  const yesterday = addDays(today, -1);
  const periodDays = days(`${period.slice(0, 7)}-01`, periodEnd < yesterday ? periodEnd : yesterday);
  if (others.length === 0 || periodDays.length === 0) return orders;
  for (let j = 0; j < periodOrders; j++) {
    const customer = others[j % others.length] as Customer;
    orders.push(build(customer, periodDays[(j * 7 + Math.floor(j / others.length)) % periodDays.length] as string, j + 1, 1));
  }
  return orders;
}

/**
 * The invoices `issueInvoices` would have issued at each delivery of a cash or transfer customer, numbered from the
 * period's book in the order issued, after the numbers it handed out already, and the book moved on past them.
 */
async function invoice(db: Firestore, orders: readonly Order[], customers: readonly Customer[], period: InvoicePeriod): Promise<number> {
  const byId = new Map(customers.map((c) => [c.id, c]));
  const drafts = [...orders]
    .sort((a, b) => (a.delivery?.at ?? '').localeCompare(b.delivery?.at ?? ''))
    .flatMap((order) => {
      const customer = byId.get(order.customerId);
      const draft = customer ? orderInvoiceDraft(order, customer) : null;
      return draft && order.delivery ? [{ draft, at: order.delivery.at }] : [];
    });
  const bookRef = db.doc(`invoiceBooks/${periodDocId(period)}`);
  const book = (await bookRef.get()).data() as InvoiceBook | undefined;
  if (!book || book.next + drafts.length - 1 > book.to) throw new Error(`scale: the book of ${period} cannot number ${drafts.length} more invoices`);
  const invoices: Invoice[] = drafts.map(({ draft, at }, i) => {
    const number = numberOf(book, book.next + i);
    const randomNumber = String(createRng(draft.id).int(0, 9999)).padStart(4, '0');
    return issuedInvoice(draft, { number, randomNumber, issuedAt: new Date(at), providerRef: refOf(period, number) }, 'local-book');
  });
  await writeDocuments(db, invoices.map((inv) => ({ path: `invoices/${inv.id}`, data: inv })));
  await bookRef.update({ next: book.next + invoices.length });
  return invoices.length;
}

/** Cylinders registered at the depots in batches of 500: steel, factory-tested 0–20 years ago, about 3 % past their deadline. */
async function registerCylinders(post: Post, n: number, today: string): Promise<void> {
  const rng = createRng(`bench-cylinders-${today}`);
  const cylinders = Array.from({ length: n }, (_, i) => {
    const size = rng.weighted(CYLINDER_SIZES, [5, 10, 10, 60, 15]);
    const factoryTestedOn = addDays(today, -rng.int(30, 20 * 365 - 30));
    // Cylinders this young are inspected every 5 years (the older ones sooner): 5 years and 70 days back leaves a few percent overdue.
    const inspected = addDays(today, -rng.int(0, 5 * 365 + 70));
    const lastInspectedOn = addDays(today, -5 * 365) > factoryTestedOn && inspected > factoryTestedOn ? inspected : null;
    return { serial: `BN${size}-${String(i).padStart(6, '0')}`, size, material: 'steel', factoryTestedOn, lastInspectedOn };
  });
  for (let i = 0; i < cylinders.length; i += BATCH_LIMIT) {
    const depotId = (DEPOTS[(i / BATCH_LIMIT) % DEPOTS.length] as (typeof DEPOTS)[number]).id;
    const res = await post('/api/cylinders', { depotId, cylinders: cylinders.slice(i, i + BATCH_LIMIT) }, `bench-scale-${randomUUID()}`);
    if (res.status !== 201) throw new Error(`scale: registering cylinders answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
}

/** Tops the seeded data set up to `SCALE`; `log` hears each step with its time. */
export async function scaleUp(db: Firestore, post: Post, today: string, log: (line: string) => void): Promise<Scale> {
  const t0 = performance.now();
  const step = (what: string, since: number) => log(`  scale: ${what} in ${((performance.now() - since) / 1000).toFixed(1)} s`);
  const month = previousMonth(today.slice(0, 7));
  const period = periodOfDate(`${month}-01`);
  const [customersBefore, monthlyBefore, cylindersBefore, invoicesBefore] = await Promise.all([
    count(db, 'customers'),
    count(db, 'customers', 'paymentTerms', 'monthly'),
    count(db, 'cylinders'),
    count(db, 'invoices', 'period', period),
  ]);
  const rows = Math.max(0, SCALE.customers - customersBefore);
  const newMonthly = Math.min(rows, Math.max(0, SCALE.monthly - monthlyBefore));
  let t = performance.now();
  const added = rows > 0 ? await importCustomers(db, post, rows, newMonthly) : [];
  step(`${added.length} customers imported (${newMonthly} on 月結)`, t);
  t = performance.now();
  await inspect(db, added, today);
  step('their safety inspections written', t);
  t = performance.now();
  const orders = deliveries(added, today, month, period, Math.max(0, SCALE.periodInvoices - invoicesBefore));
  await writeDocuments(db, orders.map((o) => ({ path: `orders/${o.id}`, data: { ...o, version: 1 } })));
  const invoiced = await invoice(db, orders, added, period);
  step(`${orders.length} delivered orders and ${invoiced} invoices written`, t);
  t = performance.now();
  await registerCylinders(post, Math.max(0, SCALE.cylinders - cylindersBefore), today);
  step(`${Math.max(0, SCALE.cylinders - cylindersBefore)} cylinders registered`, t);
  return {
    month,
    period,
    customers: customersBefore + added.length,
    monthly: monthlyBefore + newMonthly,
    newMonthly,
    cylinders: await count(db, 'cylinders'),
    periodInvoices: await count(db, 'invoices', 'period', period),
    seconds: (performance.now() - t0) / 1000,
  };
}
