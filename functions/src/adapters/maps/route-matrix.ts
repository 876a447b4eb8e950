import { DomainError } from '../../domain/errors';
import type { TravelTimes } from '../../domain/routes/route';
import { callProvider, type Fetch } from '../notify/http';
import { mapsError } from './maps-error';
import { DenseTravelMatrix, haversineMatrix, type HaversineOptions, DEFAULT_HAVERSINE, type LatLng } from '../../optimizer/travel-matrix';

/**
 * Fills the solver's `TravelMatrix` from the Google Maps Routes API `computeRouteMatrix`
 * (`POST https://routes.googleapis.com/distanceMatrix/v2:computeRouteMatrix`, API key in
 * `X-Goog-Api-Key`, the response fields chosen by `X-Goog-FieldMask`). Distances are km and
 * durations minutes, the units of `haversineMatrix`, which also answers for any pair the API
 * has no route for.
 */
export interface RouteMatrixOptions {
  readonly apiKey: string;
  /** `https://routes.googleapis.com`, or a local server in tests. */
  readonly apiBase?: string;
  /** Traffic-aware durations for this departure (ISO instant); without it, free-flow durations. */
  readonly departureTime?: string;
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
  /** Elements (origins × destinations) per request; the API allows at most 625. */
  readonly maxElements?: number;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  readonly fallback?: HaversineOptions;
}

export const ROUTES_API_BASE = 'https://routes.googleapis.com';
export const ROUTE_MATRIX_FIELD_MASK = 'originIndex,destinationIndex,status,condition,distanceMeters,duration';
const MAX_ELEMENTS = 625;
const DEFAULT_CONCURRENCY = 4;

interface RouteMatrixElement {
  readonly originIndex?: number;
  readonly destinationIndex?: number;
  readonly status?: { readonly code?: number; readonly message?: string };
  readonly condition?: 'ROUTE_EXISTS' | 'ROUTE_NOT_FOUND' | 'ROUTE_MATRIX_ELEMENT_CONDITION_UNSPECIFIED';
  readonly distanceMeters?: number;
  /** Protobuf Duration in JSON: seconds with an `s` suffix, e.g. `"754s"`. */
  readonly duration?: string;
}

const waypoint = (p: LatLng) => ({ waypoint: { location: { latLng: { latitude: p.lat, longitude: p.lng } } } });

function parseDurationSeconds(d: string | undefined): number | undefined {
  const m = d === undefined ? null : /^(\d+(?:\.\d+)?)s$/.exec(d);
  return m ? Number(m[1]) : undefined;
}

async function fetchTile(
  options: RouteMatrixOptions,
  origins: readonly LatLng[],
  destinations: readonly LatLng[],
): Promise<RouteMatrixElement[]> {
  const body = {
    origins: origins.map(waypoint),
    destinations: destinations.map(waypoint),
    travelMode: 'DRIVE',
    routingPreference: options.departureTime ? 'TRAFFIC_AWARE' : 'TRAFFIC_UNAWARE',
    ...(options.departureTime ? { departureTime: options.departureTime } : {}),
  };
  const url = `${(options.apiBase ?? ROUTES_API_BASE).replace(/\/$/, '')}/distanceMatrix/v2:computeRouteMatrix`;
  const call = { provider: 'MAPS', timeoutMs: options.timeoutMs ?? 10_000, fetch: options.fetch ?? fetch };
  const { response, body: text } = await callProvider(call, url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Goog-Api-Key': options.apiKey,
      'X-Goog-FieldMask': ROUTE_MATRIX_FIELD_MASK,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const retryable = response.status === 429 || response.status >= 500;
    throw mapsError(retryable ? 'unavailable' : 'validation', `Routes API answered ${response.status}`, {
      status: response.status,
      body: text.slice(0, 500),
    });
  }
  try {
    return JSON.parse(text) as RouteMatrixElement[]; // the documented response: a JSON array of elements, each read defensively below
  } catch (error) {
    throw mapsError('unavailable', 'Routes API answered with something that is not JSON', {}, error);
  }
}

