import {
  buysSize,
  orderedSizesByCustomer,
  priceChangedEvent,
  priceChangeOf,
  priceNoticeFor,
  priceNoticeId,
  renderPriceNotice,
  revokedPriceOf,
  upcomingChanges,
  type PriceChange,
  type PriceNoticeCandidate,
} from './price-notice';

const list = [
  { id: 'price-20-2026-01-01', size: 20 as const, unitPrice: 800, effectiveFrom: '2026-01-01' },
  { id: 'price-20-2026-11-01', size: 20 as const, unitPrice: 860, effectiveFrom: '2026-11-01' },
  { id: 'price-20-2026-12-01', size: 20 as const, unitPrice: 880, effectiveFrom: '2026-12-01' },
  { id: 'price-50-2026-01-01', size: 50 as const, unitPrice: 2100, effectiveFrom: '2026-01-01' },
  { id: 'price-50-2026-12-01', size: 50 as const, unitPrice: 2100, effectiveFrom: '2026-12-01' },
  { id: 'price-16-2026-12-01', size: 16 as const, unitPrice: 700, effectiveFrom: '2026-12-01' },
];
const TODAY = '2026-11-28';
const up: PriceChange = { entryId: 'price-20-2026-12-01', size: 20, effectiveFrom: '2026-12-01', unitPrice: 880, previousPrice: 860 };

/** An active customer on LINE who ordered 20 kg lately; `with` changes what a test is about. */
const aCustomer = (over: Partial<PriceNoticeCandidate> = {}): PriceNoticeCandidate => ({
  id: 'c1',
  status: 'active',
  lineUserId: `U${'a'.repeat(32)}`,
  phones: ['(02)2941-5566'],
  cylindersOnSite: [],
  orderedSizes: new Set([20]),
  ...over,
});

describe('revokedPriceOf (撤銷調價)', () => {
  const stored = list[2]!;
  const posted = (unitPrice: number) => ({ ...stored, unitPrice });

  it('names the price of the change a posting at the price of the day before revokes, and keeps it when that is posted again', () => {
    expect(revokedPriceOf(list, stored, posted(860))).toBe(880);
    expect(revokedPriceOf(list, { unitPrice: 860, revokedPrice: 880 }, posted(860))).toBe(880);
  });

  it('names nothing for a correction to another price, a first posting or a size without a price before', () => {
    expect(revokedPriceOf(list, stored, posted(870))).toBeUndefined();
    expect(revokedPriceOf(list, { unitPrice: 860, revokedPrice: 880 }, posted(870))).toBeUndefined();
    expect(revokedPriceOf(list, undefined, posted(860))).toBeUndefined();
    expect(revokedPriceOf(list, list[5]!, { ...list[5]!, unitPrice: 650 })).toBeUndefined();
  });
});

describe('priceChangeOf', () => {
  it('sets the entry against the price in force the day before it', () => {
    expect(priceChangeOf(list, list[2]!)).toEqual(up);
  });

  it('has no change for the first price of a size: nobody can have bought it before', () => {
    expect(priceChangeOf(list, list[5]!)).toBeNull();
    expect(priceChangeOf(list, list[0]!)).toBeNull();
  });
});

describe('upcomingChanges', () => {
  it('lists the entries after today that move a price, leaving out past ones, first prices and unchanged ones', () => {
    expect(upcomingChanges(list, TODAY)).toEqual([up]);
    expect(upcomingChanges(list, '2026-12-01')).toEqual([]);
  });
});

describe('priceNoticeFor', () => {
  it('tells an active customer who ordered the size lately, reachable on LINE', () => {
    expect(priceNoticeFor(up, aCustomer(), { today: TODAY })).toEqual({ customerId: 'c1', change: up });
  });

  it('tells a customer who holds the size on site though they have not ordered it lately', () => {
    const holder = aCustomer({ orderedSizes: new Set(), lineUserId: undefined, phones: ['0912-345-678'], cylindersOnSite: [{ size: 20, count: 2 }] });
    expect(priceNoticeFor(up, holder, { today: TODAY })).toEqual({ customerId: 'c1', change: up });
  });

  it.each([
    ['an inactive customer', aCustomer({ status: 'inactive' }), 'INACTIVE'],
    ['a buyer of another size', aCustomer({ orderedSizes: new Set([50]), cylindersOnSite: [{ size: 20, count: 0 }] }), 'NOT_A_BUYER'],
    ['a customer with neither LINE nor a mobile', aCustomer({ lineUserId: undefined, phones: ['(02)2941-5566'] }), 'NO_CHANNEL'],
  ])('skips %s', (_what, candidate, reason) => {
    expect(priceNoticeFor(up, candidate, { today: TODAY })).toBe(reason);
  });

  it('tells nobody once the day has come', () => {
    expect(priceNoticeFor(up, aCustomer(), { today: '2026-12-01' })).toBe('PASSED');
    expect(priceNoticeFor(up, aCustomer(), { today: '2026-12-05' })).toBe('PASSED');
  });

  it('tells nobody of an entry that keeps the price', () => {
    expect(priceNoticeFor({ ...up, unitPrice: 860 }, aCustomer(), { today: TODAY })).toBe('NO_CHANGE');
  });

  it('sends nothing when the same price is posted again, and a correction when another one is', () => {
    expect(priceNoticeFor(up, aCustomer(), { today: TODAY, toldPrice: 880 })).toBe('ALREADY_TOLD');
    expect(priceNoticeFor({ ...up, unitPrice: 900 }, aCustomer(), { today: TODAY, toldPrice: 880 })).toEqual({ customerId: 'c1', change: { ...up, unitPrice: 900 }, corrects: 880 });
  });

  it('corrects a customer told of a change the entry no longer makes, buyer or not', () => {
    const told = aCustomer({ orderedSizes: new Set() });
    expect(priceNoticeFor({ ...up, unitPrice: 860 }, told, { today: TODAY, toldPrice: 880 })).toEqual({ customerId: 'c1', change: { ...up, unitPrice: 860 }, corrects: 880 });
  });
});

