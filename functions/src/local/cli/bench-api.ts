/**
 * `npm run bench:api [-- --duration 10 --connections 10 --only order-create,receivables-list]`: latency and
 * throughput of the HTTP API on the local stack (Firestore and Pub/Sub emulators, the demo seed),
 * measured with autocannon from this process while bench-stack.ts serves the functions in its own.
 * The last scenarios run on the seed topped up to a distributor of 2,000 customers (bench-scale.ts).
 * Every scenario's answers are checked, not only their status. Figures only, no assertions.
 */
import { Firestore } from '@google-cloud/firestore';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { firestoreCylinderRegisterStore } from '../../adapters/firestore/cylinder-register-store';
import { firestoreSafetyInspectionStore } from '../../adapters/firestore/safety-inspection-store';
import { firestoreSalesStore } from '../../adapters/firestore/sales-store';
import { firestoreInvoicedOrders } from '../../adapters/invoicing/invoiced-orders';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { addDays } from '../../domain/calendar';
import { summaryCounts } from '../../domain/cylinders/register';
import { taipeiDate } from '../../domain/clock';
import { safetyRemindDueBy, safetyReminderFor, type SafetyReminderCandidate } from '../../domain/notifications/safety-reminder';
import { DUE_SOON_DAYS, dueListPage, dueRangeOf } from '../../domain/safety';
import { numberOption, parseArgs } from '../../optimizer/cli/args';
import { benchOrderBody, formatTable, type ScenarioFigures } from './bench-report';
import { customerCsv, scaleUp, SCALE, type Scale } from './bench-scale';
import type { BenchStackMessage, BenchStackReady } from './bench-stack';

/** Seeded customers without closed days (seed README), so any day is deliverable. */
const ORDER_CUSTOMERS = ['cust-0001', 'cust-0002', 'cust-0003', 'cust-0004', 'cust-0005'] as const;
const STACK_START_LIMIT_MS = 10 * 60_000;
const JOB_LIMIT_MS = 5 * 60_000;

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>; // loose JSON of the API's answers, read by the checks below
}

interface Run {
  readonly url: string;
  readonly db: Firestore;
  readonly office: string;
  readonly admin: string;
  readonly today: string;
  /** The data set topped up to `SCALE`, once per run, by the first scenario that needs it. */
  readonly scale: () => Promise<Scale>;
  readonly opts: { readonly duration: number; readonly connections: number; readonly search: string };
}

async function call(url: string, method: string, token: string | undefined, body?: unknown, key?: string, timeoutMs = 30_000): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

async function login(base: string, username: string, password: string): Promise<string> {
  const res = await call(`${base}/api/auth/login`, 'POST', undefined, { username, password });
  if (res.status !== 200 || typeof res.body.token !== 'string') throw new Error(`Login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

function figures(name: string, r: autocannon.Result, check: string): ScenarioFigures {
  return {
    name,
    rpsMedian: r.requests.p50,
    rpsMean: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    check,
  };
}

function load(run: Run, path: string, token: string, extra: Partial<autocannon.Options> = {}): Promise<autocannon.Result> {
  return autocannon({
    url: `${run.url}${path}`,
    connections: run.opts.connections,
    duration: run.opts.duration,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...extra,
  });
}

const items = (a: Answer): Record<string, unknown>[] => (Array.isArray(a.body.items) ? (a.body.items as Record<string, unknown>[]) : []);

/** A GET scenario: one request checked by `check` (which throws when the answer is wrong), then the load. */
async function getScenario(run: Run, name: string, path: string, token: string, check: (a: Answer) => string): Promise<ScenarioFigures> {
  const t0 = performance.now();
  const sample = await call(`${run.url}${path}`, 'GET', token);
  log(`  one request alone: ${(performance.now() - t0).toFixed(0)} ms`);
  if (sample.status !== 200) throw new Error(`${name}: GET ${path} answered ${sample.status} ${JSON.stringify(sample.body)}`);
  const checked = check(sample);
  const result = await load(run, path, token);
  await settle(run);
  return figures(name, result, checked);
}

/**
 * Waits until the emulator has worked off the requests autocannon left in flight (health, which probes Firestore, answers
 * within a second again), so the next scenario's request timed alone is timed alone.
 */
async function settle(run: Run): Promise<void> {
  const until = Date.now() + JOB_LIMIT_MS;
  while (Date.now() < until) {
    const t0 = performance.now();
    await call(`${run.url}/api/health`, 'GET', undefined, undefined, undefined, JOB_LIMIT_MS);
    if (performance.now() - t0 < 1000) return;
  }
}

const countTagged = async (db: Firestore, tag: string): Promise<number> =>
  (await db.collection('orders').where('notes', '==', tag).count().get()).data().count;

/**
 * New orders, each with its own Idempotency-Key. Requests cut off when autocannon stops may still
 * complete on the server: they are settled by replaying their keys, so every key sent ends with one
 * 2xx answer, and the orders in Firestore must be exactly as many.
 */
async function orderCreate(run: Run): Promise<ScenarioFigures> {
  const tag = `bench-api create ${randomUUID()}`;
  const date = addDays(run.today, 1);
  const bodies = new Map<string, string>();
  const answered = new Set<string>();
  let n = 0;
  const result = await load(run, '/api/orders', run.office, {
    method: 'POST',
    requests: [
      {
        setupRequest(request, context: { key?: string }) {
          const key = `bench-${randomUUID()}`;
          const body = JSON.stringify(benchOrderBody(ORDER_CUSTOMERS[n++ % ORDER_CUSTOMERS.length] as string, date, tag));
          bodies.set(key, body);
          context.key = key;
          return { ...request, headers: { ...request.headers, 'content-type': 'application/json', 'idempotency-key': key }, body };
        },
        onResponse(status, _body, context: { key?: string }) {
          if (status >= 200 && status < 300 && context.key) answered.add(context.key);
        },
      },
    ],
  });
  let settled = 0;
  for (const [key, body] of bodies) {
    if (answered.has(key)) continue;
    for (let attempt = 0; ; attempt++) {
      const res = await call(`${run.url}/api/orders`, 'POST', run.office, JSON.parse(body), key);
      if (res.status >= 200 && res.status < 300) break;
      // 409: the cut-off original is still running on the server.
      if (res.status !== 409 || attempt > 40) throw new Error(`order-create: settling key ${key} answered ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    settled++;
  }
  const created = await countTagged(run.db, tag);
  const expected = result['2xx'] + settled;
  const verdict = created === expected ? 'OK' : 'MISMATCH';
  return figures('order-create', result, `${verdict}: ${created} orders in Firestore = ${result['2xx']} × 2xx + ${settled} unanswered at stop (settled by replaying their keys)`);
}

