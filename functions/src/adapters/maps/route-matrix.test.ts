import { haversineKm, haversineMatrix, type LatLng } from '../../optimizer/travel-matrix';
import { routeMatrix } from './route-matrix';
import { ROAD_FACTOR, SPEED_KMH, startRoutesServer, type LocalRoutesServer } from './test-support/routes-server';

const DEPOT: LatLng = { lat: 25.0478, lng: 121.5319 }; // Taipei Main Station area
const places: LatLng[] = [
  DEPOT,
  { lat: 25.0330, lng: 121.5654 }, // Xinyi
  { lat: 25.0129, lng: 121.4657 }, // Banqiao
  { lat: 25.0626, lng: 121.4913 }, // Sanchong
];

/** A grid of places around the depot, enough to need several requests. */
const grid = (n: number): LatLng[] => Array.from({ length: n }, (_, k) => ({ lat: 25 + (k % 6) * 0.01, lng: 121.45 + Math.floor(k / 6) * 0.01 }));

describe('Routes API travel matrix against a local computeRouteMatrix', () => {
  let routes: LocalRoutesServer;
  beforeEach(async () => {
    routes = await startRoutesServer('maps-key');
  });
  afterEach(() => routes.stop());

  const options = () => ({ apiKey: 'maps-key', apiBase: routes.baseUrl, timeoutMs: 2000 });

  it('maps elements back to their origin and destination in km and minutes', async () => {
    const m = await routeMatrix(places, options());
    for (let i = 0; i < places.length; i++) {
      for (let j = 0; j < places.length; j++) {
        const km = i === j ? 0 : haversineKm(places[i]!, places[j]!) * ROAD_FACTOR;
        expect(m.distance(i, j)).toBeCloseTo(km, 2);
        expect(m.duration(i, j)).toBeCloseTo((km / SPEED_KMH) * 60, 1);
      }
    }
    expect(routes.requestSizes).toEqual([16]);
    expect(routes.routing).toEqual([{ preference: 'TRAFFIC_UNAWARE', departureTime: undefined }]);
  });

  it('asks for traffic-aware durations when given a departure time', async () => {
    await routeMatrix(places, { ...options(), departureTime: '2026-11-30T01:00:00Z' });
    expect(routes.routing).toEqual([{ preference: 'TRAFFIC_AWARE', departureTime: '2026-11-30T01:00:00Z' }]);
  });

  it('splits a large matrix into requests of at most 625 elements and fills every cell', async () => {
    const many = grid(30);
    const m = await routeMatrix(many, options());
    expect(routes.requestSizes).toEqual([625, 125, 125, 25]);
    expect(m.distance(29, 0)).toBeCloseTo(haversineKm(many[29]!, many[0]!) * ROAD_FACTOR, 2);
    expect(m.distance(3, 27)).toBeCloseTo(haversineKm(many[3]!, many[27]!) * ROAD_FACTOR, 2);
  });

  it('keeps the haversine estimate for a pair the API cannot route', async () => {
    routes.noRouteBetween(places[1]!, places[2]!);
    const m = await routeMatrix(places, options());
    const estimate = haversineMatrix(places);
    expect(m.distance(1, 2)).toBe(estimate.distance(1, 2));
    expect(m.distance(2, 1)).toBeCloseTo(haversineKm(places[2]!, places[1]!) * ROAD_FACTOR, 2);
  });

  it('classifies a rejected key as permanent and an unreachable API as retryable', async () => {
    await expect(routeMatrix(places, { ...options(), apiKey: 'wrong' })).rejects.toMatchObject({
      code: 'MAPS.REJECTED',
      kind: 'validation',
      details: { status: 403 },
    });
    await routes.stop();
    await expect(routeMatrix(places, options())).rejects.toMatchObject({ code: 'MAPS.UNREACHABLE', kind: 'unavailable' });
    routes = await startRoutesServer('maps-key');
  });
});
