import type { SizeQuantity } from '../../lib/types';
import { tripLoad } from './trip-load';

const stops = [
  { orderId: 'a', trip: 0 },
  { orderId: 'b', trip: 0 },
  { orderId: 'c', trip: 1 },
  { orderId: 'gone', trip: 1 },
];
const orders = new Map<string, { items: SizeQuantity[] }>([
  ['a', { items: [{ size: 50, quantity: 1 }, { size: 20, quantity: 2 }] }],
  ['b', { items: [{ size: 20, quantity: 3 }] }],
  ['c', { items: [{ size: 16, quantity: 1 }] }],
]);
const orderOf = (id: string) => orders.get(id);

describe('tripLoad', () => {
  it('adds up by size, smallest first, the cylinders of the trip’s own stops only', () => {
    expect(tripLoad(stops, 0, orderOf)).toEqual([
      { size: 20, quantity: 5 },
      { size: 50, quantity: 1 },
    ]);
  });

  it('counts nothing for a stop whose order is not read, and nothing for a collection-only trip', () => {
    expect(tripLoad(stops, 1, orderOf)).toEqual([{ size: 16, quantity: 1 }]);
    expect(tripLoad([{ orderId: 'x', trip: 0 }], 0, () => ({ items: [] }))).toEqual([]);
  });
});
