import { startGeocodingServer, type KnownPlace, type LocalGeocodingServer } from '../adapters/maps/test-support/geocoding-server';
import { DISTRICT_CENTRES } from '../domain/customers';
import { aCustomerRequest } from '../domain/test-support/customer-mother';
import { startTestStack, testConfig, type TestStack } from '../local/test-support';
import { apiClient, type Json } from './test-support/api-client';

const KEY = 'maps-key';
const ZHONGHE = { city: '新北市', district: '中和區', road: '中山路', section: 2, number: '100' };
const ZHONGHE_QUERY = '新北市中和區中山路二段100號';
const ROOFTOP: KnownPlace = { location: { lat: 24.99852, lng: 121.49318 }, locationType: 'ROOFTOP', city: '新北市', district: '中和區' };
const DIHUA = { city: '台北市', district: '大同區', road: '迪化街', section: 1, number: '8' };
const DIHUA_QUERY = '台北市大同區迪化街一段8號';

let geo: LocalGeocodingServer;
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  geo = await startGeocodingServer(KEY);
  const maps = { ...testConfig().maps, apiKey: KEY, geocodingApiBase: geo.baseUrl };
  stack = await startTestStack({ suite: 'customers-geocode', subscriptions: [], overrides: { maps } });
  call = apiClient(stack.url, stack.container);
});
afterAll(async () => {
  await stack.close();
  await geo.stop();
});
beforeEach(() => {
  geo.failWith(null);
  geo.queries.length = 0;
});

/** A new customer's body as the office form sends it before anyone pins the map. */
function unlocated(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { location: _pin, ...request } = aCustomerRequest(overrides);
  return request;
}

const stored = async (id: string): Promise<Json | undefined> => (await stack.container.db.collection('customers').doc(id).get()).data();

describe('customers are located from their address', () => {
  it("stores Google's rooftop match as an exact address", async () => {
    geo.place(ZHONGHE_QUERY, ROOFTOP);
    const res = await call('POST', '/api/customers', { as: 'office', body: unlocated({ address: { ...ZHONGHE, floor: '3' } }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ location: ROOFTOP.location, locationPrecision: 'address' });
    expect(await stored(res.body.id)).toMatchObject({ location: ROOFTOP.location, locationPrecision: 'address' });
    expect(geo.queries).toEqual([ZHONGHE_QUERY]);
  });

  it('still saves the customer when Maps is down, at the district centre', async () => {
    geo.failWith(503);
    const res = await call('POST', '/api/customers', { as: 'office', body: unlocated({ address: ZHONGHE }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ location: DISTRICT_CENTRES.新北市.中和區, locationPrecision: 'district' });
  });

  it("keeps the office's own pin as manual without asking Maps", async () => {
    const res = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest() });
    expect(res.body).toMatchObject({ location: { lat: 24.9985, lng: 121.4932 }, locationPrecision: 'manual' });
    expect(geo.queries).toEqual([]);
  });

  it('moves the location with the address, leaves it for a new floor, and drops it when the new address is nowhere', async () => {
    const { body: customer } = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ address: ZHONGHE }) });
    const path = `/api/customers/${customer.id}`;

    const upstairs = await call('PATCH', path, { as: 'office', body: { address: { ...ZHONGHE, floor: '5' } } });
    expect(upstairs.body).toMatchObject({ location: customer.location, locationPrecision: 'manual' });
    expect(geo.queries).toEqual([]);

    geo.place(DIHUA_QUERY, { location: { lat: 25.0565, lng: 121.5098 }, locationType: 'GEOMETRIC_CENTER', city: '臺北市', district: '大同區' });
    const moved = await call('PATCH', path, { as: 'office', body: { address: DIHUA } });
    expect(moved.body).toMatchObject({ location: { lat: 25.0565, lng: 121.5098 }, locationPrecision: 'street' });

    const away = await call('PATCH', path, { as: 'office', body: { address: { city: '台中市', district: '西屯區', road: '台灣大道', section: 3, number: '99' } } });
    expect(away.status).toBe(200);
    expect(away.body).not.toHaveProperty('location');
    expect(await stored(customer.id)).not.toHaveProperty('locationPrecision');
  });
});

