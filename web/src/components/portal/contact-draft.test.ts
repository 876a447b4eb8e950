import type { CustomerDetails } from '../../lib/types';
import { contactChangedSince, contactDraftOf, contactInput, rebaseContactDraft, typedSince } from './contact-draft';

const stored: CustomerDetails = {
  id: 'cust-1',
  code: 'C00001',
  name: '林記麵館',
  contactName: '林志明',
  phones: ['0912-345-678'],
  address: { city: '新北市', district: '中和區', road: '中山路', section: 2, number: '12', full: '新北市中和區中山路二段12號' },
  type: 'restaurant',
  deliveryWindows: [{ start: '09:00', end: '11:00' }],
  closedDays: [1],
  floorsWithoutElevator: 0,
  cylindersOnSite: [],
  paymentTerms: 'cash',
  invoice: {},
  autoDelivery: false,
  notes: '',
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 4,
};

describe('聯絡與收貨 draft', () => {
  it('sends the contact name trimmed or null, and the closed weekdays in order', () => {
    const draft = { ...contactDraftOf(stored), contactName: '  ', closedDays: [5, 0] };
    expect(contactInput(draft)).toEqual({ phones: ['0912-345-678'], contactName: null, notificationLocale: 'zh-TW', deliveryWindows: [{ start: '09:00', end: '11:00' }], closedDays: [0, 5] });
  });

  it('names only the form’s fields someone else changed: the office’s notes or address are not the customer’s to weigh', () => {
    const now = { ...stored, phones: ['0922-111-222'], notes: '後門', address: { ...stored.address, number: '14' }, version: 5 };
    expect(contactChangedSince(stored, now)).toEqual(['phones']);
    expect(contactChangedSince(stored, { ...stored, notes: '後門', version: 5 })).toEqual([]);
  });

  it('tells whether the customer typed anything, spaces and weekday order aside', () => {
    expect(typedSince(stored, { ...contactDraftOf(stored), contactName: ' 林志明 ' })).toBe(false);
    expect(typedSince(stored, { ...contactDraftOf(stored), closedDays: [1, 3] })).toBe(true);
  });

  it('carries the customer’s own change over onto the record as the office left it, keeping the office’s change', () => {
    const now = { ...stored, phones: ['0922-111-222'], version: 5 };
    const draft = { ...contactDraftOf(stored), contactName: '林太太' };
    expect(rebaseContactDraft(stored, now, draft)).toEqual({ ...contactDraftOf(now), contactName: '林太太' });
  });
});
