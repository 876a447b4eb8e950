import type { ServerResponse } from 'node:http';
import { haversineKm, type LatLng } from '../../../optimizer/travel-matrix';
import { startHttpServer } from '../../notify/test-support/http-server';

/**
 * A local stand-in for the Routes API `computeRouteMatrix` that checks the request format (API key,
 * field mask, waypoint shape, the 625-element limit) and answers like the API: a JSON array of
 * elements in no particular order, proto3 JSON (zero-valued fields omitted, durations as `"123s"`).
 * Road distance is 1.3 × great-circle (or what `roads` says) at 30 km/h, so tests know the expected numbers.
 */
export interface LocalRoutesServer {
  readonly baseUrl: string;
  /** Element counts of each request received. */
  readonly requestSizes: number[];
  /** `routingPreference` and `departureTime` of each request received. */
  readonly routing: { preference: unknown; departureTime: unknown }[];
  /** The API key and field mask each request (accepted or not) came with. */
  readonly headers: { apiKey: unknown; fieldMask: unknown }[];
  /** Pairs (by coordinates) that have no route. */
  noRouteBetween(a: LatLng, b: LatLng): void;
  /** Road km for a pair instead of the great-circle estimate (undefined keeps it): rivers, one-way streets. */
  roads(km: (from: LatLng, to: LatLng) => number | undefined): void;
  /** Answers every request with this HTTP status (and a Google error body) until called with `null`. */
  failWith(status: number | null): void;
  stop(): Promise<void>;
}

export const ROAD_FACTOR = 1.3;
export const SPEED_KMH = 30;

interface Waypoint {
  waypoint?: { location?: { latLng?: { latitude?: unknown; longitude?: unknown } } };
}

function error(res: ServerResponse, code: number, status: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message, status } }));
}

function toLatLng(w: Waypoint): LatLng | undefined {
  const ll = w.waypoint?.location?.latLng;
  return typeof ll?.latitude === 'number' && typeof ll.longitude === 'number' ? { lat: ll.latitude, lng: ll.longitude } : undefined;
}

const key = (p: LatLng) => `${p.lat},${p.lng}`;

export async function startRoutesServer(apiKey: string): Promise<LocalRoutesServer> {
  const requestSizes: number[] = [];
  const routing: LocalRoutesServer['routing'] = [];
  const headers: LocalRoutesServer['headers'] = [];
  const noRoute = new Set<string>();
  let roadKm: (from: LatLng, to: LatLng) => number | undefined = () => undefined;
  let failure: number | null = null;
  const server = await startHttpServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/distanceMatrix/v2:computeRouteMatrix') return error(res, 404, 'NOT_FOUND', 'Not found');
    headers.push({ apiKey: req.headers['x-goog-api-key'], fieldMask: req.headers['x-goog-fieldmask'] });
    if (failure !== null) return error(res, failure, 'UNAVAILABLE', 'The service is currently unavailable.');
    if (req.headers['x-goog-api-key'] !== apiKey) return error(res, 403, 'PERMISSION_DENIED', 'The request is missing a valid API key.');
    if (!req.headers['x-goog-fieldmask']) return error(res, 400, 'INVALID_ARGUMENT', 'FieldMask is a required parameter.');
    if (req.headers['content-type'] !== 'application/json') return error(res, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload.');
    const body = JSON.parse(req.body.toString('utf8')) as {
      origins?: Waypoint[];
      destinations?: Waypoint[];
      travelMode?: unknown;
      routingPreference?: unknown;
      departureTime?: unknown;
    };
    const origins = (body.origins ?? []).map(toLatLng);
    const destinations = (body.destinations ?? []).map(toLatLng);
    if (body.travelMode !== 'DRIVE') return error(res, 400, 'INVALID_ARGUMENT', 'Invalid travelMode.');
    if (origins.length === 0 || destinations.length === 0 || [...origins, ...destinations].some((p) => p === undefined)) {
      return error(res, 400, 'INVALID_ARGUMENT', 'Invalid waypoint.');
    }
    if (origins.length * destinations.length > 625) {
      return error(res, 400, 'INVALID_ARGUMENT', 'The number of elements exceeds the limit of 625.');
    }
    requestSizes.push(origins.length * destinations.length);
    routing.push({ preference: body.routingPreference, departureTime: body.departureTime });
    const elements: Record<string, unknown>[] = [];
    origins.forEach((o, i) =>
      destinations.forEach((d, j) => {
        const base = { ...(i ? { originIndex: i } : {}), ...(j ? { destinationIndex: j } : {}), status: {} };
        if (noRoute.has(`${key(o!)}|${key(d!)}`)) return void elements.push({ ...base, condition: 'ROUTE_NOT_FOUND' });
        const km = roadKm(o!, d!) ?? haversineKm(o!, d!) * ROAD_FACTOR;
        const meters = Math.round(km * 1000);
        elements.push({
          ...base,
          condition: 'ROUTE_EXISTS',
          ...(meters ? { distanceMeters: meters } : {}),
          duration: `${Math.round((km / SPEED_KMH) * 3600)}s`,
        });
      }),
    );
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(elements.reverse()));
  });
  return {
    baseUrl: server.baseUrl,
    requestSizes,
    routing,
    headers,
    noRouteBetween: (a, b) => void noRoute.add(`${key(a)}|${key(b)}`),
    roads: (km) => void (roadKm = km),
    failWith: (status) => void (failure = status),
    stop: server.stop,
  };
}
