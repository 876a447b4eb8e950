/**
 * 合約價 of a few demo customers, so the feature shows in `npm start`: a restaurant buying 50 kg with so much off the list
 * (寶島薑母鴨, the portal's customer3, with the default seed), a factory on a fixed 50 kg price for a year, and a 20 kg
 * restaurant whose discount began with the last 調價. Their orders since each term began are priced from it, since
 * `createOrder` prices from the customer's terms as the live API does.
 */
import { addDays } from '../../domain/calendar';
import type { CylinderSize } from '../../domain/cylinders';
import { priceFor, type ContractPrice, type PriceList } from '../../domain/pricing';
import type { DemoCustomer } from './customers';

const firstOfMonth = (date: string): string => `${date.slice(0, 8)}01`;
const roundTo10 = (x: number): number => Math.round(x / 10) * 10;
/** 合約編號 as the office numbers them: the year the term began and a running number. */
const contractNo = (from: string, n: number): string => `C-${from.slice(0, 4)}-${String(n).padStart(3, '0')}`;

/** Whether a customer buys only `size` and stays to the end of the history: a contract is signed for the long run. */
const buysOnly = (dc: DemoCustomer, type: DemoCustomer['customer']['type'], size: CylinderSize): boolean =>
  dc.customer.type === type && dc.profile.churnAfter === undefined && dc.profile.basket.every((l) => l.size === size);

/** The demo's customers with three of them on contract terms, each within the 20% the admin may set without confirming. */
export function withDemoContracts(demo: readonly DemoCustomer[], priceList: PriceList, today: string): DemoCustomer[] {
  const discountFrom = firstOfMonth(addDays(today, -200));
  const fixedFrom = firstOfMonth(addDays(today, -110));
  const recentFrom = firstOfMonth(addDays(today, -40));
  const picks: [DemoCustomer | undefined, ContractPrice][] = [
    [demo.find((dc) => buysOnly(dc, 'restaurant', 50)), { size: 50, kind: 'discount', amount: 100, effectiveFrom: discountFrom, note: `${contractNo(discountFrom, 14)} 餐廳年約` }],
    [
      demo.find((dc) => buysOnly(dc, 'industrial', 50)),
      {
        size: 50,
        kind: 'fixed',
        amount: roundTo10(priceFor(priceList, 50, fixedFrom) * 0.94),
        effectiveFrom: fixedFrom,
        effectiveTo: addDays(fixedFrom, 364),
        note: `${contractNo(fixedFrom, 22)} 工廠一年固定價`,
      },
    ],
    [demo.find((dc) => buysOnly(dc, 'restaurant', 20)), { size: 20, kind: 'discount', amount: 30, effectiveFrom: recentFrom, note: contractNo(recentFrom, 31) }],
  ];
  const terms = new Map(picks.flatMap(([dc, term]) => (dc ? [[dc.customer.id, term] as const] : [])));
  return demo.map((dc) => {
    const term = terms.get(dc.customer.id);
    return term ? { ...dc, customer: { ...dc.customer, contractPrices: [term] } } : dc;
  });
}
