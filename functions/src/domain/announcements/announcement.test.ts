import { exampleOf } from '../schema';
import { aCustomer, OFFICE } from '../test-support';
import {
  announcementDispatchId,
  announcementInputSchema,
  announcementPreview,
  assertAudienceDepot,
  MAX_ANNOUNCEMENT_DAYS,
  newAnnouncement,
  portalAnnouncements,
  MARKETING_OPT_OUT_LINE,
  renderAnnouncement,
  skipOf,
  smsSegments,
  staffAnnouncements,
  type Announcement,
  type AnnouncementInput,
  withdrawAnnouncement,
} from './announcement';

const input = (overrides: Record<string, unknown> = {}): AnnouncementInput =>
  announcementInputSchema.parse({
    'zh-TW': { title: '分裝場供氣不足', body: '本週部分訂單延後一天配送。' },
    audience: { kind: 'all' },
    showFrom: '2026-12-01',
    showTo: '2026-12-05',
    ...overrides,
  });
const stored = (overrides: Record<string, unknown> = {}, id = 'ann-1'): Announcement =>
  newAnnouncement(input(overrides), { id, today: '2026-12-01', by: { uid: OFFICE.uid, role: 'office' }, at: new Date('2026-12-01T01:00:00Z') });

describe('announcementInputSchema', () => {
  it('accepts its OpenAPI example, and sends to the customers unless told not to', () => {
    expect(announcementInputSchema.safeParse(exampleOf(announcementInputSchema)).success).toBe(true);
    expect(input().notifyCustomers).toBe(true);
  });

  it('takes an announcement for a service message unless the office says it is marketing', () => {
    expect(input().kind).toBe('service');
    expect(input({ kind: 'marketing' }).kind).toBe('marketing');
    expect(announcementInputSchema.safeParse({ ...input(), kind: 'promotion' }).success).toBe(false);
  });

  it.each([
    [{ showTo: '2026-11-30' }, 'showTo', 'ANNOUNCEMENT.END_BEFORE_START'],
    [{ showTo: '2027-01-01' }, 'showTo', 'ANNOUNCEMENT.TOO_LONG'],
    [{ audience: { kind: 'districts', districts: ['信義區', '板橋市'] } }, 'audience.districts.1', 'CLOSURE.UNKNOWN_DISTRICT'],
    [{ audience: { kind: 'customers', customerIds: [] } }, 'audience.customerIds', undefined],
    [{ 'zh-TW': { title: '', body: '內容' } }, 'zh-TW.title', undefined],
    [{ en: { title: 'Shortage' } }, 'en.body', undefined],
  ])('refuses %j at %s', (overrides, path, message) => {
    const result = announcementInputSchema.safeParse({ 'zh-TW': { title: '公告', body: '內容' }, audience: { kind: 'all' }, showFrom: '2026-12-01', showTo: '2026-12-05', ...overrides });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.') === path);
    expect(issue).toBeDefined();
    if (message) expect(issue?.message).toBe(message);
  });

  it(`takes a window of ${MAX_ANNOUNCEMENT_DAYS} days, both ends included`, () => {
    expect(announcementInputSchema.safeParse({ ...input(), showTo: '2026-12-31' }).success).toBe(true);
  });
});

describe('newAnnouncement', () => {
  it('refuses one whose last day is past, since nobody would see it', () => {
    expect(() => newAnnouncement(input({ showFrom: '2026-11-20', showTo: '2026-11-30' }), { id: 'a', today: '2026-12-01', by: { uid: 'u', role: 'office' }, at: new Date() })).toThrow(
      expect.objectContaining({ code: 'ANNOUNCEMENT.ENDED', kind: 'precondition' }),
    );
  });
});

describe('withdrawAnnouncement', () => {
  const by = { uid: 'u-admin', role: 'admin' as const };
  const at = new Date('2026-12-02T03:00:00Z');
  it('takes it off the portal from then on, once, and refuses one already over', () => {
    const withdrawn = withdrawAnnouncement(stored(), { today: '2026-12-02', by, at });
    expect(withdrawn).toMatchObject({ withdrawnAt: '2026-12-02T03:00:00.000Z', withdrawnBy: 'u-admin' });
    expect(withdrawAnnouncement(withdrawn, { today: '2026-12-03', by: { uid: 'u-office', role: 'office' }, at: new Date() })).toBe(withdrawn);
    expect(() => withdrawAnnouncement(stored(), { today: '2026-12-06', by, at })).toThrow(expect.objectContaining({ code: 'ANNOUNCEMENT.ENDED' }));
  });
});