/** One Idempotency-Key sent over and over: after the first answer every request is a replay. */
async function orderReplay(run: Run): Promise<ScenarioFigures> {
  const tag = `bench-api replay ${randomUUID()}`;
  const key = `bench-replay-${randomUUID()}`;
  const body = JSON.stringify(benchOrderBody(ORDER_CUSTOMERS[0], addDays(run.today, 1), tag));
  const first = await call(`${run.url}/api/orders`, 'POST', run.office, JSON.parse(body), key);
  if (first.status !== 201) throw new Error(`order-replay: the first request answered ${first.status} ${JSON.stringify(first.body)}`);
  let replayed = 0;
  const result = await load(run, '/api/orders', run.office, {
    method: 'POST',
    headers: { authorization: `Bearer ${run.office}`, 'content-type': 'application/json', 'idempotency-key': key },
    body,
    requests: [
      {
        onResponse(_status, _body, _context, headers) {
          if (Object.entries(headers ?? {}).some(([name, value]) => name.toLowerCase() === 'idempotent-replayed' && value === 'true')) replayed++;
        },
      },
    ],
  });
  const created = await countTagged(run.db, tag);
  const verdict = created === 1 && replayed === result['2xx'] ? 'OK' : 'MISMATCH';
  return figures('order-replay', result, `${verdict}: ${created} order for the key, ${replayed} answers marked Idempotent-Replayed`);
}

