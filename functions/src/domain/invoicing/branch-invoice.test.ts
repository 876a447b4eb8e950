import { aCustomer, anOrder, OFFICE } from '../test-support';
import type { Order, PaymentMethod } from '../orders/order';
import { issuedInvoice, monthlyInvoiceDraft, orderInvoiceDraft, reissueDraft, voidInvoice, type InvoicedCustomer } from './invoice';

const headOffice = aCustomer().withId('cust-hq').withCode('C00100').with({ name: '鼎泰餐飲總公司', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '鼎泰餐飲股份有限公司' } }).build();
const ownBuyer = aCustomer().withId('cust-b1').withCode('C00101').with({ name: '鼎泰板橋店', paymentTerms: 'monthly', invoice: { carrier: '/ABC1234' } }).build();
const branch: InvoicedCustomer = { ...ownBuyer, payer: headOffice };

const delivered = (id: string, at: string, paymentMethod: PaymentMethod = 'monthly'): Order => {
  const order = anOrder().withId(id).forCustomer(ownBuyer).with({ items: [{ size: 20, quantity: 2 }], paymentMethod }).inStatus('delivered').build();
  return { ...order, delivery: { at, delivered: [{ size: 20, quantity: 2 }], emptiesCollected: [], cashCollected: 0 } };
};

const HEAD_OFFICE_BUYER = { type: 'business', taxId: '22099131', title: '鼎泰餐飲股份有限公司' };

describe('the invoices of a branch whose head office pays (分店／總公司付款)', () => {
  it('makes the branch’s month out to the head office (B2B, its 統一編號 and 抬頭) and keeps it the branch’s month and orders', () => {
    const draft = monthlyInvoiceDraft(branch, '2026-11', [delivered('ord-1', '2026-11-03T02:00:00Z'), delivered('ord-2', '2026-11-20T02:00:00Z')], new Set());
    expect(draft).toMatchObject({
      id: 'inv-cust-b1-2026-11',
      kind: 'B2B',
      customer: { id: 'cust-b1', code: 'C00101', name: '鼎泰板橋店' },
      buyer: HEAD_OFFICE_BUYER,
      source: { customerId: 'cust-b1', month: '2026-11', orderIds: ['ord-1', 'ord-2'] },
    });
  });

  it('makes a sale on account invoiced on its own out to the head office, and one paid at the door out to the branch', () => {
    expect(orderInvoiceDraft(delivered('ord-late', '2026-11-30T15:00:00Z'), branch, { source: { customerId: 'cust-b1', month: '2026-11', orderIds: [] } })?.buyer).toEqual(HEAD_OFFICE_BUYER);
    expect(orderInvoiceDraft(delivered('ord-cash', '2026-11-04T02:00:00Z', 'cash'), branch)).toMatchObject({ kind: 'B2C', buyer: { type: 'carrier', carrierCode: '/ABC1234' } });
  });

  it('gives a customer without a head office its own buyer, as before', () => {
    expect(monthlyInvoiceDraft(ownBuyer, '2026-11', [delivered('ord-1', '2026-11-03T02:00:00Z')], new Set())?.buyer).toEqual({ type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' });
  });

  it('reissues a branch’s month, or a sale the head office bought, to the head office; a door sale to the branch', () => {
    const at = { issuedAt: new Date('2026-11-30T14:00:00Z'), randomNumber: '0427', providerRef: 'ref' };
    const voided = (draft: ReturnType<typeof monthlyInvoiceDraft>, number: string) =>
      voidInvoice(issuedInvoice(draft as NonNullable<typeof draft>, { ...at, number }, 'local-book'), { reason: '抬頭錯誤' }, { by: OFFICE, now: new Date('2026-12-01T02:00:00Z') });
    const month = voided(monthlyInvoiceDraft(branch, '2026-11', [delivered('ord-1', '2026-11-03T02:00:00Z')], new Set()), 'AB00000001');
    expect(reissueDraft(month, branch).buyer).toEqual(HEAD_OFFICE_BUYER);
    const own = voided(orderInvoiceDraft(delivered('ord-late', '2026-11-30T15:00:00Z'), branch, { source: { customerId: 'cust-b1', month: '2026-11', orderIds: [] } }), 'AB00000002');
    expect(reissueDraft(own, branch).buyer).toEqual(HEAD_OFFICE_BUYER);
    const door = voided(orderInvoiceDraft(delivered('ord-cash', '2026-11-04T02:00:00Z', 'cash'), branch), 'AB00000003');
    expect(reissueDraft(door, branch).buyer).toMatchObject({ type: 'carrier' });
  });
});
