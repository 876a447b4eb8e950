import { loadConfig } from '../../config/load-config';
import { DISTRICT_CENTRES, taiwanLocationSchema, withFullAddress, type Address } from '../../domain/customers';
import { gazetteerGeocoder, geocoderFromConfig, googleGeocoder, withGazetteerFallback } from './geocoder';
import { startGeocodingServer, type KnownPlace, type LocalGeocodingServer } from './test-support/geocoding-server';

const KEY = 'maps-key';
const ZHONGHE: Address = withFullAddress({ city: '新北市', district: '中和區', road: '中山路', section: 2, number: '100', floor: '3' });
const QUERY = '新北市中和區中山路二段100號';
const rooftop: KnownPlace = { location: { lat: 24.99852, lng: 121.49318 }, locationType: 'ROOFTOP', city: '新北市', district: '中和區' };

describe('Google geocoder against a local Geocoding API', () => {
  let api: LocalGeocodingServer;
  beforeEach(async () => {
    api = await startGeocodingServer(KEY);
  });
  afterEach(() => api.stop());

  const google = (overrides: { apiKey?: string; timeoutMs?: number } = {}) =>
    googleGeocoder({ apiKey: KEY, apiBase: api.baseUrl, timeoutMs: 2000, ...overrides });

  it('asks for the building without its floor and takes a rooftop match as the exact address', async () => {
    api.place(QUERY, rooftop);
    await expect(google().geocode(ZHONGHE)).resolves.toEqual({ location: rooftop.location, precision: 'address', source: 'google' });
    expect(api.queries).toEqual([QUERY]);
  });

  it.each([
    ['RANGE_INTERPOLATED', false, 'address'],
    ['GEOMETRIC_CENTER', false, 'street'],
    ['APPROXIMATE', false, 'district'],
    ['ROOFTOP', true, 'street'],
    ['GEOMETRIC_CENTER', true, 'district'],
    ['APPROXIMATE', true, 'district'],
  ] as const)('reads %s (partial match: %s) as %s', async (locationType, partialMatch, precision) => {
    api.place(QUERY, { ...rooftop, locationType, partialMatch });
    await expect(google().geocode(ZHONGHE)).resolves.toMatchObject({ precision });
  });

  it('compares districts with 臺 and 台 alike', async () => {
    const address = withFullAddress({ city: '台北市', district: '中正區', road: '重慶南路', section: 1, number: '122' });
    api.place(address.full, { location: { lat: 25.04, lng: 121.512 }, locationType: 'ROOFTOP', city: '臺北市', district: '中正區' });
    await expect(google().geocode(address)).resolves.toMatchObject({ precision: 'address' });
  });

  it('distrusts a result in another district or outside Taiwan, taking the next one that fits', async () => {
    const elsewhere: KnownPlace = { ...rooftop, district: '永和區' };
    const abroad: KnownPlace = { ...rooftop, location: { lat: 35.68, lng: 139.76 } };
    api.place(QUERY, elsewhere, abroad);
    await expect(google().geocode(ZHONGHE)).resolves.toBeNull();
    api.place(QUERY, elsewhere, { ...rooftop, locationType: 'GEOMETRIC_CENTER' });
    await expect(google().geocode(ZHONGHE)).resolves.toMatchObject({ precision: 'street' });
  });

  it('answers null when the API finds nothing', async () => {
    await expect(google().geocode(ZHONGHE)).resolves.toBeNull();
  });

  it.each([
    ['OVER_QUERY_LIMIT', 'MAPS.UNAVAILABLE', 'unavailable'],
    ['UNKNOWN_ERROR', 'MAPS.UNAVAILABLE', 'unavailable'],
    ['OVER_DAILY_LIMIT', 'MAPS.REJECTED', 'validation'],
    [503, 'MAPS.UNAVAILABLE', 'unavailable'],
    [400, 'MAPS.REJECTED', 'validation'],
  ] as const)('turns %s into %s', async (failure, code, kind) => {
    api.failWith(failure);
    await expect(google().geocode(ZHONGHE)).rejects.toMatchObject({ code, kind });
  });

  it('is rejected with a wrong key and unavailable when the API does not answer in time', async () => {
    await expect(google({ apiKey: 'wrong' }).geocode(ZHONGHE)).rejects.toMatchObject({ code: 'MAPS.REJECTED', details: { status: 'REQUEST_DENIED' } });
    api.delayBy(300);
    await expect(google({ timeoutMs: 50 }).geocode(ZHONGHE)).rejects.toMatchObject({ code: 'MAPS.UNAVAILABLE', kind: 'unavailable' });
  });

  it('from configuration: Google with a key, and the district centre when Google is down or finds nothing', async () => {
    const failures: unknown[] = [];
    const geocoder = geocoderFromConfig(loadConfig({ LG_MAPS_API_KEY: KEY, LG_GEOCODING_API_BASE: api.baseUrl }).maps, (e) => failures.push(e));
    api.place(QUERY, rooftop);
    await expect(geocoder.geocode(ZHONGHE)).resolves.toMatchObject({ source: 'google', precision: 'address' });
    const centre = { location: DISTRICT_CENTRES.新北市.中和區, precision: 'district', source: 'gazetteer' };
    api.place(QUERY);
    await expect(geocoder.geocode(ZHONGHE)).resolves.toEqual(centre);
    expect(failures).toEqual([]);
    api.failWith('OVER_QUERY_LIMIT');
    await expect(geocoder.geocode(ZHONGHE)).resolves.toEqual(centre);
    expect(failures).toEqual([expect.objectContaining({ code: 'MAPS.UNAVAILABLE' })]);
  });
  it('stops asking Google while it keeps failing, so a long import falls back at once, and asks again after the cool-down', async () => {
    let now = Date.parse('2026-11-29T02:00:00Z');
    const clock = { now: () => new Date(now) };
    const failures: unknown[] = [];
    const geocoder = geocoderFromConfig(loadConfig({ LG_MAPS_API_KEY: KEY, LG_GEOCODING_API_BASE: api.baseUrl }).maps, (e) => failures.push(e), clock);
    api.failWith('UNKNOWN_ERROR');
    for (let i = 0; i < 8; i++) await expect(geocoder.geocode(ZHONGHE)).resolves.toMatchObject({ source: 'gazetteer' });
    expect(api.queries.length).toBe(5);
    expect(failures.filter((e) => (e as { code?: string }).code === 'RESILIENCE.CIRCUIT_OPEN')).toHaveLength(3);
    api.failWith(null);
    api.place(QUERY, rooftop);
    now += 30_000;
    await expect(geocoder.geocode(ZHONGHE)).resolves.toMatchObject({ source: 'google' });
  });
});

