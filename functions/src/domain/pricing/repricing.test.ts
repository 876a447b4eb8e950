import { pricePostedData, pricePostedEvent, repricingSummary } from './repricing';

const entry = { id: 'price-20-2026-12-01', size: 20, effectiveFrom: '2026-12-01', unitPrice: 840, createdAt: '2026-11-28T02:00:00.000Z' } as const;
const admin = { uid: 'u-admin', role: 'admin' } as const;

describe('pricePostedEvent', () => {
  it('announces the entry as posted on price-events, under the id given, by the admin who posted it', () => {
    expect(pricePostedEvent(entry, 'priceset-k1', admin)).toEqual({
      topic: 'price-events',
      event: {
        id: 'priceset-k1',
        type: 'price.posted',
        occurredAt: entry.createdAt,
        actor: admin,
        subject: 'priceList/price-20-2026-12-01',
        sequence: 1,
        schemaVersion: 1,
        data: { entryId: entry.id, size: 20, effectiveFrom: '2026-12-01', unitPrice: 840 },
      },
    });
  });
});

describe('pricePostedData', () => {
  const { event } = pricePostedEvent(entry, 'priceset-k1', admin);

  it('reads back what the event carries', () => {
    expect(pricePostedData(event)).toEqual({ entryId: entry.id, size: 20, effectiveFrom: '2026-12-01', unitPrice: 840 });
  });

  it('is null for another event and for data no consumer could act on', () => {
    expect(pricePostedData({ ...event, type: 'price.changed' })).toBeNull();
    expect(pricePostedData({ ...event, data: { ...event.data, size: 21 } })).toBeNull();
    expect(pricePostedData({ ...event, data: { entryId: entry.id } })).toBeNull();
  });
});

describe('repricingSummary', () => {
  it('says how many orders took the posting and whether all have; nothing for an entry posted before it was recorded', () => {
    expect(repricingSummary({ entryId: entry.id, eventId: 'e1', orders: 0 })).toEqual({ orders: 0, done: false });
    expect(repricingSummary({ entryId: entry.id, eventId: 'e1', orders: 3, doneAt: '2026-11-28T02:00:05.000Z' })).toEqual({ orders: 3, done: true });
    expect(repricingSummary(undefined)).toBeUndefined();
  });
});