/**
 * Requests covering the whole matrix, each within the API's 625 elements: bands of origins against
 * every destination (101 places: 17 requests of 6 × 101, the fewest possible), destinations split
 * only beyond 625 places. Bands are balanced so the last is not a sliver.
 */
export function matrixTiles(n: number, maxElements = MAX_ELEMENTS): { origins: [number, number]; destinations: [number, number] }[] {
  const destWidth = Math.min(n, maxElements);
  const perBand = Math.max(1, Math.floor(maxElements / destWidth));
  const bands = Math.ceil(n / perBand);
  const rows = Math.ceil(n / bands);
  const tiles: { origins: [number, number]; destinations: [number, number] }[] = [];
  for (let o = 0; o < n; o += rows) {
    for (let d = 0; d < n; d += destWidth) tiles.push({ origins: [o, Math.min(n, o + rows)], destinations: [d, Math.min(n, d + destWidth)] });
  }
  return tiles;
}

/**
 * The road travel matrix between `places`, requested in tiles small enough for the API, a few at
 * a time. Pairs the API cannot route (no road, an element error) keep the haversine estimate; any
 * failed request fails the whole matrix (callers fall back to straight lines).
 */
export async function routeMatrix(places: readonly LatLng[], options: RouteMatrixOptions): Promise<DenseTravelMatrix> {
  const n = places.length;
  const estimate = haversineMatrix(places, options.fallback ?? DEFAULT_HAVERSINE);
  const distances = new Float64Array(n * n);
  const durations = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      distances[i * n + j] = estimate.distance(i, j);
      durations[i * n + j] = estimate.duration(i, j);
    }
  }

  const tiles = n < 2 ? [] : matrixTiles(n, options.maxElements);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < tiles.length) {
      const { origins: [o0, o1], destinations: [d0, d1] } = tiles[next++]!;
      let elements: RouteMatrixElement[];
      try {
        elements = await fetchTile(options, places.slice(o0, o1), places.slice(d0, d1));
      } catch (error) {
        failed = true;
        throw error;
      }
      for (const e of elements) {
        const seconds = parseDurationSeconds(e.duration);
        // Elements come back in any order; the indices are relative to this tile's lists.
        const i = o0 + (e.originIndex ?? 0);
        const j = d0 + (e.destinationIndex ?? 0);
        if (i === j || (e.status?.code ?? 0) !== 0 || e.condition !== 'ROUTE_EXISTS') continue;
        if (seconds === undefined || e.distanceMeters === undefined || i >= o1 || j >= d1) continue;
        distances[i * n + j] = e.distanceMeters / 1000;
        durations[i * n + j] = seconds / 60;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, tiles.length) }, worker));
  return new DenseTravelMatrix(n, distances, durations);
}

export interface PlanningMatrix {
  readonly matrix: DenseTravelMatrix;
  /** `roads` from the Routes API; `straight-line` without a key or when the API failed. */
  readonly travelTimes: TravelTimes;
  /** Why a configured Routes API was not used (the error's code and message). */
  readonly fallback?: { readonly code: string; readonly message: string };
}

/**
 * The matrix an optimisation plans with: road times when a Maps key is configured, the haversine
 * estimate without one and whenever the Routes API fails (refused key, quota, 5xx, timeout), so
 * a Maps outage never fails a plan.
 */
export async function planningMatrix(
  places: readonly LatLng[],
  maps: { readonly apiKey?: string; readonly apiBase: string },
  options: Omit<RouteMatrixOptions, 'apiKey' | 'apiBase'> = {},
): Promise<PlanningMatrix> {
  const straight = () => haversineMatrix(places, options.fallback ?? DEFAULT_HAVERSINE);
  if (!maps.apiKey) return { matrix: straight(), travelTimes: 'straight-line' };
  try {
    return { matrix: await routeMatrix(places, { ...options, apiKey: maps.apiKey, apiBase: maps.apiBase }), travelTimes: 'roads' };
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'MAPS.FAILED';
    return { matrix: straight(), travelTimes: 'straight-line', fallback: { code, message: error instanceof Error ? error.message : String(error) } };
  }
}
