import { boardFacets, boardFilter, NO_FACETS, type FacetOrder, type FilterableOrder } from './board-filter';

const order = (over: Partial<FilterableOrder> = {}): FilterableOrder => ({
  id: 'ord-20260314-0042',
  customerName: '王記牛肉麵',
  phone: '02-2923-4567',
  district: '中和區',
  address: '新北市中和區景平路 100 號',
  ...over,
});

const matches = (text: string, o: FilterableOrder = order()): boolean => boardFilter(text)(o);

describe('the orders board filter', () => {
  it('matches every card while the text is empty or blank', () => {
    expect(matches('')).toBe(true);
    expect(matches('   ')).toBe(true);
  });

  it('finds a card by the words of its tags (餐廳, 建議), each word in a field or a tag', () => {
    const tags = (o: FilterableOrder) => (o.id === 'ord-20260314-0042' ? ['餐廳', '建議'] : ['家庭']);
    const other = order({ id: 'ord-20260314-0043', customerName: '陳家' });
    expect([order(), other].filter(boardFilter('餐廳', tags)).map((o) => o.id)).toEqual(['ord-20260314-0042']);
    expect([order(), other].filter(boardFilter('建議 中和', tags)).map((o) => o.id)).toEqual(['ord-20260314-0042']);
    expect([order(), other].filter(boardFilter('家庭', tags)).map((o) => o.id)).toEqual(['ord-20260314-0043']);
  });

  it('finds a card by part of the customer name, the district, the address or the order id', () => {
    expect(matches('牛肉')).toBe(true);
    expect(matches('中和')).toBe(true);
    expect(matches('景平路')).toBe(true);
    expect(matches('0042')).toBe(true);
    expect(matches('ORD-2026')).toBe(true);
    expect(matches('永和')).toBe(false);
  });

  it('finds a phone number from any part of its digits, however the clerk or the record writes it', () => {
    expect(matches('2923-4567')).toBe(true);
    expect(matches('29234567')).toBe(true);
    expect(matches('(02) 2923 45')).toBe(true);
    expect(matches('345-678', order({ phone: '0912345678' }))).toBe(true);
    expect(matches('0912 345 678', order({ phone: '(0912) 345-678' }))).toBe(true);
    expect(matches('2923-4568')).toBe(false);
  });

  it('reads the full-width digits and letters of a Chinese input method, and 臺 as 台', () => {
    expect(matches('２９２３４５')).toBe(true);
    expect(matches('ＯＲＤ')).toBe(true);
    expect(matches('台北', order({ address: '臺北市大安區信義路三段 1 號', district: '大安區' }))).toBe(true);
    expect(matches('臺北', order({ address: '台北市大安區信義路三段 1 號', district: '大安區' }))).toBe(true);
  });

  it('wants every word in some field: a name and a district together narrow the list', () => {
    expect(matches('王記 中和')).toBe(true);
    expect(matches('王記 永和')).toBe(false);
  });

  it('matches no phone on an order without one, nor an address it does not carry', () => {
    const bare = order({ phone: undefined, address: '' });
    expect(matches('2923', bare)).toBe(false);
    expect(matches('景平路', bare)).toBe(false);
    expect(matches('王記', bare)).toBe(true);
  });
});

describe('the orders board facets', () => {
  const line = (size: 4 | 10 | 16 | 20 | 50, quantity = 1) => ({ size, quantity, unitPrice: 800, subtotal: 800 * quantity });
  const cards: (FacetOrder & { id: string })[] = [
    { id: 'a', customerId: 'c-auto', items: [line(20, 2)], priority: 'normal' },
    { id: 'b', customerId: 'c-call', items: [line(16), line(50)], priority: 'urgent' },
    { id: 'c', customerId: 'c-auto', items: [line(16)], priority: 'urgent' },
    { id: 'd', customerId: 'c-call', items: [], priority: 'normal' },
  ];
  const shown = (facets: Partial<typeof NO_FACETS>) => cards.filter(boardFacets({ ...NO_FACETS, ...facets }, new Set(['c-auto']))).map((o) => o.id);

  it('keeps every card with no facet set', () => {
    expect(shown({})).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the orders bringing the size, those of the customers on 自動配送, those of a customer out of gas (緊急), and all three at once', () => {
    expect(shown({ size: 16 })).toEqual(['b', 'c']);
    expect(shown({ autoDelivery: true })).toEqual(['a', 'c']);
    expect(shown({ outOfGas: true })).toEqual(['b', 'c']);
    expect(shown({ size: 16, autoDelivery: true, outOfGas: true })).toEqual(['c']);
    expect(shown({ size: 4 })).toEqual([]);
  });
});