describe('buysSize and orderedSizesByCustomer', () => {
  it('collects the sizes each customer ordered', () => {
    const sizes = orderedSizesByCustomer([
      { customerId: 'c1', items: [{ size: 20 }, { size: 4 }] },
      { customerId: 'c2', items: [{ size: 50 }] },
      { customerId: 'c1', items: [{ size: 16 }] },
    ]);
    expect([...(sizes.get('c1') ?? [])].sort((a, b) => a - b)).toEqual([4, 16, 20]);
    expect(buysSize({ orderedSizes: sizes.get('c2') ?? new Set(), cylindersOnSite: [] }, 20)).toBe(false);
    expect(buysSize({ orderedSizes: sizes.get('c2') ?? new Set(), cylindersOnSite: [] }, 50)).toBe(true);
  });
});

describe('renderPriceNotice', () => {
  it('announces a rise in Chinese and English', () => {
    expect(renderPriceNotice({ customerId: 'c1', change: up })).toBe('幸福氣通知：自 12/1（二）起 20 公斤桶裝瓦斯每桶 NT$880（原 NT$860，調漲 NT$20）。');
    expect(renderPriceNotice({ customerId: 'c1', change: up }, 'en')).toBe('Lucky Gas notice: from Tue 12/1, a 20 kg cylinder costs NT$880 (was NT$860, up NT$20).');
  });

  it('says 調降 for a decrease', () => {
    const down = { ...up, unitPrice: 1_820, previousPrice: 1_850 };
    expect(renderPriceNotice({ customerId: 'c1', change: down })).toBe('幸福氣通知：自 12/1（二）起 20 公斤桶裝瓦斯每桶 NT$1,820（原 NT$1,850，調降 NT$30）。');
    expect(renderPriceNotice({ customerId: 'c1', change: down }, 'en')).toContain('(was NT$1,850, down NT$30)');
  });

  it('names the price told before in a correction', () => {
    const n = { customerId: 'c1', change: { ...up, unitPrice: 900 }, corrects: 880 };
    expect(renderPriceNotice(n)).toBe('幸福氣更正：自 12/1（二）起 20 公斤桶裝瓦斯每桶 NT$900（原 NT$860，調漲 NT$40）。先前通知的 NT$880 有誤，請以本則為準。');
    expect(renderPriceNotice(n, 'en')).toBe('Lucky Gas correction: from Tue 12/1, a 20 kg cylinder costs NT$900 (was NT$860, up NT$40), not NT$880 as we wrote before.');
  });

  it('takes back a change the entry no longer makes', () => {
    const n = { customerId: 'c1', change: { ...up, unitPrice: 860 }, corrects: 880 };
    expect(renderPriceNotice(n)).toBe('幸福氣更正：12/1（二）起 20 公斤桶裝瓦斯價格不變，仍為每桶 NT$860。先前通知的 NT$880 有誤，請以本則為準。');
    expect(renderPriceNotice(n, 'en')).toBe('Lucky Gas correction: the price of a 20 kg cylinder does not change on Tue 12/1: it stays NT$860, not NT$880 as we wrote before.');
  });
});

describe('priceChangedEvent and priceNoticeId', () => {
  it('announces the entry and its price on the notifications topic', () => {
    const entry = { id: 'price-20-2026-12-01', unitPrice: 880, createdAt: '2026-11-28T02:00:00.000Z' };
    const { topic, event } = priceChangedEvent(entry, 'pricechg-abc', { uid: 'admin1', role: 'admin' });
    expect(topic).toBe('notifications');
    expect(event).toMatchObject({ id: 'pricechg-abc', type: 'price.changed', subject: 'priceList/price-20-2026-12-01', data: { entryId: entry.id, unitPrice: 880 } });
  });

  it('keys a notice by customer and posting', () => {
    expect(priceNoticeId('c1', 'pricechg-abc')).toBe('price-c1-pricechg-abc');
  });
});
