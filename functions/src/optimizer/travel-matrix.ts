/**
 * Travel distances and durations between places, by index. Everything in the solver reads travel
 * through this one port; a maps-API adapter can fill it later without the solver noticing.
 */
export interface TravelMatrix {
  readonly size: number;
  /** Distance in km (or the instance's unit). */
  distance(from: number, to: number): number;
  /** Duration in the problem's time unit. */
  duration(from: number, to: number): number;
}

export interface LatLng {
  lat: number;
  lng: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A matrix held as two flat row-major arrays. */
export class DenseTravelMatrix implements TravelMatrix {
  constructor(
    readonly size: number,
    private readonly distances: Float64Array,
    private readonly durations: Float64Array,
  ) {
    if (distances.length !== size * size || durations.length !== size * size) {
      throw new Error(`matrix arrays must have ${size * size} entries`);
    }
  }

  distance(from: number, to: number): number {
    return this.distances[from * this.size + to]!;
  }

  duration(from: number, to: number): number {
    return this.durations[from * this.size + to]!;
  }
}

function buildDense(size: number, cell: (i: number, j: number) => { distance: number; duration: number }): DenseTravelMatrix {
  const distances = new Float64Array(size * size);
  const durations = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j) continue;
      const c = cell(i, j);
      distances[i * size + j] = c.distance;
      durations[i * size + j] = c.duration;
    }
  }
  return new DenseTravelMatrix(size, distances, durations);
}

/** Plane coordinates; duration equals distance (the Solomon convention). */
export function euclideanMatrix(points: readonly Point[]): DenseTravelMatrix {
  return buildDense(points.length, (i, j) => {
    const d = Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y);
    return { distance: d, duration: d };
  });
}

const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface HaversineOptions {
  /** Road distance over straight-line distance (city streets are ~1.3–1.4). */
  roadFactor: number;
  averageSpeedKmh: number;
}

export const DEFAULT_HAVERSINE: HaversineOptions = { roadFactor: 1.35, averageSpeedKmh: 25 };

/** Great-circle distance times a road factor; duration in minutes at an average speed. */
export function haversineMatrix(places: readonly LatLng[], options: HaversineOptions = DEFAULT_HAVERSINE): DenseTravelMatrix {
  return buildDense(places.length, (i, j) => {
    const km = haversineKm(places[i]!, places[j]!) * options.roadFactor;
    return { distance: km, duration: (km / options.averageSpeedKmh) * 60 };
  });
}
