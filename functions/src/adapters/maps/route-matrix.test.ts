import { haversineKm, haversineMatrix, type LatLng } from '../../optimizer/travel-matrix';
import { matrixTiles, planningMatrix, routeMatrix, ROUTE_MATRIX_FIELD_MASK } from './route-matrix';
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
    expect(routes.requestSizes).toEqual([450, 450]);
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

  it('answers road times with a key, and the key and field mask reach the API', async () => {
    const planned = await planningMatrix(places, { apiKey: 'maps-key', apiBase: routes.baseUrl }, { timeoutMs: 2000 });
    expect(planned.travelTimes).toBe('roads');
    expect(planned.fallback).toBeUndefined();
    expect(planned.matrix.distance(0, 1)).toBeCloseTo(haversineKm(places[0]!, places[1]!) * ROAD_FACTOR, 2);
    expect(routes.headers).toEqual([{ apiKey: 'maps-key', fieldMask: ROUTE_MATRIX_FIELD_MASK }]);
  });

  it('plans on straight lines without a key and asks nothing', async () => {
    const planned = await planningMatrix(places, { apiBase: routes.baseUrl });
    expect(planned).toEqual({ matrix: haversineMatrix(places), travelTimes: 'straight-line' });
    expect(routes.headers).toEqual([]);
  });

  it('falls back to straight lines, saying why, when the API is down or refuses the key', async () => {
    routes.failWith(503);
    const down = await planningMatrix(places, { apiKey: 'maps-key', apiBase: routes.baseUrl }, { timeoutMs: 2000 });
    expect(down).toMatchObject({ travelTimes: 'straight-line', fallback: { code: 'MAPS.UNAVAILABLE' } });
    expect(down.matrix).toEqual(haversineMatrix(places));
    routes.failWith(null);
    const refused = await planningMatrix(places, { apiKey: 'wrong', apiBase: routes.baseUrl }, { timeoutMs: 2000 });
    expect(refused).toMatchObject({ travelTimes: 'straight-line', fallback: { code: 'MAPS.REJECTED', message: 'Routes API answered 403' } });
  });

  it('stops asking once one request of the matrix failed', async () => {
    routes.failWith(500);
    await expect(routeMatrix(grid(101), { ...options(), concurrency: 2 })).rejects.toMatchObject({ code: 'MAPS.UNAVAILABLE' });
    await new Promise((r) => setTimeout(r, 100)); // lets a request already in flight land
    expect(routes.headers.length).toBeGreaterThan(0);
    expect(routes.headers.length).toBeLessThanOrEqual(2);
  });
});

describe('matrix tiles', () => {
  const cover = (n: number, tiles: ReturnType<typeof matrixTiles>) => {
    const seen = new Uint8Array(n * n);
    for (const { origins: [o0, o1], destinations: [d0, d1] } of tiles) {
      for (let i = o0; i < o1; i++) for (let j = d0; j < d1; j++) seen[i * n + j]! += 1;
    }
    return seen.every((x) => x === 1);
  };

  it('covers 101 places (100 stops and the depot) in 17 requests of at most 625 elements, the fewest possible', () => {
    const tiles = matrixTiles(101);
    expect(tiles).toHaveLength(Math.ceil((101 * 101) / 625));
    expect(Math.max(...tiles.map((t) => (t.origins[1] - t.origins[0]) * (t.destinations[1] - t.destinations[0])))).toBeLessThanOrEqual(625);
    expect(cover(101, tiles)).toBe(true);
  });

  it('asks once for up to 25 places and splits destinations only beyond 625', () => {
    expect(matrixTiles(25)).toEqual([{ origins: [0, 25], destinations: [0, 25] }]);
    const wide = matrixTiles(700);
    expect(wide).toHaveLength(1400);
    expect(cover(700, wide)).toBe(true);
  });
});