describe('skipOf', () => {
  const restaurant = aCustomer().withId('c-1').ofType('restaurant').build();
  it.each([
    [{ kind: 'all' }, null],
    [{ kind: 'districts', districts: ['中和區'] }, null],
    [{ kind: 'districts', districts: ['永和區'] }, 'NOT_IN_AUDIENCE'],
    [{ kind: 'types', types: ['restaurant', 'industrial'] }, null],
    [{ kind: 'types', types: ['household'] }, 'NOT_IN_AUDIENCE'],
    [{ kind: 'customers', customerIds: ['c-2', 'c-1'] }, null],
    [{ kind: 'customers', customerIds: ['c-2'] }, 'NOT_IN_AUDIENCE'],
  ])('audience %j → %s for a restaurant in 中和區', (audience, expected) => {
    expect(skipOf(stored({ audience }), restaurant)).toBe(expected);
  });

  it("reaches a depot's customers, those the nearest depot in service serves, and nobody without a pinned place or of an unknown depot", () => {
    // c-1 is pinned in 中和; 中和站 sits beside it, 三重站 across the river, 舊站 closer still but out of service.
    const depot = (id: string, lat: number, lng: number, active = true) => ({ id, name: id, address: id, location: { lat, lng }, active });
    const context = { depots: [depot('d-zhonghe', 24.999, 121.494), depot('d-sanchong', 25.06, 121.49), depot('d-old', 24.9985, 121.4932, false)] };
    const forDepot = (depotId: string) => stored({ audience: { kind: 'depot', depotId } });
    expect(skipOf(forDepot('d-zhonghe'), restaurant, context)).toBeNull();
    expect(skipOf(forDepot('d-sanchong'), restaurant, context)).toBe('NOT_IN_AUDIENCE');
    expect(skipOf(forDepot('d-old'), restaurant, context)).toBe('NOT_IN_AUDIENCE');
    const { location: _pin, ...unpinned } = restaurant;
    expect(skipOf(forDepot('d-zhonghe'), unpinned, context)).toBe('NOT_IN_AUDIENCE');
    expect(portalAnnouncements([forDepot('d-zhonghe'), stored({ audience: { kind: 'depot', depotId: 'd-sanchong' } }, 'ann-2')], restaurant, '2026-12-02', 'zh-TW', new Set(), context).map((a) => a.id)).toEqual(['ann-1']);
    expect(() => assertAudienceDepot({ kind: 'depot', depotId: 'd-old' }, context.depots)).toThrow(expect.objectContaining({ code: 'ANNOUNCEMENT.UNKNOWN_DEPOT' }));
    expect(() => assertAudienceDepot({ kind: 'depot', depotId: 'd-nowhere' }, context.depots)).toThrow(expect.objectContaining({ code: 'ANNOUNCEMENT.UNKNOWN_DEPOT' }));
    expect(() => assertAudienceDepot({ kind: 'depot', depotId: 'd-sanchong' }, context.depots)).not.toThrow();
  });

  it('never sends to an inactive customer, nor to one whose data is erased, even when chosen by name', () => {
    const chosen = stored({ audience: { kind: 'customers', customerIds: ['c-1'] } });
    expect(skipOf(chosen, { ...restaurant, status: 'inactive' })).toBe('INACTIVE');
    expect(skipOf(chosen, { ...restaurant, status: 'inactive', erasure: { at: '2026-11-01T00:00:00.000Z', by: { uid: 'u-admin', role: 'admin' as const }, reason: '客戶來電要求刪除個資', retainUntil: '2033-12-31' } })).toBe('ERASED');
  });
});

describe('skipOf, for marketing (個資法 §20)', () => {
  const objected = { ...aCustomer().withId('c-1').build(), marketingOptOut: { at: '2026-11-20T02:00:00.000Z', by: { uid: 'u-cust', role: 'customer' as const } } };
  const willing = aCustomer().withId('c-2').build();

  it('leaves out of a marketing announcement the customer who objected to marketing, even when chosen by name', () => {
    expect(skipOf(stored({ kind: 'marketing' }), objected)).toBe('MARKETING_OPT_OUT');
    expect(skipOf(stored({ kind: 'marketing', audience: { kind: 'customers', customerIds: ['c-1'] } }), objected)).toBe('MARKETING_OPT_OUT');
    expect(skipOf(stored({ kind: 'marketing' }), willing)).toBeNull();
  });

  it('sends a service announcement to one who objected to marketing, and to one stored before kinds', () => {
    expect(skipOf(stored({ kind: 'service' }), objected)).toBeNull();
    const { kind: _none, ...beforeKinds } = stored();
    expect(skipOf(beforeKinds, objected)).toBeNull();
  });

  it('tells an inactive one who objected that they are inactive first, and one outside the audience that they are outside it', () => {
    expect(skipOf(stored({ kind: 'marketing' }), { ...objected, status: 'inactive' })).toBe('INACTIVE');
    expect(skipOf(stored({ kind: 'marketing', audience: { kind: 'types', types: ['industrial'] } }), objected)).toBe('NOT_IN_AUDIENCE');
  });
});