/** The customer with the most deliveries requested in a month: the longest statement, as a restaurant on 月結 gets. */
async function busiestCustomer(db: Firestore, month: string): Promise<string> {
  const snap = await db.collection('orders').where('requestedDate', '>=', `${month}-01`).where('requestedDate', '<=', `${month}-31`).select('customerId', 'status').get();
  const counts = new Map<string, number>();
  for (const d of snap.docs) if (d.get('status') === 'delivered') counts.set(d.get('customerId') as string, (counts.get(d.get('customerId') as string) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!best) throw new Error(`statement-month: nothing was delivered in ${month}`);
  return best[0];
}

/** The due list reads the nightly predictions: train a model and score everyone first, as the jobs do. */
async function predictionsDue(run: Run): Promise<ScenarioFigures | string> {
  for (const job of ['train-models', 'score-churn']) {
    const t0 = performance.now();
    const res = await call(`${run.url}/api/jobs/${job}`, 'POST', run.admin, {}, undefined, JOB_LIMIT_MS).catch((err: unknown) => ({
      status: 0,
      body: { error: String(err) },
    }));
    if (res.status !== 200) return `skipped: POST /api/jobs/${job} answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
    log(`  ${job} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return getScenario(run, 'predictions-due', '/api/predictions/due?days=7', run.office, (a) => {
    const due = items(a);
    if (due.length === 0) throw new Error('predictions-due: no customer due within 7 days');
    return `${due.length} customers due within 7 days (from ${String(a.body.asOf)})`;
  });
}

/** Rows of one import file. */
const IMPORT_ROWS = 1000;

/** One CSV of 1,000 customers: the check (dry run), the import, and the same file again (all duplicates), one request each. */
async function customerImport(run: Run): Promise<string> {
  const csv = customerCsv(`匯入${randomUUID().slice(0, 6)}`, IMPORT_ROWS, 998_000_000, (i) => ({ type: i % 4 === 0 ? '餐廳' : '家庭', terms: i % 2 === 0 ? '月結' : '現金' }));
  const before = (await run.db.collection('customers').count().get()).data().count;
  const timed = async (label: string, body: object, key: string | undefined, expect: (counts: Record<string, number>) => boolean) => {
    const t0 = performance.now();
    const res = await call(`${run.url}/api/customers/import`, 'POST', run.office, body, key, JOB_LIMIT_MS);
    const seconds = (performance.now() - t0) / 1000;
    const counts = (res.body.counts ?? {}) as Record<string, number>;
    if (res.status !== 200 || !expect(counts)) throw new Error(`customer-import ${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    log(`  ${label}: ${seconds.toFixed(1)} s`);
    return `${label} ${seconds.toFixed(1)} s`;
  };
  const check = await timed('check', { csv }, undefined, (c) => c.ready === IMPORT_ROWS);
  const created = await timed('import', { csv, dryRun: false }, `bench-import-${randomUUID()}`, (c) => c.created === IMPORT_ROWS);
  const after = (await run.db.collection('customers').count().get()).data().count;
  const again = await timed('again', { csv, dryRun: false }, `bench-import-${randomUUID()}`, (c) => c.duplicate === IMPORT_ROWS);
  const verdict = after - before === IMPORT_ROWS ? 'OK' : 'MISMATCH';
  return `${IMPORT_ROWS} rows (${(csv.length / 1024).toFixed(0)} KiB): ${check}, ${created}, ${again} (all duplicates); ${verdict}: ${after - before} customers added`;
}

/** Times what an endpoint reads, through the product's own store from this process: how much of a request is the Firestore read. */
async function timedRead(what: string, read: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await read();
  log(`  ${what} alone: ${(performance.now() - t0).toFixed(0)} ms`);
}

/** A one-shot job run as the admin and timed; its report, or an error naming the answer. */
async function timedJob(run: Run, job: string, body: object): Promise<{ report: Record<string, unknown>; seconds: number }> {
  const t0 = performance.now();
  const res = await call(`${run.url}/api/jobs/${job}`, 'POST', run.admin, body, undefined, JOB_LIMIT_MS);
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 200) throw new Error(`POST /api/jobs/${job} answered ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  log(`  ${job}: ${JSON.stringify(res.body).slice(0, 200)} in ${seconds.toFixed(1)} s`);
  return { report: res.body, seconds };
}

/**
 * 月結發票 for last month at `SCALE`: the monthly customers seeded were invoiced by the seed, the ones added are not yet,
 * so the first run issues exactly theirs; the rerun finds every invoice there and issues nothing.
 */
async function monthlyInvoices(run: Run): Promise<string> {
  const scale = await run.scale();
  await timedRead("the month's orders on account (the job's read of orders for the month: those delivered in it and those booked late into it, side by side)", () => firestoreInvoicedOrders(run.db).onAccountIn(scale.month));
  const first = await timedJob(run, 'monthly-invoices', { month: scale.month });
  const rerun = await timedJob(run, 'monthly-invoices', { month: scale.month });
  const failed = (r: Record<string, unknown>) => (Array.isArray(r.failed) ? r.failed.length : -1);
  const ok =
    first.report.issued === scale.newMonthly &&
    failed(first.report) === 0 &&
    rerun.report.issued === 0 &&
    rerun.report.existing === Number(first.report.existing) + Number(first.report.issued);
  return (
    `${String(first.report.customers)} monthly customers for ${scale.month}: ${String(first.report.issued)} issued, ${String(first.report.existing)} already ` +
    `(${String(first.report.nothingToInvoice)} with nothing to invoice) in ${first.seconds.toFixed(1)} s; rerun ${String(rerun.report.issued)} issued, ${String(rerun.report.existing)} already in ${rerun.seconds.toFixed(1)} s; ` +
    `${ok ? 'OK' : 'MISMATCH'}: expected ${scale.newMonthly} issued, then none`
  );
}

/** Every active customer, read page by page as before the due key: the reference the key's reads must equal. */
async function everyActiveCustomer(db: Firestore): Promise<SafetyReminderCandidate[]> {
  const all: SafetyReminderCandidate[] = [];
  for await (const page of firestoreSafetyInspectionStore(db).activeCandidates(500)) all.push(...page);
  return all;
}

/** Runs timed per figure: the median of three. */
const RUNS = 3;
const medianOf = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** `read` timed `runs` times, logged; the median in ms. */
async function medianRead(what: string, read: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await read();
    ms.push(performance.now() - t0);
  }
  log(`  ${what}: ${ms.map((m) => m.toFixed(0)).join(', ')} ms, median ${medianOf(ms).toFixed(0)} ms`);
  return medianOf(ms);
}

/**
 * 安全檢查通知 at `SCALE`: the daily job's first run, which tells whoever is due, then three reruns, which find them told
 * (the job's daily cost once the due are reminded; the median printed), and the store reads alone: every active customer
 * (the job's read before the due key) against the key's counts and pages. The check: the first run's report equals what
 * the domain decides from every active customer, and each rerun tells nobody and counts those the first told as told.
 */
async function safetyReminders(run: Run): Promise<string> {
  const scale = await run.scale();
  const store = firestoreSafetyInspectionStore(run.db);
  const skipped: Record<string, number> = {};
  let toTell = 0;
  const everyone = await everyActiveCustomer(run.db);
  for (const candidate of everyone) {
    const decision = safetyReminderFor(candidate, run.today);
    if (typeof decision === 'string') skipped[decision] = (skipped[decision] ?? 0) + 1;
    else toTell++;
  }
  const sorted = (o: unknown) => JSON.stringify(Object.entries((o ?? {}) as Record<string, number>).sort(([a], [b]) => a.localeCompare(b)));
  const expected = { considered: everyone.length, reminded: toTell, skipped: sorted(skipped), missingDueKey: 0 };
  const afterFirst = sorted({ ...skipped, ALREADY_REMINDED: (skipped.ALREADY_REMINDED ?? 0) + toTell });
  const dueBy = safetyRemindDueBy(run.today);
  const everyRead = await medianRead('every active customer read (the job before the key)', () => everyActiveCustomer(run.db));
  const keyRead = await medianRead('the counts and the due read by safetyDueKey (the job now)', async () => {
    await store.dueKeyCounts(dueBy);
    let due = 0;
    for await (const page of store.candidatesDueBy(dueBy, 500)) due += page.length;
    return due;
  });
  const first = await timedJob(run, 'safety-reminders', {});
  const same = (r: Record<string, unknown>, reminded: number, skips: string) =>
    r.considered === expected.considered && r.reminded === reminded && sorted(r.skipped) === skips && r.missingDueKey === expected.missingDueKey;
  const reruns: number[] = [];
  let rerunsOk = true;
  for (let i = 0; i < RUNS; i++) {
    const rerun = await timedJob(run, 'safety-reminders', {});
    reruns.push(rerun.seconds);
    rerunsOk &&= same(rerun.report, 0, afterFirst);
  }
  return (
    `${String(first.report.considered)} active of ${scale.customers} customers: first run ${String(first.report.reminded)} told, skipped ${sorted(first.report.skipped)} in ${first.seconds.toFixed(1)} s; ` +
    `reruns (${reruns.map((s) => s.toFixed(2)).join(', ')} s) median ${medianOf(reruns).toFixed(2)} s; reads alone (median): every active customer ${everyRead.toFixed(0)} ms, by the key ${keyRead.toFixed(0)} ms; ` +
    `${same(first.report, expected.reminded, expected.skipped) && rerunsOk ? 'OK' : 'MISMATCH'}: expected ${expected.reminded} told, skipped ${expected.skipped}, then none told`
  );
}

/** Requests timed one at a time for the drivers' cash month and its busiest day: the median of five. */
const SETTLEMENT_RUNS = 5;

/**
 * 司機現金月報 of last month against 司機日結 of its busiest day, each asked `SETTLEMENT_RUNS` times one at a time (a
 * month takes seconds, too long for the load's figures to say much). The check: the busiest day's hand-ins due and
 * received, per driver, are the day's own.
 */
async function settlementsMonth(run: Run): Promise<string> {
  const month = addDays(`${run.today.slice(0, 7)}-01`, -1).slice(0, 7);
  const get = async (path: string): Promise<Answer> => {
    const answer = await call(`${run.url}${path}`, 'GET', run.office);
    if (answer.status !== 200) throw new Error(`settlements-month: GET ${path} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer;
  };
  const monthPath = `/api/settlements/month?month=${month}`;
  const monthMs = await medianRead(`GET ${monthPath}`, () => get(monthPath), SETTLEMENT_RUNS);
  type MonthDay = { date: string; due: number; handedIn: number | null };
  const drivers = (await get(monthPath)).body.drivers as { driverId: string; days: MonthDay[] }[];
  const rows = drivers.flatMap((d) => d.days.map((day) => ({ ...day, driverId: d.driverId })));
  const dueOn = new Map<string, number>();
  for (const r of rows) dueOn.set(r.date, (dueOn.get(r.date) ?? 0) + r.due);
  const busiest = [...dueOn].sort(([, a], [, b]) => b - a)[0]?.[0];
  if (!busiest) throw new Error(`settlements-month: nothing delivered in ${month}`);
  const dayPath = `/api/settlements?date=${busiest}`;
  const dayMs = await medianRead(`GET ${dayPath}`, () => get(dayPath), SETTLEMENT_RUNS);
  type DayRow = { driverId: string; cash: { collected: number }; deposits: { collected: number }; settlement: { cashReceived: number } | null };
  const dayRows = ((await get(dayPath)).body.drivers as DayRow[]).map((r) => `${r.driverId} ${r.cash.collected + r.deposits.collected} ${r.settlement?.cashReceived ?? null}`);
  const monthRows = rows.filter((r) => r.date === busiest).map((r) => `${r.driverId} ${r.due} ${r.handedIn}`);
  const same = JSON.stringify(dayRows) === JSON.stringify(monthRows);
  return (
    `${month}: ${drivers.length} drivers, ${rows.length} driver-days; one at a time (median of ${SETTLEMENT_RUNS}) the month ${monthMs.toFixed(0)} ms, ` +
    `its busiest day ${busiest} ${dayMs.toFixed(0)} ms; ${same ? 'OK' : 'MISMATCH'}: the day's hand-ins due and received per driver ${same ? 'are' : 'are not'} the month's`
  );
}

/**
 * 司機統計 (GET /api/settlements/period) for last week and for last month, each asked `SETTLEMENT_RUNS` times one at a time:
 * both read six months of deliveries' cash for the 短溢, so a week should cost less than a month. The check: each driver's
 * 短溢 of last month is 司機現金月報's.
 */
async function driverPeriodScenario(run: Run): Promise<string> {
  const month = addDays(`${run.today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monday = addDays(run.today, -((new Date(`${run.today}T00:00:00Z`).getUTCDay() + 6) % 7) - 7);
  const get = async (path: string): Promise<Answer> => {
    const answer = await call(`${run.url}${path}`, 'GET', run.office);
    if (answer.status !== 200) throw new Error(`driver-period: GET ${path} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer;
  };
  const weekPath = `/api/settlements/period?from=${monday}&to=${addDays(monday, 6)}`;
  const monthPath = `/api/settlements/period?from=${month}-01&to=${addDays(`${run.today.slice(0, 7)}-01`, -1)}`;
  const weekMs = await medianRead(`GET ${weekPath}`, () => get(weekPath), SETTLEMENT_RUNS);
  const monthMs = await medianRead(`GET ${monthPath}`, () => get(monthPath), SETTLEMENT_RUNS);
  type PeriodDriver = { driverId: string; cash: { month: string; difference: number }[] };
  const drivers = (await get(monthPath)).body.drivers as PeriodDriver[];
  const cashMonth = new Map(((await get(`/api/settlements/month?month=${month}`)).body.drivers as { driverId: string; totals: { difference: number } }[]).map((d) => [d.driverId, d.totals.difference]));
  const period = drivers.map((d) => `${d.driverId} ${d.cash.find((c) => c.month === month)?.difference}`);
  const expected = drivers.map((d) => `${d.driverId} ${cashMonth.get(d.driverId) ?? 0}`);
  const same = JSON.stringify(period) === JSON.stringify(expected);
  return (
    `one at a time (median of ${SETTLEMENT_RUNS}) the week from ${monday} ${weekMs.toFixed(0)} ms, ${month} ${monthMs.toFixed(0)} ms; ` +
    `${same ? 'OK' : 'MISMATCH'}: ${period.length} drivers' 短溢 of ${month} ${same ? 'are' : 'are not'} 司機現金月報's`
  );
}

const CODE_REQUEST_PAIRS = 40;

/**
 * 忘記密碼 requests one at a time, alternating a customer's username (a code goes out) and an unknown one (nothing does):
 * whether a code goes out must not show in how long the answer takes. The counters are emptied between requests (all
 * come from one address here) and each waits for the stack to be idle, so the texting of one (sendCodes, in this
 * process locally, its own instance deployed) does not slow the next.
 */
async function codeRequestTiming(run: Run): Promise<Outcome> {
  const took: Record<'customer' | 'unknown', number[]> = { customer: [], unknown: [] };
  for (let i = 0; i < 2 * CODE_REQUEST_PAIRS; i += 1) {
    const who = i % 2 === 0 ? 'customer' : 'unknown';
    await run.db.recursiveDelete(run.db.collection('loginThrottle'));
    await settle(run);
    const t0 = performance.now();
    const answer = await call(`${run.url}/api/auth/password-reset`, 'POST', undefined, { username: who === 'customer' ? 'customer1' : `nobody-${i}` });
    took[who].push(performance.now() - t0);
    if (answer.status !== 202 || answer.body.codeValidForMinutes !== 10) throw new Error(`code-request: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  const p = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] as number;
  const line = (who: 'customer' | 'unknown') => `${who} p50 ${p(took[who], 0.5).toFixed(1)} ms, p90 ${p(took[who], 0.9).toFixed(1)} ms`;
  return `${CODE_REQUEST_PAIRS} pairs of 忘記密碼 requests, all 202; ${line('customer')}; ${line('unknown')}; median ratio ${(p(took.customer, 0.5) / p(took.unknown, 0.5)).toFixed(2)}`;
}

const sizes = (s: Scale) => `${s.customers} customers, ${s.cylinders} cylinders, ${s.periodInvoices} invoices in ${s.period}`;

/** A scenario's rows: figures, or a line for a one-shot timing or a skip. */
type Outcome = ScenarioFigures | string;

const SCENARIOS: Readonly<Record<string, (run: Run) => Promise<Outcome | readonly Outcome[]>>> = {
  'orders-list': (run) =>
    getScenario(run, 'orders-list', `/api/orders?date=${run.today}`, run.office, (a) => {
      const list = items(a);
      if (list.length === 0 || list.some((o) => o.requestedDate !== run.today)) throw new Error(`orders-list: expected orders of ${run.today}`);
      return `${list.length} orders of ${run.today} per page`;
    }),
  'customers-search': (run) =>
    getScenario(run, 'customers-search', `/api/customers?q=${encodeURIComponent(run.opts.search)}`, run.office, (a) => {
      const found = items(a);
      if (found.length === 0) throw new Error(`customers-search: nothing found for "${run.opts.search}"`);
      return `${found.length} customers for "${run.opts.search}" per page`;
    }),
  'settlements-day': (run) => {
    const yesterday = addDays(run.today, -1);
    return getScenario(run, 'settlements-day', `/api/settlements?date=${yesterday}`, run.office, (a) => {
      const drivers = (a.body.drivers ?? []) as { stops: { delivered: number } }[];
      const delivered = drivers.reduce((sum, d) => sum + d.stops.delivered, 0);
      if (delivered === 0) throw new Error(`settlements-day: no deliveries on ${yesterday}`);
      return `${drivers.length} drivers, ${delivered} deliveries on ${yesterday}`;
    });
  },
  'settlements-month': settlementsMonth,
  'driver-period': driverPeriodScenario,
  'statement-month': async (run) => {
    const month = addDays(`${run.today.slice(0, 7)}-01`, -1).slice(0, 7);
    const customerId = await busiestCustomer(run.db, month);
    return getScenario(run, 'statement-month', `/api/statements/${customerId}?month=${month}`, run.office, (a) => {
      const lines = (a.body.lines ?? []) as unknown[];
      if (lines.length === 0) throw new Error(`statement-month: no deliveries to ${customerId} in ${month}`);
      return `${lines.length} deliveries to ${customerId} in ${month}`;
    });
  },
  'receivables-list': async (run) => {
    const t0 = performance.now();
    const job = await call(`${run.url}/api/jobs/receivables`, 'POST', run.admin, {}, undefined, JOB_LIMIT_MS);
    if (job.status !== 200) return `skipped: POST /api/jobs/receivables answered ${job.status} ${JSON.stringify(job.body).slice(0, 200)}`;
    log(`  receivables job: ${String(job.body.customers)} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The 催款 run reads the fresh ledger: the first sends, the second finds everything sent.
    for (const round of ['first', 'rerun']) {
      const t1 = performance.now();
      const reminders = await call(`${run.url}/api/jobs/payment-reminders`, 'POST', run.admin, {}, undefined, JOB_LIMIT_MS);
      log(`  payment-reminders job (${round}): ${JSON.stringify(reminders.body).slice(0, 160)} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    }
    return getScenario(run, 'receivables-list', '/api/receivables', run.office, (a) => {
      const lines = items(a);
      if (lines.length === 0) throw new Error('receivables-list: nobody on the ledger');
      return `${lines.length} on the ledger, ${lines.filter((r) => Number(r.balance) > 0).length} owing, ${lines.filter((r) => r.lastReminder).length} reminded`;
    });
  },
  'customer-balance': async (run) => {
    // The balance the order form reads for a picked customer: the one owing most, so the aging reads the most months.
    const top = (await run.db.collection('receivables').orderBy('balance', 'desc').limit(1).get()).docs[0];
    if (!top) return 'skipped: no receivables ledger (run receivables-list first)';
    return getScenario(run, 'customer-balance', `/api/customers/${top.id}/balance`, run.office, (a) => {
      if (typeof a.body.overdue !== 'number') throw new Error(`customer-balance: ${JSON.stringify(a.body)}`);
      return `${top.id}: balance ${String(a.body.balance)}, overdue ${String(a.body.overdue)}`;
    });
  },
  'order-create': orderCreate,
  'code-request': codeRequestTiming,
  'order-replay': orderReplay,
  'predictions-due': predictionsDue,
  health: (run) =>
    getScenario(run, 'health', '/api/health', '', (a) => {
      if (a.body.status !== 'ok') throw new Error(`health: ${JSON.stringify(a.body)}`);
      return `status ok (${Object.keys(a.body.checks as object).join(', ')})`;
    }),
  // From here on the data set is topped up to SCALE (the first of these does it, once): the scenarios above keep the demo's size.
  'safety-due': async (run) => {
    const scale = await run.scale();
    await timedRead('the store read (a page by safetyDueKey and the count)', () => firestoreSafetyInspectionStore(run.db).dueRange(dueRangeOf(run.today, { withinDays: DUE_SOON_DAYS, limit: 20 })));
    // The page as worked out from every active customer, the way the list was served before the key: the key's must equal it.
    const expected = dueListPage(await everyActiveCustomer(run.db), run.today, { withinDays: DUE_SOON_DAYS, limit: 20 });
    return getScenario(run, 'safety-due', '/api/safety-inspections/due', run.office, (a) => {
      if (typeof a.body.total !== 'number' || a.body.total === 0 || items(a).length === 0) throw new Error(`safety-due: ${JSON.stringify(a.body).slice(0, 300)}`);
      if (a.body.total !== expected.total || JSON.stringify(a.body.items) !== JSON.stringify(expected.items)) {
        throw new Error(`safety-due: every active customer gives ${expected.total} due, first ${expected.items[0]?.code}; answered ${JSON.stringify(a.body).slice(0, 300)}`);
      }
      return `${a.body.total} of ${scale.customers} customers due within 30 days or never inspected, ${items(a).length} per page`;
    });
  },
  'safety-reminders': safetyReminders,
  cylinders: async (run) => {
    const scale = await run.scale();
    await timedRead('the store read (30 count() aggregates side by side)', () => firestoreCylinderRegisterStore(run.db).summaryCounts(summaryCounts(run.today)));
    const summary = await getScenario(run, 'cylinders-summary', '/api/cylinders/summary', run.office, (a) => {
      const all = a.body.all as Record<string, number> | undefined;
      if (a.body.total !== scale.cylinders || !all) throw new Error(`cylinders-summary: ${scale.cylinders} registered, answered ${JSON.stringify(a.body).slice(0, 300)}`);
      return `${String(a.body.total)} cylinders: ${all.inService} in service, ${all.overdue} overdue, ${all.dueWithin30} due within 30 days`;
    });
    const due = await getScenario(run, 'cylinders-due', '/api/cylinders?dueWithinDays=30', run.office, (a) => {
      const list = items(a);
      if (list.length === 0 || list.some((c) => String(c.nextInspectionDue) > addDays(run.today, 30))) throw new Error(`cylinders-due: ${JSON.stringify(a.body).slice(0, 300)}`);
      return `${list.length} cylinders due within 30 days or overdue per page (of ${scale.cylinders})`;
    });
    return [summary, due];
  },
  'invoices-period': async (run) => {
    const scale = await run.scale();
    const store = firestoreInvoiceStore(run.db);
    await timedRead('the page read (50 invoices)', () => store.list({ period: scale.period, limit: 50 }));
    await timedRead('the totals read (2 aggregate queries)', () => store.totals({ period: scale.period }));
    return getScenario(run, 'invoices-period', `/api/invoices?period=${encodeURIComponent(scale.period)}`, run.office, (a) => {
      const totals = a.body.totals as { count: number; voidCount: number; totalAmount: number } | undefined;
      if (!totals || totals.count + totals.voidCount !== scale.periodInvoices || items(a).length === 0) throw new Error(`invoices-period: ${scale.periodInvoices} in ${scale.period}, answered ${JSON.stringify(totals)}`);
      return `${items(a).length} per page; totals of ${scale.period}: ${totals.count} issued, NT$${totals.totalAmount.toLocaleString('en')}, ${totals.voidCount} void`;
    });
  },
  'monthly-sales': async (run) => {
    const scale = await run.scale();
    await timedRead("the month's deliveries read", () => firestoreSalesStore(run.db).deliveredIn(scale.month));
    return getScenario(run, 'monthly-sales', `/api/reports/monthly?month=${scale.month}`, run.office, (a) => {
      const totals = a.body.totals as { orders: number; cylinders: number; revenue: number } | undefined;
      if (!totals || totals.orders === 0) throw new Error(`monthly-sales: ${JSON.stringify(a.body).slice(0, 300)}`);
      return `${scale.month}: ${totals.orders} deliveries, ${totals.cylinders} cylinders, NT$${totals.revenue.toLocaleString('en')} (${sizes(scale)})`;
    });
  },
  'monthly-invoices': monthlyInvoices,
  // Last: it adds 1,000 customers, which the scaled scenarios would otherwise count.
  'customer-import': customerImport,
};

/** Forks the stack and resolves once it is seeded and serving. */
function startStack(): { child: ChildProcess; ready: Promise<BenchStackReady> } {
  const child = fork(path.join(__dirname, 'bench-stack.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise<BenchStackReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The stack did not start within 10 minutes')), STACK_START_LIMIT_MS);
    child.on('message', (m: BenchStackMessage) => {
      clearTimeout(timer);
      if ('ready' in m) resolve(m.ready);
      else reject(new Error(`The stack failed to start: ${m.failed}`));
    });
    child.on('exit', (code) => reject(new Error(`The stack exited (${code}) before it was ready`)));
  });
  return { child, ready };
}

function stopStack(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const only = args.options.get('only')?.split(',');
  const unknown = only?.filter((name) => !(name in SCENARIOS)) ?? [];
  if (unknown.length > 0) throw new Error(`--only takes a comma-separated list of ${Object.keys(SCENARIOS).join(', ')}; not ${unknown.join(', ')}`);
  const names = only ?? Object.keys(SCENARIOS);
  const opts = {
    duration: numberOption(args, 'duration', 10),
    connections: numberOption(args, 'connections', 10),
    search: args.options.get('q') ?? '陳',
  };
  const cpu = cpus();
  log(`machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  log('stack:   gateway + functions in one Node process, Firestore and Pub/Sub emulators (emulator figures, not production)');
  log(`load:    autocannon, ${opts.connections} connections, ${opts.duration} s per scenario; latencies in ms, req/s median and mean of the per-second counts`);

  const t0 = performance.now();
  const { child, ready } = startStack();
  const stopping = () => void stopStack(child).then(() => process.exit(130));
  process.once('SIGINT', stopping);
  process.once('SIGTERM', stopping);
  let db: Firestore | undefined;
  try {
    const stack = await ready;
    log(`stack ready in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${stack.url}`);
    // The checks' own client; no GCE metadata server here, as in the stack.
    Object.assign(process.env, { FIRESTORE_EMULATOR_HOST: stack.firestoreHost, METADATA_SERVER_DETECTION: 'none' });
    db = new Firestore({ projectId: stack.projectId });
    const today = taipeiDate(new Date());
    const office = await login(stack.url, 'office', stack.demoPassword);
    let scaled: Promise<Scale> | undefined;
    const run: Run = {
      url: stack.url,
      db,
      office,
      admin: await login(stack.url, 'admin', stack.demoPassword),
      today,
      scale: () => {
        scaled ??= scaleUp(db as Firestore, (p, body, key) => call(`${stack.url}${p}`, 'POST', office, body, key, JOB_LIMIT_MS), today, log);
        return scaled;
      },
      opts,
    };
    const rows: ScenarioFigures[] = [];
    for (const name of names) {
      log(`${name}…`);
      const outcomes = await (SCENARIOS[name] as (run: Run) => Promise<Outcome | readonly Outcome[]>)(run);
      for (const outcome of Array.isArray(outcomes) ? outcomes : [outcomes]) {
        if (typeof outcome === 'string') log(`  ${name} ${outcome}`);
        else rows.push(outcome);
      }
    }
    if (scaled) {
      const s = await scaled;
      log(`scaled to ${sizes(s)}, ${s.monthly} on 月結 (targets ${JSON.stringify(SCALE)}) in ${s.seconds.toFixed(1)} s`);
    }
    log('');
    log(formatTable(rows));
  } finally {
    await db?.terminate();
    await stopStack(child);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`\nbench:api failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
