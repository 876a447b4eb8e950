import type { CustomerDetails } from '../../lib/types';
import { changedFields, customerChangedSince, customerInput, draftOf, emptyDraft, rebaseCustomerDraft, typedSection } from './customer-draft';

const stored: CustomerDetails = {
  id: 'cust-1',
  code: 'C00001',
  name: '林記麵館',
  contactName: '林志明',
  phones: ['0912-345-678'],
  address: { city: '新北市', district: '中和區', road: '中山路', section: 2, lane: '35', number: '12', floor: '1', full: '新北市中和區中山路二段35巷12號1樓' },
  type: 'restaurant',
  deliveryWindows: [{ start: '09:00', end: '11:00' }],
  closedDays: [1],
  floorsWithoutElevator: 0,
  cylindersOnSite: [{ size: 20, count: 3, depositPaid: 3600 }],
  paymentTerms: 'monthly',
  invoice: { taxId: '22099131', companyTitle: '林記麵館' },
  autoDelivery: true,
  notes: '後門卸貨',
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('customer form draft', () => {
  it('sends a new customer without empty optional fields: no contact, lane, floor or invoice fields as ""', () => {
    const draft = emptyDraft({ phone: '0922 111 222' });
    Object.assign(draft, { name: ' 王太太 ', type: 'household' });
    Object.assign(draft.address, { city: '台北市', district: '大安區', road: '通化街', number: '12之3', floor: 'b1' });
    draft.cylindersOnSite.push({ size: 20, count: 1, depositPaid: 1500 });
    expect(customerInput(draft)).toEqual({
      name: '王太太',
      phones: ['0922 111 222'],
      address: { city: '台北市', district: '大安區', road: '通化街', number: '12之3', floor: 'B1' },
      type: 'household',
      deliveryWindows: [],
      closedDays: [],
      floorsWithoutElevator: 0,
      cylindersOnSite: [{ size: 20, count: 1, depositPaid: 1500 }],
      paymentTerms: 'cash',
      invoice: {},
      notificationLocale: 'zh-TW',
      autoDelivery: false,
      notes: '',
    });
  });

  it('keeps every phone row in place, so the API message for phones.1 belongs to the second input', () => {
    const draft = emptyDraft();
    draft.phones = ['0912-345-678', ' 123 '];
    expect(customerInput(draft).phones).toEqual(['0912-345-678', '123']);
  });

  it('sends the invoice the clerk chose and nothing of the other choice', () => {
    const draft = draftOf(stored);
    draft.carrier = '/abc1234';
    expect(customerInput(draft).invoice).toEqual({ taxId: '22099131', companyTitle: '林記麵館' });
    draft.invoiceKind = 'carrier';
    expect(customerInput(draft).invoice).toEqual({ carrier: '/ABC1234' });
    draft.loveCode = ' 168001 ';
    draft.invoiceKind = 'loveCode';
    expect(customerInput(draft).invoice).toEqual({ loveCode: '168001' });
    expect(draftOf({ ...stored, invoice: { loveCode: '168001' } })).toMatchObject({ invoiceKind: 'loveCode', loveCode: '168001' });
    draft.invoiceKind = 'none';
    expect(customerInput(draft).invoice).toEqual({});
  });

  it('keeps the message language of a record (zh-TW when it has none), and a change of it is the whole patch', () => {
    expect(draftOf({ ...stored, notificationLocale: undefined }).notificationLocale).toBe('zh-TW');
    expect(draftOf({ ...stored, notificationLocale: 'en' }).notificationLocale).toBe('en');
    const before = customerInput(draftOf(stored));
    const draft = draftOf(stored);
    draft.notificationLocale = 'en';
    expect(changedFields(before, customerInput(draft))).toEqual({ notificationLocale: 'en' });
  });

  it('an unchanged record makes an empty patch', () => {
    const before = customerInput(draftOf(stored));
    expect(changedFields(before, customerInput(draftOf(stored)))).toEqual({});
  });

  it('a patch names only what changed; a changed address goes whole, as the API replaces it whole', () => {
    const before = customerInput(draftOf(stored));
    const draft = draftOf(stored);
    draft.address.floor = '3';
    draft.closedDays = [0, 1];
    expect(changedFields(before, customerInput(draft))).toEqual({
      address: { city: '新北市', district: '中和區', road: '中山路', section: 2, lane: '35', number: '12', floor: '3' },
      closedDays: [0, 1],
    });
  });

  it('a patch clears an emptied contact or LINE id with null, which the API reads as "remove"', () => {
    const withLine = { ...stored, lineUserId: `U${'b'.repeat(32)}` };
    const before = customerInput(draftOf(withLine));
    const draft = draftOf(withLine);
    draft.contactName = ' ';
    draft.lineUserId = '';
    expect(changedFields(before, customerInput(draft))).toEqual({ contactName: null, lineUserId: null });
  });

  it('editing the draft does not touch the stored record', () => {
    const draft = draftOf(stored);
    draft.phones.push('02-2941-5566');
    draft.cylindersOnSite[0]!.count = 9;
    expect(stored.phones).toEqual(['0912-345-678']);
    expect(stored.cylindersOnSite[0]?.count).toBe(3);
  });

  it('moves a 段 typed into the road to the section, unless another one is chosen', () => {
    expect(typedSection({ road: '和平東路二段', section: null })).toEqual({ road: '和平東路', section: 2 });
    expect(typedSection({ road: '和平東路 3段', section: 3 })).toEqual({ road: '和平東路', section: 3 });
    expect(typedSection({ road: '和平東路二段', section: 3 })).toBeNull();
    expect(typedSection({ road: '和平東路', section: null })).toBeNull();
    // The select has no 十二段: the API answers for it.
    expect(typedSection({ road: '和平東路十二段', section: null })).toBeNull();
  });
});

describe('a customer someone else changed while the form was open', () => {
  const now: CustomerDetails = {
    ...stored,
    phones: ['0922-111-222'],
    invoice: { carrier: '/ABC1234' },
    cylindersOnSite: [{ size: 20, count: 2, depositPaid: 4800 }],
    location: { lat: 25.01, lng: 121.5 },
    version: 3,
  };

  it('names what changed of what the form shows, the pin included, and nothing for a change it does not show', () => {
    expect(customerChangedSince(stored, now)).toEqual(['phones', 'cylindersOnSite', 'invoice', 'location']);
    const inspected = { inspectionId: 'si-1', lastInspectedOn: '2026-11-01', result: 'pass', nextDueOn: '2028-11-01', openItems: [] } as const;
    expect(customerChangedSince(stored, { ...stored, safety: { ...inspected, openItems: [] }, version: 4 })).toEqual([]);
  });

  it("keeps the clerk's own change over the new version and takes the rest from it; the invoice goes as one, the deposits as held now", () => {
    const mine = draftOf(stored);
    mine.notes = '前門進';
    mine.taxId = '04595257';
    mine.cylindersOnSite[0] = { size: 20, count: 5, depositPaid: 3600 };
    const rebased = rebaseCustomerDraft(stored, now, mine);
    expect(rebased).toMatchObject({ notes: '前門進', phones: ['0922-111-222'], invoiceKind: 'taxId', taxId: '04595257', carrier: '', cylindersOnSite: [{ size: 20, count: 5, depositPaid: 4800 }] });
    expect(Object.keys(changedFields(customerInput(draftOf(now)), customerInput(rebased)))).toEqual(['cylindersOnSite', 'invoice', 'notes']);
  });
});
