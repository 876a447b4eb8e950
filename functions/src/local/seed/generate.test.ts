import { addDays, daysBetween } from '../../domain/calendar';
import { paymentSchema } from '../../domain/billing';
import { closureOn, closureSchema } from '../../domain/closures';
import { complaintSchema, customerSchema, isValidPhone } from '../../domain/customers';
import { taipeiDate, taipeiDateTime } from '../../domain/clock';
import { isFailureReasonCode } from '../../domain/notifications';
import { createOrder, createOrderInputSchema, orderSchema, ORDER_STATUSES, type Order } from '../../domain/orders';
import { customerPriceList, priceFor } from '../../domain/pricing';
import { sameDayCutoffFor } from '../../domain/routes';
import { exampleOf } from '../../domain/schema';
import { userSchema, verifyPassword } from '../../domain/users';
import { isLunarHoliday, isSummer, isWinter, lunarNewYearsEve } from './calendar-effects';
import { districtByName, isInDistrict } from './districts';
import { generateDemoData, generateDemoWorld, generateOrderHistory, type DemoData } from './generate';

const TODAY = '2026-11-28';
let data: DemoData;

/** Generation takes a second or two; the 2-core machine may be busy with other suites. */
const SLOW_MS = 60_000;

beforeAll(async () => {
  data = await generateDemoData({ today: TODAY });
}, SLOW_MS);

const kg = (o: Order): number => o.items.reduce((s, l) => s + l.size * l.quantity, 0);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const delivered = (): Order[] => data.orders.filter((o) => o.status === 'delivered');

function intervalsByCustomer(type: string): number[] {
  const ids = new Set(data.customers.filter((c) => c.type === type).map((c) => c.id));
  const dates = new Map<string, string[]>();
  for (const o of delivered()) if (ids.has(o.customerId)) dates.set(o.customerId, [...(dates.get(o.customerId) ?? []), o.requestedDate]);
  return [...dates.values()].map((ds) => {
    const sorted = [...ds].sort();
    return median(sorted.slice(1).map((d, i) => daysBetween(sorted[i] as string, d)));
  });
}

