import { taipeiInstant } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { invoiceSchema, voidDeadline, type Invoice } from '../../domain/invoicing';
import type { Order } from '../../domain/orders';
import { generateDemoWorld, type DemoWorld } from './generate';
import { MONTHLY_RUN_TIME } from './invoices';

const TODAY = '2026-11-28';
/** 10:00 in Taipei: some of today's deliveries done, most still ahead. */
const NOW = '2026-11-28T02:00:00.000Z';
/** The previous period (Sep–Oct) begins here: older deliveries get no invoice. */
const SINCE = taipeiInstant('2026-09-01', '00:00');
const SLOW_MS = 60_000;

let world: DemoWorld;
let monthEnd: DemoWorld;

beforeAll(() => {
  world = generateDemoWorld({ today: TODAY, now: NOW });
  monthEnd = generateDemoWorld({ today: '2026-11-30' });
}, SLOW_MS);

const isOrderInvoice = (inv: Invoice): inv is Invoice & { source: { orderId: string } } => 'orderId' in inv.source;
const termsOf = (w: DemoWorld) => new Map(w.customers.map((c) => [c.id, c.paymentTerms]));
const allOrders = (w: DemoWorld): Order[] => [...w.orders, ...w.upcomingOrders];
const deliveredSince = (w: DemoWorld): Order[] => allOrders(w).filter((o) => o.status === 'delivered' && (o.delivery?.at ?? '') >= SINCE);

describe('the demo e-invoices', () => {
  it('invoices every delivery of a cash or transfer customer since the previous period began, once, dated at the delivery', () => {
    const terms = termsOf(world);
    const expected = deliveredSince(world).filter((o) => terms.get(o.customerId) !== 'monthly');
    const byOrder = new Map(world.invoices.filter(isOrderInvoice).map((inv) => [inv.source.orderId, inv]));
    expect(expected.length).toBeGreaterThan(1000);
    expect([...byOrder.keys()].sort()).toEqual(expected.map((o) => o.id).sort());
    for (const order of expected) {
      const inv = byOrder.get(order.id);
      expect(inv?.id).toBe(`inv-${order.id}`);
      expect(inv?.issuedAt).toBe(order.delivery?.at);
      expect(inv?.amounts.totalAmount).toBe(order.total);
    }
  });

  it('invoices a monthly customer only once a month, for the closed months, on the evening of the last day, for the month’s deliveries', () => {
    const terms = termsOf(world);
    const monthly = world.invoices.filter((inv) => !isOrderInvoice(inv));
    expect(world.invoices.filter((inv) => isOrderInvoice(inv) && terms.get(inv.customer.id) === 'monthly')).toEqual([]);
    expect(monthly.every((inv) => terms.get(inv.customer.id) === 'monthly')).toBe(true);
    expect(new Set(monthly.map((inv) => ('month' in inv.source ? inv.source.month : '')))).toEqual(new Set(['2026-09', '2026-10']));
    const orders = new Map(allOrders(world).map((o) => [o.id, o]));
    const listed = new Set<string>();
    for (const inv of monthly) {
      if (!('month' in inv.source)) throw new Error('a monthly invoice names its month');
      const { customerId, month, orderIds } = inv.source;
      expect(inv.id).toBe(`inv-${customerId}-${month}`);
      expect(inv.issuedAt).toBe(taipeiInstant(month === '2026-09' ? '2026-09-30' : '2026-10-31', MONTHLY_RUN_TIME));
      expect(inv.amounts.totalAmount).toBe(orderIds.reduce((sum, id) => sum + (orders.get(id)?.total ?? NaN), 0));
      for (const id of orderIds) {
        expect(taipeiDate(new Date(orders.get(id)?.delivery?.at ?? '')).slice(0, 7)).toBe(month);
        listed.add(id);
      }
    }
    // Every delivery of a monthly customer in a closed month is on its month's invoice.
    const closed = deliveredSince(world).filter((o) => terms.get(o.customerId) === 'monthly' && (o.delivery?.at ?? '') < taipeiInstant('2026-11-01', '00:00'));
    expect(closed.length).toBeGreaterThan(100);
    expect(closed.filter((o) => !listed.has(o.id))).toEqual([]);
  });

  it('invoices the running month on its last evening, when seeded after the run', () => {
    const months = new Set(monthEnd.invoices.flatMap((inv) => ('month' in inv.source ? [inv.source.month] : [])));
    expect(months).toEqual(new Set(['2026-09', '2026-10', '2026-11']));
    const morning = generateDemoWorld({ today: '2026-11-30', now: taipeiInstant('2026-11-30', '22:00') });
    expect(morning.invoices.some((inv) => 'month' in inv.source && inv.source.month === '2026-11')).toBe(false);
  }, SLOW_MS);

  it('numbers each period consecutively from its book in the order issued, and leaves the book’s next after them', () => {
    for (const book of world.invoiceBooks) {
      const ofBook = world.invoices.filter((inv) => inv.period === book.period);
      const inOrder = [...ofBook].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.id.localeCompare(b.id));
      expect(inOrder.map((inv) => inv.number)).toEqual(inOrder.map((_, i) => `${book.prefix}${String(book.from + i).padStart(8, '0')}`));
      expect(book.next).toBe(book.from + ofBook.length);
      for (const inv of ofBook) expect(inv.providerRef).toBe(`invoiceBooks/${book.period.replace('/', '-')}#${inv.number}`);
    }
    expect(world.invoiceBooks.map((b) => [b.period, b.next > 0])).toEqual([
      ['2026-09/10', true],
      ['2026-11/12', true],
      ['2027-01/02', false],
    ]);
    expect(new Set(world.invoices.map((inv) => inv.number)).size).toBe(world.invoices.length);
  });

  it('writes valid invoices from the local book, with a 4-digit random number, none issued or voided after now', () => {
    for (const inv of world.invoices) {
      expect(invoiceSchema.safeParse(inv).success).toBe(true);
      expect(inv.provider).toBe('local-book');
      expect(inv.issuedAt <= NOW).toBe(true);
      expect(inv.issuedAt >= SINCE).toBe(true);
      expect(inv.voidedAt === undefined || inv.voidedAt <= NOW).toBe(true);
    }
    expect(new Set(world.invoices.map((inv) => inv.randomNumber)).size).toBeGreaterThan(500);
    expect(monthEnd.invoices.every((inv) => inv.issuedAt <= monthEnd.now)).toBe(true);
  });

  it('has a few carrier invoices voided by the office the next morning, inside their void deadline', () => {
    const voided = world.invoices.filter((inv) => inv.status === 'void');
    expect(voided.length).toBeGreaterThanOrEqual(2);
    expect(voided.length).toBeLessThanOrEqual(3);
    for (const inv of voided) {
      expect(inv.buyer.type).toBe('carrier');
      expect(inv.voidReason).toMatch(/載具/);
      expect(inv.voidedBy?.role).toBe('office');
      expect(inv.voidedAt && inv.voidedAt > inv.issuedAt).toBe(true);
      expect(taipeiDate(new Date(inv.voidedAt ?? '')) <= voidDeadline(inv.period)).toBe(true);
    }
  });
});
