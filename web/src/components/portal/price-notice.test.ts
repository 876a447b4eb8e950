import { priceNoticeFor, upcomingChanges } from '../../../../functions/src/domain/pricing';
import { changesForCustomer, type UpcomingPrice } from './price-notice';

const TODAY = '2026-11-28';
const rise: UpcomingPrice = { size: 20, unitPrice: 880, effectiveFrom: '2026-12-01', previousPrice: 860 };
const fall: UpcomingPrice = { size: 50, unitPrice: 2050, effectiveFrom: '2026-12-01', previousPrice: 2100 };
const order = (requestedDate: string, size: number) => ({ requestedDate, items: [{ size, quantity: 1 }] });

describe('the portal banner of coming price changes', () => {
  it('shows the changes of sizes the customer ordered within the look-back', () => {
    expect(changesForCustomer([rise, fall], { orders: [order('2026-10-01', 20)], cylindersOnSite: [] }, TODAY)).toEqual([rise]);
  });

  it('shows the changes of sizes standing at the customer, not of sizes ordered long ago or returned', () => {
    const customer = { orders: [order('2026-05-01', 20)], cylindersOnSite: [{ size: 50, count: 1 }, { size: 20, count: 0 }] };
    expect(changesForCustomer([rise, fall], customer, TODAY)).toEqual([fall]);
  });

  it('agrees with the server on who is told of an entry', () => {
    const list = [
      { id: 'p20a', size: 20 as const, unitPrice: 860, effectiveFrom: '2026-01-01' },
      { id: 'p20b', size: 20 as const, unitPrice: 880, effectiveFrom: '2026-12-01' },
    ];
    const [change] = upcomingChanges(list, TODAY);
    const cases = [
      { orders: [order('2026-06-01', 20)], cylindersOnSite: [] },
      { orders: [order('2026-05-31', 20)], cylindersOnSite: [] },
      { orders: [], cylindersOnSite: [{ size: 20, count: 1 }] },
      { orders: [order('2026-11-01', 50)], cylindersOnSite: [] },
    ];
    for (const c of cases) {
      const shown = changesForCustomer([rise], c, TODAY).length > 0;
      const orderedSizes = new Set(c.orders.filter((o) => o.requestedDate >= '2026-06-01').flatMap((o) => o.items.map((i) => i.size)));
      const candidate = { id: 'c', status: 'active' as const, phones: ['0912-345-678'], cylindersOnSite: c.cylindersOnSite as { size: 20; count: number }[], orderedSizes: orderedSizes as Set<20> };
      expect({ c, shown }).toEqual({ c, shown: typeof priceNoticeFor(change!, candidate, { today: TODAY }) === 'object' });
    }
  });
});
