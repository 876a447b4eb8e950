import type { Firestore } from '@google-cloud/firestore';
import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import type { Customer } from '../../domain/customers';
import type { Order } from '../../domain/orders';
import type { apiClient, Json } from './api-client';
import { aConfirmedOrder, aNearbyCustomer, DEPOT, FLEET } from '../../domain/routes/test-support/fleet-mother';

/** A planning day three days ahead: the depot, two trucks with drivers drv-1/drv-2, and five customers with a confirmed order each. */
export function planningDay() {
  const date = addDays(taipeiDate(new Date()), 3);
  const customers = [1, 2, 3, 4, 5].map((k) => aNearbyCustomer(`cust-${k}`, k));
  const orders = customers.map((c, i) => aConfirmedOrder(`ord-${i + 1}`, c, date, i === 0 ? { items: [{ size: 50, quantity: 1 }] } : {}));
  return { date, depot: DEPOT, ...FLEET, customers, orders };
}
export type PlanningDay = ReturnType<typeof planningDay>;

/** Writes the day straight into Firestore, as the seed would. */
export async function seedPlanningDay(db: Firestore, day: PlanningDay, extra: { customers?: Customer[]; orders?: Order[] } = {}): Promise<void> {
  const batch = db.batch();
  batch.set(db.collection('depots').doc(day.depot.id), day.depot);
  for (const v of day.vehicles) batch.set(db.collection('vehicles').doc(v.id), v);
  for (const d of day.drivers) batch.set(db.collection('drivers').doc(d.id), d);
  for (const c of [...day.customers, ...(extra.customers ?? [])]) batch.set(db.collection('customers').doc(c.id), c);
  for (const o of [...day.orders, ...(extra.orders ?? [])]) batch.set(db.collection('orders').doc(o.id), { ...o, version: 1 });
  await batch.commit();
}

/** Polls until `check` returns a value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | null | undefined>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Asks the office's planning (POST /api/optimize) and waits for its job: the job as it finished and the draft routes it made. */
export async function planAndWait(call: ReturnType<typeof apiClient>, db: Firestore, body: Json): Promise<{ job: Json; routes: Json[] }> {
  const started = await call('POST', '/api/optimize', { as: 'office', body });
  if (started.status !== 202) throw new Error(`planning refused: ${started.status} ${JSON.stringify(started.body)}`);
  const job = await eventually(async () => {
    const j = (await db.collection('optimizationJobs').doc(started.body.jobId).get()).data() as Json;
    return j.status === 'succeeded' ? j : null;
  }, 25_000);
  const routes = (await db.collection('routes').where('jobId', '==', job.id).get()).docs.map((d) => d.data() as Json);
  return { job, routes };
}
