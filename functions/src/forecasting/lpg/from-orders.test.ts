import { aCustomer, anOrder } from '../../domain/test-support';
import { deliveryHistoryFromOrders } from './from-orders';

describe('deliveryHistoryFromOrders', () => {
  const customer = aCustomer()
    .withId('cust-1')
    .ofType('restaurant')
    .with({ cylindersOnSite: [{ size: 20, count: 4, depositPaid: 6000 }] })
    .build();
  const orders = [
    anOrder().withId('o1').forCustomer(customer).with({ items: [{ size: 20, quantity: 2 }] }).inStatus('delivered').build(),
    anOrder().withId('o2').forCustomer(customer).inStatus('failed').build(),
    anOrder().withId('o3').forCustomer(customer).inStatus('cancelled').build(),
  ];
  const priceList = [
    { size: 20 as const, unitPrice: 800, effectiveFrom: '2026-01-01' },
    { size: 20 as const, unitPrice: 880, effectiveFrom: '2026-06-01' },
  ];
  const [history] = deliveryHistoryFromOrders([customer], orders, priceList);

  it('turns delivered orders into deliveries on their Taipei date and ignores cancelled ones', () => {
    expect(history?.type).toBe('restaurant');
    expect(history?.deliveries).toEqual([{ date: '2026-11-28', cylinders: { 20: 2 } }]);
  });

  it('takes no delivery from a collection-only order (回收空瓶): taking empties back refilled nothing', () => {
    const collection = anOrder().withId('o4').forCustomer(customer).with({ items: [], emptiesToCollect: [{ size: 20, quantity: 4 }] }).inStatus('delivered').build();
    expect(deliveryHistoryFromOrders([customer], [...orders, collection], priceList)[0]?.deliveries).toEqual(history?.deliveries);
  });

  it('records failed attempts from the order timeline', () => {
    expect(history?.failedDeliveries).toEqual(['2026-11-28']);
  });

  it('derives price changes of the sizes on site from the price list', () => {
    expect(history?.cylindersOnSite).toEqual({ 20: 4 });
    expect(history?.priceChanges).toEqual([{ date: '2026-06-01', relativeChange: 880 / 800 - 1 }]);
  });

  it("takes the customer's own complaints on their Taipei date, in order", () => {
    const complaints = [
      { customerId: 'cust-1', at: '2026-10-05T03:00:00.000Z' },
      { customerId: 'cust-other', at: '2026-09-01T03:00:00.000Z' },
      { customerId: 'cust-1', at: '2026-09-30T17:30:00.000Z' },
    ];
    const [withComplaints] = deliveryHistoryFromOrders([customer], orders, priceList, complaints);
    expect(withComplaints?.complaints).toEqual(['2026-10-01', '2026-10-05']);
    expect(history?.complaints).toEqual([]);
  });
});

