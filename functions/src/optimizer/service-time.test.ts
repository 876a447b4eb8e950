import { DEFAULT_SERVICE_RATES, serviceTimeMinutes } from './service-time';
import { haversineKm, haversineMatrix } from './travel-matrix';

describe('serviceTimeMinutes', () => {
  it('adds handling per cylinder to the fixed part at ground level', () => {
    expect(serviceTimeMinutes({ 20: 2 }, 1, false)).toBe(DEFAULT_SERVICE_RATES.fixedMinutes + 2 * 2);
  });

  it('adds stair carrying per floor climbed only without an elevator', () => {
    const ground = serviceTimeMinutes({ 50: 1 }, 1, false);
    expect(serviceTimeMinutes({ 50: 1 }, 4, false)).toBe(ground + 3 * 2.5);
    expect(serviceTimeMinutes({ 50: 1 }, 4, true)).toBe(ground);
  });
});

describe('haversine travel matrix', () => {
  it('measures Taipei Main Station to Taipei 101 at about 4.5 km as the crow flies', () => {
    expect(haversineKm({ lat: 25.0478, lng: 121.5170 }, { lat: 25.0340, lng: 121.5645 })).toBeCloseTo(5.0, 0);
  });

  it('scales by the road factor and converts to minutes at the average speed', () => {
    const m = haversineMatrix([{ lat: 25, lng: 121.5 }, { lat: 25.1, lng: 121.5 }], { roadFactor: 1.5, averageSpeedKmh: 30 });
    const km = haversineKm({ lat: 25, lng: 121.5 }, { lat: 25.1, lng: 121.5 }) * 1.5;
    expect(m.distance(0, 1)).toBeCloseTo(km, 9);
    expect(m.duration(1, 0)).toBeCloseTo((km / 30) * 60, 9);
    expect(m.distance(0, 0)).toBe(0);
  });
});
