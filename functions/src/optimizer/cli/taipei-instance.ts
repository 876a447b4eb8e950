/**
 * A seeded, realistic delivery day in Taipei / New Taipei for scale tests: stops scattered over
 * the basin, cylinder orders, one or two time windows for some customers, floors without
 * elevators, a few optional and skill-bound stops, multi-trip trucks from two depots.
 */
import type { CylinderDemand, Problem, Stop, TimeWindow, Vehicle } from '../model';
import { Rng } from '../rng';
import { serviceTimeMinutes } from '../service-time';
import type { LatLng } from '../travel-matrix';
import { haversineMatrix } from '../travel-matrix';

const DEPOTS: LatLng[] = [
  { lat: 25.0478, lng: 121.5318 },
  { lat: 25.0136, lng: 121.4637 },
];
const BOUNDS = { latMin: 24.97, latMax: 25.13, lngMin: 121.44, lngMax: 121.62 };
const SHIFT: TimeWindow = { start: 8 * 60, end: 18 * 60 };

function demandFor(rng: Rng): CylinderDemand {
  const r = rng.next();
  if (r < 0.55) return { 20: 1 + rng.int(2) };
  if (r < 0.7) return { 16: 1 + rng.int(2) };
  if (r < 0.8) return { 4: 1 + rng.int(3) };
  if (r < 0.92) return { 50: 1 + rng.int(2) };
  return { 20: 2 + rng.int(3), 50: 1 };
}

function windowsFor(rng: Rng): TimeWindow[] {
  const r = rng.next();
  if (r < 0.55) return [];
  if (r < 0.88) {
    const start = SHIFT.start + 30 * rng.int(14);
    return [{ start, end: start + 120 + 30 * rng.int(4) }];
  }
  return [
    { start: 8 * 60 + 30 * rng.int(4), end: 12 * 60 },
    { start: 14 * 60, end: 17 * 60 + 30 * rng.int(2) },
  ];
}

export function taipeiInstance(stopCount: number, seed: number): Problem {
  const rng = new Rng(seed);
  const places: LatLng[] = [...DEPOTS];
  const stops: Stop[] = [];
  let totalKg = 0;
  for (let k = 0; k < stopCount; k++) {
    places.push({
      lat: BOUNDS.latMin + rng.next() * (BOUNDS.latMax - BOUNDS.latMin),
      lng: BOUNDS.lngMin + rng.next() * (BOUNDS.lngMax - BOUNDS.lngMin),
    });
    const demand = demandFor(rng);
    const floor = rng.next() < 0.6 ? 1 : 2 + rng.int(6);
    const hasElevator = rng.next() < 0.4;
    const heavyStairs = (demand[50] ?? 0) > 0 && floor > 1 && !hasElevator;
    const stop: Stop = {
      id: `s${k + 1}`,
      location: places.length - 1,
      demand,
      timeWindows: windowsFor(rng),
      serviceTime: serviceTimeMinutes(demand, floor, hasElevator),
      ...(heavyStairs ? { requiredSkills: ['stairs-50kg'] } : {}),
      ...(rng.next() < 0.05 ? { optionalPenalty: 300 } : {}),
      priority: rng.next() < 0.1 ? 1 : 0,
    };
    stops.push(stop);
    totalKg += (demand[4] ?? 0) * 9 + (demand[10] ?? 0) * 24 + (demand[16] ?? 0) * 35 + (demand[20] ?? 0) * 42 + (demand[50] ?? 0) * 100;
  }
  const capacityKg = 1200;
  const maxTrips = 3;
  const vehicleCount = Math.max(2, Math.ceil((totalKg / (capacityKg * maxTrips)) * 1.6));
  const vehicles: Vehicle[] = Array.from({ length: vehicleCount }, (_, k) => ({
    id: `truck${k + 1}`,
    depotId: `d${(k % DEPOTS.length) + 1}`,
    capacityKg,
    capacitySlots: 40,
    shift: SHIFT,
    maxDuration: 9.5 * 60,
    costPerKm: 12,
    // The driver's time, as route planning prices it (NT$ 250 an hour).
    costPerMinute: 250 / 60,
    fixedCost: 800,
    skills: k % 3 === 0 ? ['stairs-50kg'] : [],
    maxTrips,
    reloadTime: 20,
  }));
  return {
    depots: DEPOTS.map((_, k) => ({ id: `d${k + 1}`, location: k })),
    vehicles,
    stops,
    matrix: haversineMatrix(places),
  };
}