describe('an address refused for its 段 costs no Maps call', () => {
  const UNSECTIONED = { city: '台北市', district: '大同區', road: '迪化街', number: '8' };

  it('on create and on an edit that moves the customer', async () => {
    const created = await call('POST', '/api/customers', { as: 'office', body: unlocated({ address: UNSECTIONED }) });
    expect(created.body.error).toMatchObject({ code: 'ADDRESS.SECTION_REQUIRED', details: { sections: [1, 2] } });
    const { body: customer } = await call('POST', '/api/customers', { as: 'office', body: aCustomerRequest({ address: ZHONGHE }) });
    const moved = await call('PATCH', `/api/customers/${customer.id}`, { as: 'office', body: { address: { ...UNSECTIONED, section: 3 } } });
    expect(moved.body.error).toMatchObject({ code: 'ADDRESS.SECTION_UNKNOWN' });
    expect(geo.queries).toEqual([]);
  });
});

describe('POST /api/customers/geocode', () => {
  it('previews where an address is, and answers null when it is nowhere', async () => {
    geo.place(ZHONGHE_QUERY, { ...ROOFTOP, partialMatch: true });
    const found = await call('POST', '/api/customers/geocode', { as: 'admin', body: { address: ZHONGHE } });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ location: ROOFTOP.location, precision: 'street', source: 'google' });
    const nowhere = await call('POST', '/api/customers/geocode', { as: 'office', body: { address: { ...ZHONGHE, city: '台中市', district: '西屯區' } } });
    expect(nowhere.status).toBe(200);
    expect(nowhere.body).toBeNull();
  });

  it('refuses an incomplete address with a field message in the caller language', async () => {
    const res = await call('POST', '/api/customers/geocode', { as: 'office', lang: 'en', body: { address: { ...ZHONGHE, number: '十二' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ path: 'body.address.number', message: expect.stringMatching(/Invalid house number/) })]);
  });
});

describe('POST /api/customers/parse-address', () => {
  it('reads an address said as one line into the parts the forms and the geocoder take, and locates it from them (the depot form)', async () => {
    const read = await call('POST', '/api/customers/parse-address', { as: 'admin', body: { text: '新北市中和區中山路2段100號3樓' } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ address: { ...ZHONGHE, floor: '3', full: '新北市中和區中山路二段100號3樓' } });
    geo.place(ZHONGHE_QUERY, ROOFTOP);
    const { full: _full, ...address } = read.body.address as Json;
    const located = await call('POST', '/api/customers/geocode', { as: 'admin', body: { address } });
    expect(located.body).toEqual({ location: ROOFTOP.location, precision: 'address', source: 'google' });
  });

  it('says on the text what the address lacks, in the caller’s language', async () => {
    const noCity = await call('POST', '/api/customers/parse-address', { as: 'office', body: { text: '文化路一段20號' } });
    expect([noCity.status, noCity.body.error.code]).toEqual([400, 'ADDRESS.CITY_MISSING']);
    expect(noCity.body.error.fields).toEqual([{ path: 'body.text', message: '地址缺少縣市或鄉鎮市區（例：新北市中和區…）' }]);
    const noNumber = await call('POST', '/api/customers/parse-address', { as: 'office', lang: 'en', body: { text: '新北市板橋區文化路一段' } });
    expect(noNumber.body.error.fields).toEqual([{ path: 'body.text', message: 'The address lacks a house number (…號)' }]);
    expect((await call('POST', '/api/customers/parse-address', { as: 'driver1', body: { text: '新北市板橋區文化路一段20號' } })).status).toBe(403);
  });
});