describe('gazetteer geocoder', () => {
  it('knows every district of 台北市 (12) and 新北市 (29), inside Taiwan', () => {
    expect(Object.keys(DISTRICT_CENTRES.台北市)).toHaveLength(12);
    expect(Object.keys(DISTRICT_CENTRES.新北市)).toHaveLength(29);
    const points = [...Object.values(DISTRICT_CENTRES.台北市), ...Object.values(DISTRICT_CENTRES.新北市)];
    for (const p of points) expect(taiwanLocationSchema.safeParse(p).success).toBe(true);
  });

  it('answers the district centre, 臺 or 台, and null for a district it does not know', async () => {
    const address = withFullAddress({ city: '臺北市', district: '士林區', road: '中正路', number: '1' });
    await expect(gazetteerGeocoder.geocode(address)).resolves.toEqual({ location: DISTRICT_CENTRES.台北市.士林區, precision: 'district', source: 'gazetteer' });
    await expect(gazetteerGeocoder.geocode(withFullAddress({ ...address, city: '台中市', district: '西屯區' }))).resolves.toBeNull();
  });

  it('is the geocoder without a Maps key', () => {
    expect(geocoderFromConfig(loadConfig({}).maps)).toBe(gazetteerGeocoder);
  });

  it('stands behind a primary that throws, without hiding its own answer', async () => {
    const failing = { geocode: () => Promise.reject(new Error('down')) };
    const seen: unknown[] = [];
    await expect(withGazetteerFallback(failing, gazetteerGeocoder, (e) => seen.push(e)).geocode(ZHONGHE)).resolves.toMatchObject({ source: 'gazetteer' });
    expect(seen).toHaveLength(1);
  });
});
