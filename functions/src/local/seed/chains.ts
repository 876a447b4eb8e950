/**
 * 分店／總公司付款 in the demo: a restaurant chain whose head office, the flagship, pays for its branches, so `npm start`
 * shows the link both ways in the customer drawer, the chain's statement (each branch apart) and the branches' 月結發票
 * made out to the head office. Four restaurants that stay to the end of the history, none on contract terms nor a portal
 * customer's, are renamed before their orders are made (an order copies its customer's name), all on 月結; the branches
 * are linked from when they became customers, so every month of their history is the head office's.
 */
import { withSearchTokens } from '../../domain/customers';
import type { DemoCustomer } from './customers';
import { PORTAL_CUSTOMERS } from './customers';

export const DEMO_CHAIN = {
  headOffice: '鼎豐小館 總店',
  brand: '鼎豐小館',
  taxId: '24536806',
  companyTitle: '鼎豐餐飲股份有限公司',
} as const;

const BRANCHES = 3;

const isPortal = (dc: DemoCustomer): boolean => Number(dc.customer.id.slice(5)) <= PORTAL_CUSTOMERS;

/** The demo's customers with one chain: a head office and three branches, each named for its road (建國一路: 建國店). */
export function withDemoChain(demo: readonly DemoCustomer[]): DemoCustomer[] {
  const picked = demo.filter((dc) => dc.customer.type === 'restaurant' && !isPortal(dc) && !dc.profile.churnAfter && !dc.customer.contractPrices).slice(0, BRANCHES + 1);
  const [head, ...branches] = picked;
  if (!head || branches.length < BRANCHES) return [...demo];
  const names = new Map<string, string>([[head.customer.id, DEMO_CHAIN.headOffice]]);
  for (const [i, b] of branches.entries()) {
    const road = b.customer.address.road.replace(/[一二三四五六七八九十]*(路|街|大道)$/, '');
    const name = `${DEMO_CHAIN.brand} ${road}店`;
    names.set(b.customer.id, [...names.values()].includes(name) ? `${DEMO_CHAIN.brand} ${road}${i + 1}店` : name);
  }
  return demo.map((dc) => {
    const name = names.get(dc.customer.id);
    if (!name) return dc;
    const isHead = dc === head;
    const customer = withSearchTokens({
      ...dc.customer,
      name,
      paymentTerms: 'monthly',
      invoice: isHead ? { taxId: DEMO_CHAIN.taxId, companyTitle: DEMO_CHAIN.companyTitle } : {},
      ...(isHead ? {} : { payerId: head.customer.id, payerSince: dc.customer.createdAt }),
    });
    return { ...dc, customer };
  });
}