describe('renderAnnouncement', () => {
  it('ends a marketing message with how to object to marketing, in the customer’s language even when the words are only in Chinese', () => {
    const sale = stored({ kind: 'marketing', 'zh-TW': { title: '換錶優惠', body: '本月換新調整器九折。' }, en: { title: 'Regulator offer', body: '10% off a new regulator this month.' } });
    expect(renderAnnouncement(sale, 'zh-TW')).toBe(`幸福氣公告：換錶優惠\n本月換新調整器九折。\n${MARKETING_OPT_OUT_LINE['zh-TW']}`);
    expect(renderAnnouncement(sale, 'en')).toBe(`Lucky Gas notice: Regulator offer\n10% off a new regulator this month.\n${MARKETING_OPT_OUT_LINE.en}`);
    expect(renderAnnouncement({ ...sale, en: undefined }, 'en')).toBe(`幸福氣公告：換錶優惠\n本月換新調整器九折。\n${MARKETING_OPT_OUT_LINE.en}`);
    expect(renderAnnouncement(stored({ kind: 'service' }), 'zh-TW')).not.toContain(MARKETING_OPT_OUT_LINE['zh-TW']);
  });


  it('writes to an English reader in English when the office wrote it, in Chinese otherwise', () => {
    const both = stored({ en: { title: 'Gas shortage', body: 'Some deliveries move a day.' } });
    expect(renderAnnouncement(both, 'zh-TW')).toBe('幸福氣公告：分裝場供氣不足\n本週部分訂單延後一天配送。');
    expect(renderAnnouncement(both, 'en')).toBe('Lucky Gas notice: Gas shortage\nSome deliveries move a day.');
    expect(renderAnnouncement(stored(), 'en')).toBe('幸福氣公告：分裝場供氣不足\n本週部分訂單延後一天配送。');
  });

  it('gives each customer one dispatch id per announcement', () => {
    expect(announcementDispatchId('ann-1', 'c-1')).toBe('announcement-ann-1-c-1');
  });
});

describe('smsSegments', () => {
  it.each([
    { what: '70 Chinese characters', text: '中'.repeat(70), texts: 1 },
    { what: '71 Chinese characters', text: '中'.repeat(71), texts: 2 },
    { what: '134 Chinese characters', text: '中'.repeat(134), texts: 2 },
    { what: '135 Chinese characters', text: '中'.repeat(135), texts: 3 },
    { what: '160 Latin letters', text: 'a'.repeat(160), texts: 1 },
    { what: '161 Latin letters', text: 'a'.repeat(161), texts: 2 },
    { what: '159 letters and a € (two septets)', text: 'a'.repeat(159) + '€', texts: 2 },
    { what: '69 letters and one Chinese character', text: 'a'.repeat(69) + '中', texts: 1 },
  ])('$what cost $texts SMS texts', ({ text, texts }) => {
    expect(smsSegments(text)).toBe(texts);
  });
});

describe('announcementPreview', () => {
  it('says how many of the audience a marketing one leaves out for their objection', () => {
    expect(announcementPreview(stored({ kind: 'marketing' }), [{ reach: { channel: 'line' }, locale: 'zh-TW' }], 2)).toMatchObject({ recipients: 1, optedOut: 2 });
  });


  it('counts the recipients by channel and the SMS texts each costs in their language', () => {
    const a = stored({ 'zh-TW': { title: '颱風', body: '中'.repeat(80) }, en: { title: 'Typhoon', body: 'No deliveries tomorrow.' } });
    const preview = announcementPreview(a, [
      { reach: { channel: 'line' }, locale: 'zh-TW' },
      { reach: { channel: 'sms', phone: '0912345678' }, locale: 'zh-TW' },
      { reach: { channel: 'sms', phone: '0922345678' }, locale: 'en' },
      { reach: { channel: 'inbox' }, locale: 'zh-TW' },
      { reach: { channel: 'none' }, locale: 'zh-TW' },
    ], 0);
    expect(preview).toEqual({ recipients: 5, optedOut: 0, channels: { line: 1, sms: 2, inbox: 1, none: 1 }, segments: { 'zh-TW': 2, en: 1 }, smsTexts: 3 });
  });
});