describe('generateDemoData', () => {
  it('is deterministic: the same seed and day give identical data', async () => {
    const again = await generateDemoData({ today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  }, SLOW_MS);

  it('changes with the seed', () => {
    const other = generateDemoWorld({ today: TODAY, seed: 'another' });
    expect(other.customers.map((c) => c.name)).not.toEqual(data.customers.map((c) => c.name));
  }, SLOW_MS);

  it('has ≥300 valid customers of every type, with valid phones', () => {
    expect(data.customers.length).toBeGreaterThanOrEqual(300);
    expect(new Set(data.customers.map((c) => c.type))).toEqual(new Set(['household', 'restaurant', 'commercial', 'industrial']));
    for (const c of data.customers) {
      expect(customerSchema.safeParse(c).error).toBeUndefined();
      for (const p of c.phones) expect(isValidPhone(p)).toBe(true);
    }
  });

  it("places every customer inside its district's area, on one of its roads", () => {
    for (const c of data.customers) {
      const d = districtByName(c.address.district);
      expect(d.city).toBe(c.address.city);
      expect(d.roads.map((r) => r.name)).toContain(c.address.road);
      expect(c.location && isInDistrict(d, c.location)).toBe(true);
    }
  });

  it('uses unique ids in every collection', () => {
    const all = [
      ...data.customers.map((c) => c.id),
      ...[...data.orders, ...data.upcomingOrders].map((o) => o.id),
      ...data.users.map((u) => u.uid),
      ...data.drivers.map((d) => d.id),
      ...data.vehicles.map((v) => v.id),
      ...data.depots.map((d) => d.id),
      ...data.priceList.map((p) => p.id),
      ...data.routes.map((r) => r.id),
    ];
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(data.customers.map((c) => c.code)).size).toBe(data.customers.length);
  });

  it('stores only valid orders, priced from the price list as each customer pays it (合約價), with timelines in time order', () => {
    const terms = new Map(data.customers.map((c) => [c.id, customerPriceList(data.priceList, c.contractPrices)]));
    for (const o of [...data.orders, ...data.upcomingOrders]) {
      expect(orderSchema.safeParse(o).error).toBeUndefined();
      for (const l of o.items) expect(l.unitPrice).toBe(priceFor(terms.get(o.customerId) ?? [], l.size, o.requestedDate));
      const times = o.timeline.map((e) => e.at);
      expect([...times].sort()).toEqual(times);
    }
  });

  it('puts a 50 kg restaurant on a discount, a factory on a fixed 50 kg price for a year and a 20 kg restaurant on a discount since the last 調價, their orders since priced from them', () => {
    const onContract = data.customers.filter((c) => c.contractPrices);
    expect(onContract.map((c) => [c.id, c.name, c.contractPrices])).toEqual([
      ['cust-0003', '寶島薑母鴨', [{ size: 50, kind: 'discount', amount: 100, effectiveFrom: '2026-05-01', note: 'C-2026-014 餐廳年約' }]],
      ['cust-0010', '新月小吃店', [{ size: 20, kind: 'discount', amount: 30, effectiveFrom: '2026-10-01', note: 'C-2026-031' }]],
      ['cust-0025', '金鼎食品廠', [{ size: 50, kind: 'fixed', amount: 1870, effectiveFrom: '2026-08-01', effectiveTo: '2027-07-31', note: 'C-2026-022 工廠一年固定價' }]],
    ]);
    const paid = (id: string, from: string) =>
      [...new Set([...data.orders, ...data.upcomingOrders].filter((o) => o.customerId === id && o.requestedDate >= from).flatMap((o) => o.items.map((l) => l.unitPrice - priceFor(data.priceList, l.size, o.requestedDate))))];
    // What each pays under the list that day: 100 and 30 off it, and the fixed NT$1,870 under a list of NT$1,990 then NT$2,040.
    expect([paid('cust-0003', '2026-05-01'), paid('cust-0010', '2026-10-01'), paid('cust-0025', '2026-08-01')]).toEqual([[-100], [-30], [-120, -170]]);
    expect(paid('cust-0003', '2025-01-01')).toContain(0);
  });

  it('covers 12 months ending yesterday with only finished orders', () => {
    const dates = data.orders.map((o) => o.requestedDate).sort();
    expect(dates[0]).toBe(addDays(TODAY, -365));
    expect(dates.at(-1)).toBe(addDays(TODAY, -1));
    expect(new Set(data.orders.map((o) => o.status))).toEqual(new Set(['delivered', 'failed', 'cancelled']));
  });

  it('gives households a refill every 3–6 weeks and restaurants at least weekly (medians)', () => {
    expect(median(intervalsByCustomer('household'))).toBeGreaterThanOrEqual(21);
    expect(median(intervalsByCustomer('household'))).toBeLessThanOrEqual(42);
    expect(median(intervalsByCustomer('restaurant'))).toBeLessThanOrEqual(7);
  });

  it('varies how many cylinders a multi-cylinder customer swaps per call, never beyond what is on site', () => {
    const onSite = new Map(data.customers.map((c) => [c.id, new Map(c.cylindersOnSite.map((l) => [l.size, l.count]))]));
    const counts = new Map<string, Set<number>>();
    for (const o of delivered()) {
      for (const line of o.items) {
        expect(line.quantity).toBeLessThanOrEqual(onSite.get(o.customerId)?.get(line.size) ?? 0);
        const key = `${o.customerId}|${line.size}`;
        counts.set(key, (counts.get(key) ?? new Set()).add(line.quantity));
      }
    }
    const varying = [...counts.values()].filter((quantities) => quantities.size > 1).length;
    expect(varying).toBeGreaterThan(20);
    expect(varying).toBeLessThan(counts.size / 2);
  });

  it('sells more gas in winter than in summer', () => {
    const sum = (pred: (d: string) => boolean) => delivered().filter((o) => pred(o.requestedDate)).reduce((s, o) => s + kg(o), 0);
    expect(sum(isWinter)).toBeGreaterThan(1.2 * sum(isSummer));
  });

  it('rushes before the Lunar New Year and pauses during the holiday', () => {
    const eve = lunarNewYearsEve(2026) as string;
    const inRange = (from: string, days: number) =>
      delivered().filter((o) => o.requestedDate >= from && o.requestedDate < addDays(from, days)).reduce((s, o) => s + kg(o), 0);
    expect(delivered().filter((o) => isLunarHoliday(o.requestedDate))).toEqual([]);
    expect(inRange(addDays(eve, -14), 14)).toBeGreaterThan(1.2 * inRange(addDays(eve, -42), 14));
  });

  it('closes for 春節 (除夕 and the holiday days after) every year of the history and the next, with no order on those days', () => {
    expect(data.closures.map((c) => [c.name, c.from, c.to])).toEqual([
      ['春節', '2025-01-28', '2025-02-01'],
      ['春節', '2026-02-16', '2026-02-20'],
      ['春節', '2027-02-05', '2027-02-09'],
    ]);
    for (const c of data.closures) {
      expect(closureSchema.safeParse(c).success).toBe(true);
      expect(Date.parse(c.createdAt)).toBeLessThan(Date.parse(`${TODAY}T00:00:00+08:00`));
    }
    for (let d = data.historyStart; d <= '2027-12-31'; d = addDays(d, 1)) expect(!!closureOn(data.closures, d)).toBe(isLunarHoliday(d));
    expect([...data.orders, ...data.upcomingOrders].filter((o) => closureOn(data.closures, o.requestedDate))).toEqual([]);
  });

  it('lets about 8% of customers churn, with no orders after they stop', () => {
    const churned = Object.entries(data.churned);
    expect(churned.length / data.customers.length).toBeGreaterThan(0.04);
    expect(churned.length / data.customers.length).toBeLessThan(0.13);
    for (const [id, last] of churned) expect(data.orders.filter((o) => o.customerId === id && o.requestedDate > last)).toEqual([]);
  });

  it('has complaints the office recorded, mostly in the two months before a customer stopped ordering', () => {
    const ids = new Set(data.customers.map((c) => c.id));
    expect(data.complaints.length).toBeGreaterThan(5);
    expect(new Set(data.complaints.map((c) => c.id)).size).toBe(data.complaints.length);
    for (const complaint of data.complaints) {
      expect(complaintSchema.parse(complaint)).toEqual(complaint);
      expect(ids.has(complaint.customerId)).toBe(true);
      const stopped = data.churned[complaint.customerId];
      if (stopped) expect(daysBetween(taipeiDate(new Date(complaint.at)), stopped)).toBeGreaterThanOrEqual(5);
    }
    const churnedShare = Object.keys(data.churned).length / data.customers.length;
    const complainedAndChurned = data.complaints.filter((c) => data.churned[c.customerId]).length / data.complaints.length;
    expect(complainedAndChurned).toBeGreaterThan(2 * churnedShare);
  });

  it('has monthly-account customers paying each month\'s deliveries in the next month, a few short (made up the month after), none paying ahead', () => {
    const terms = new Map(data.customers.map((c) => [c.id, c.paymentTerms]));
    // A branch's deliveries are its head office's to pay (分店／總公司付款).
    const payerOf = new Map(data.customers.map((c) => [c.id, c.payerId ?? c.id]));
    expect(data.payments.length).toBeGreaterThan(100);
    const owed = new Map<string, number>();
    for (const o of delivered()) {
      if (terms.get(o.customerId) === 'cash') continue;
      const key = `${payerOf.get(o.customerId)} ${taipeiDate(new Date(o.delivery!.at)).slice(0, 7)}`;
      owed.set(key, (owed.get(key) ?? 0) + o.total - o.delivery!.cashCollected);
    }
    const owedUpTo = (customerId: string, month: string) =>
      [...owed.entries()].filter(([k]) => k.startsWith(`${customerId} `) && k.slice(-7) <= month).reduce((sum, [, v]) => sum + v, 0);
    const paidUpTo = new Map<string, number>();
    let short = 0;
    for (const p of [...data.payments].sort((a, b) => a.id.localeCompare(b.id))) {
      expect(paymentSchema.parse(p)).toEqual(p);
      expect(terms.get(p.customerId)).not.toBe('cash');
      expect(p.receivedOn <= addDays(TODAY, -1)).toBe(true);
      const month = p.id.slice(-7);
      // Paid in the month after the deliveries (or a few weeks later), never ahead of what was delivered.
      expect(p.receivedOn > `${month}-31`).toBe(true);
      const paid = (paidUpTo.get(p.customerId) ?? 0) + p.amount;
      paidUpTo.set(p.customerId, paid);
      expect(paid).toBeLessThanOrEqual(owedUpTo(p.customerId, month));
      if (paid < owedUpTo(p.customerId, month)) short++;
    }
    expect(short).toBeGreaterThan(0);
    expect(short).toBeLessThan(data.payments.length / 5);
  });

  it('has one restaurant chain: a head office on 月結 with a 統一編號 paying for three branches, whose months are invoiced and paid at the head office', () => {
    const branches = data.customers.filter((c) => c.payerId);
    const head = data.customers.find((c) => c.id === branches[0]?.payerId);
    expect(head).toMatchObject({ name: '鼎豐小館 總店', paymentTerms: 'monthly', invoice: { taxId: '24536806', companyTitle: '鼎豐餐飲股份有限公司' } });
    expect(branches).toHaveLength(3);
    for (const b of branches) {
      expect(b).toMatchObject({ payerId: head?.id, paymentTerms: 'monthly', type: 'restaurant' });
      expect(b.name).toMatch(/^鼎豐小館 \S+店$/);
      expect(data.payments.filter((p) => p.customerId === b.id)).toEqual([]);
    }
    const branchMonths = data.invoices.filter((i) => branches.some((b) => b.id === i.customer.id) && 'month' in i.source);
    expect(branchMonths.length).toBeGreaterThan(0);
    for (const i of branchMonths) expect(i.buyer).toEqual({ type: 'business', taxId: '24536806', title: '鼎豐餐飲股份有限公司' });
    expect(data.users.find((u) => u.username === 'chain')).toMatchObject({ role: 'customer', customerId: head?.id });
  });

  it('has a few failed deliveries, their reasons mostly codes picked on the phone, each redone within a week', () => {
    const failed = data.orders.filter((o) => o.status === 'failed');
    expect(failed.length).toBeGreaterThan(10);
    // As a phone stores them: mostly a code picked from the list (shown in each reader's language), some words typed.
    const picked = failed.filter((o) => isFailureReasonCode(o.failureReason ?? ''));
    expect(picked.length).toBeGreaterThan(failed.length / 2);
    expect(picked.length).toBeLessThan(failed.length);
    for (const f of failed.filter((o) => o.requestedDate < addDays(TODAY, -7))) {
      expect(f.failureReason).toBeTruthy();
      const redo = delivered().find((o) => o.customerId === f.customerId && o.requestedDate > f.requestedDate);
      expect(redo && daysBetween(f.requestedDate, redo.requestedDate)).toBeLessThanOrEqual(7);
    }
  });

  it('has the office cancel orders within its hours, before the delivery day is over', () => {
    const byOffice = data.orders.flatMap((o) =>
      o.timeline.filter((t) => t.to === 'cancelled' && t.by.role === 'office').map((t) => ({ order: o, at: new Date(t.at) })),
    );
    expect(byOffice.length).toBeGreaterThan(20);
    for (const { order, at } of byOffice) {
      const [day, time] = taipeiDateTime(at).split(' ') as [string, string];
      expect(time >= '06:00:00' && time <= '19:30:00').toBe(true);
      expect(day <= order.requestedDate).toBe(true);
    }
  });

  it("gives every depot a phone and a same-day cut-off, before which the demo's orders for their own day were all taken", () => {
    for (const depot of data.depots) expect(depot).toMatchObject({ sameDayCutoff: expect.stringMatching(/^\d\d:\d\d$/), phone: expect.stringMatching(/^\(02\)\d{4}-\d{4}$/) });
    const sameDay = data.orders.filter((o) => taipeiDate(new Date(o.createdAt)) === o.requestedDate);
    expect(sameDay.length).toBeGreaterThan(100);
    const takenAt = (o: Order) => taipeiDateTime(new Date(o.createdAt)).slice(11, 16);
    const afterCutoff = sameDay.filter((o) => takenAt(o) >= (sameDayCutoffFor(o.location, data.depots) ?? ''));
    expect(afterCutoff.map((o) => `${o.id} ${takenAt(o)}`)).toEqual([]);
  });

  it("has today's orders in every status, on published routes when on the road", () => {
    const today = data.upcomingOrders.filter((o) => o.requestedDate === TODAY);
    expect(new Set(today.map((o) => o.status))).toEqual(new Set(ORDER_STATUSES));
    const routeIds = new Set(data.routes.map((r) => r.id));
    for (const o of today.filter((x) => ['scheduled', 'out_for_delivery', 'delivered', 'failed'].includes(x.status))) {
      expect(routeIds.has(o.routeId as string)).toBe(true);
    }
    const stops = data.routes.flatMap((r) => r.stops.map((s) => s.orderId));
    expect(new Set(stops)).toEqual(new Set(data.upcomingOrders.filter((o) => o.routeId).map((o) => o.id)));
  });

  it('has every order on a started route out for delivery or done, none still waiting at the depot', () => {
    const started = data.routes.filter((r) => r.status === 'in_progress');
    expect(started.length).toBeGreaterThan(0);
    const byId = new Map(data.upcomingOrders.map((o) => [o.id, o]));
    const waiting = started.flatMap((r) => r.stops.flatMap((s) => (['out_for_delivery', 'delivered', 'failed'].includes(byId.get(s.orderId)?.status ?? '') ? [] : [`${r.id}/${s.orderId}`])));
    expect(waiting).toEqual([]);
    for (const r of started) {
      for (const s of r.stops) expect((byId.get(s.orderId)?.timeline.find((e) => e.to === 'out_for_delivery')?.at ?? '') >= (r.startedAt as string)).toBe(true);
    }
  });

  it("has tomorrow's orders taken but none on the road, those planned by the evening on tomorrow's published routes", () => {
    const later = data.upcomingOrders.filter((o) => o.requestedDate > TODAY);
    expect(new Set(later.map((o) => o.status))).toEqual(new Set(['pending', 'scheduled']));
    const tomorrowsRoutes = data.routes.filter((r) => r.date > TODAY);
    expect(tomorrowsRoutes.length).toBeGreaterThan(0);
    for (const r of tomorrowsRoutes) {
      expect(r.status).toBe('published');
      expect(r.publishedAt >= `${TODAY}T12:00:00.000Z`).toBe(true);
      expect(r.stops.every((s) => s.outcome === undefined)).toBe(true);
    }
  });

  it("times today's routes like planned ones: every ETA inside one of its stop's windows, nothing violated", () => {
    const hhmm = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit' });
    const outside = data.routes.flatMap((r) =>
      r.stops.filter((s) => s.windows.length > 0 && !s.windows.some((w) => hhmm(s.eta) >= w.start && hhmm(s.eta) <= w.end)).map((s) => `${r.id}/${s.seq}`),
    );
    expect(data.routes.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    expect(data.routes.flatMap((r) => r.violations)).toEqual([]);
    for (const r of data.routes) expect(r.stops.map((s) => s.seq)).toEqual(r.stops.map((_, i) => i + 1));
  });

  it('gives every order on a seeded route the time its stop is planned for, as publishing does, for the delay notice and the portal', () => {
    const planned = new Map(data.routes.flatMap((r) => r.stops.map((s) => [s.orderId, s.eta] as const)));
    const onRoutes = data.upcomingOrders.filter((o) => planned.has(o.id));
    expect(onRoutes.length).toBe(planned.size);
    expect(onRoutes.filter((o) => o.eta !== planned.get(o.id)).map((o) => o.id)).toEqual([]);
  });

  it('lets the OpenAPI order example be created for the seeded customer', () => {
    const input = createOrderInputSchema.parse(exampleOf(createOrderInputSchema));
    const customer = data.customers.find((c) => c.id === input.customerId);
    expect(customer?.status).toBe('active');
    const order = createOrder(input, {
      id: 'x',
      customer: customer as NonNullable<typeof customer>,
      priceList: data.priceList,
      closures: data.closures,
      by: { uid: 'u-office', role: 'office' },
      at: new Date(`${TODAY}T02:00:00Z`),
      today: TODAY,
      source: 'office',
    });
    expect(order.total).toBeGreaterThan(0);
  });

  it('creates the demo accounts, linked to real drivers and customers, with the demo password', async () => {
    const names = data.users.map((u) => u.username).sort();
    expect(names).toEqual(
      ['admin', 'office', 'turnkey', 'chain', ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `driver${n}`), ...[1, 2, 3, 4, 5].map((n) => `customer${n}`)].sort(),
    );
    expect(data.users.find((u) => u.username === 'turnkey')).toMatchObject({ role: 'turnkey', disabled: false });
    for (const u of data.users) {
      expect(userSchema.safeParse(u).success).toBe(true);
      if (u.driverId) expect(data.drivers.map((d) => d.id)).toContain(u.driverId);
      if (u.customerId) expect(data.customers.map((c) => c.id)).toContain(u.customerId);
    }
    const office = data.users.find((u) => u.username === 'office');
    await expect(verifyPassword('luckygas-demo', office?.passwordHash ?? '')).resolves.toBe(true);
  });
});

describe('generateOrderHistory', () => {
  it('knows when each delivered order would have run out: at the order without spares, later with them', () => {
    const h = generateOrderHistory({ today: TODAY });
    const delivered = h.orders.filter((o) => o.status === 'delivered');
    expect(Object.keys(h.runOutByOrder).sort()).toEqual(delivered.map((o) => o.id).sort());
    const onSite = new Map(h.customers.map((c) => [c.id, c.cylindersOnSite.reduce((n, l) => n + l.count, 0)]));
    const hasSpares = (o: Order): boolean => (onSite.get(o.customerId) ?? 0) > o.items.reduce((n, l) => n + l.quantity, 0);
    const lead = (withSpares: boolean): number[] =>
      delivered.filter((o) => hasSpares(o) === withSpares).map((o) => daysBetween(o.requestedDate, h.runOutByOrder[o.id] as string));
    expect(median(lead(false))).toBeLessThanOrEqual(0);
    expect(median(lead(true))).toBeGreaterThan(0);
  }, SLOW_MS);

  it('is the history part of the demo data', () => {
    const h = generateOrderHistory({ today: TODAY });
    expect(h.orders.map((o) => o.id)).toEqual(data.orders.map((o) => o.id));
    expect(h.customers).toHaveLength(data.customers.length);
    expect(h.historyEnd).toBe(addDays(TODAY, -1));
  }, SLOW_MS);
});