describe('portalAnnouncements', () => {
  const customer = aCustomer().withId('c-1').ofType('household').build();
  it('shows the customer those of their audience on their days, in the reader’s language, the Chinese when none is written in it', () => {
    const list = [
      stored({ en: { title: 'Typhoon', body: 'Closed tomorrow.' }, showFrom: '2026-12-02', showTo: '2026-12-03' }, 'today'),
      stored({ showFrom: '2026-12-04', showTo: '2026-12-05' }, 'later'),
      stored({ audience: { kind: 'types', types: ['restaurant'] } }, 'restaurants'),
      stored({ showFrom: '2026-12-01', showTo: '2026-12-02' }, 'last-day'),
    ];
    expect(portalAnnouncements(list, customer, '2026-12-02', 'en').map((a) => [a.id, a.title])).toEqual([
      ['today', 'Typhoon'],
      ['last-day', '分裝場供氣不足'],
    ]);
  });

  it('shows no marketing to one who objected to it, the service ones all the same, and none this account closed', () => {
    const objected = { ...customer, marketingOptOut: { at: '2026-11-20T02:00:00.000Z', by: { uid: 'u-office', role: 'office' as const } } };
    const list = [stored({ kind: 'marketing' }, 'sale'), stored({ kind: 'service' }, 'typhoon'), stored({}, 'holiday')];
    expect(portalAnnouncements(list, objected, '2026-12-02', 'zh-TW').map((a) => a.id)).toEqual(['typhoon', 'holiday']);
    expect(portalAnnouncements(list, customer, '2026-12-02', 'zh-TW', new Set(['typhoon'])).map((a) => a.id)).toEqual(['sale', 'holiday']);
  });

  it('shows none withdrawn', () => {
    const withdrawn = withdrawAnnouncement(stored(), { today: '2026-12-01', by: { uid: 'u-office', role: 'office' }, at: new Date('2026-12-01T02:00:00Z') });
    expect(portalAnnouncements([withdrawn], customer, '2026-12-02', 'zh-TW')).toEqual([]);
  });
});

describe('staffAnnouncements', () => {
  const withdrawnOn = (a: Announcement) => withdrawAnnouncement(a, { today: '2026-12-01', by: { uid: 'u-office', role: 'office' }, at: new Date('2026-12-01T02:00:00Z') });
  it('shows staff every service one on its days, its first and last included, whatever its audience, and none withdrawn, marketing, begun later or over', () => {
    const list = [
      stored({ showFrom: '2026-12-02', showTo: '2026-12-04', audience: { kind: 'types', types: ['restaurant'] } }, 'first-day'),
      stored({ showFrom: '2026-11-28', showTo: '2026-12-02', audience: { kind: 'customers', customerIds: ['c-9'] } }, 'last-day'),
      stored({ showFrom: '2026-12-03', showTo: '2026-12-05' }, 'tomorrow'),
      stored({ showFrom: '2026-11-28', showTo: '2026-12-01' }, 'over'),
      stored({ kind: 'marketing' }, 'sale'),
      withdrawnOn(stored({}, 'withdrawn')),
    ];
    expect(staffAnnouncements(list, '2026-12-02', 'zh-TW').map((a) => a.id)).toEqual(['first-day', 'last-day']);
  });

  it('gives the words in the reader’s language, the Chinese when none is written in it, with whom it is for and a depot audience’s name', () => {
    const depot = { id: 'd-zhonghe', name: '中和站', address: '中和', location: { lat: 24.999, lng: 121.494 }, active: true };
    const list = [stored({ en: { title: 'Typhoon', body: 'Closed tomorrow.' } }, 'typhoon'), stored({ audience: { kind: 'depot', depotId: 'd-zhonghe' } }, 'depot')];
    expect(staffAnnouncements(list, '2026-12-02', 'en', { depots: [depot] })).toEqual([
      { id: 'typhoon', title: 'Typhoon', body: 'Closed tomorrow.', showFrom: '2026-12-01', showTo: '2026-12-05', audience: { kind: 'all' } },
      { id: 'depot', title: '分裝場供氣不足', body: '本週部分訂單延後一天配送。', showFrom: '2026-12-01', showTo: '2026-12-05', audience: { kind: 'depot', depotId: 'd-zhonghe' }, depotName: '中和站' },
    ]);
  });
});
