import fc from 'fast-check';
import { roadSections } from '../../domain/customers';
import { DISTRICTS, distanceKm, isInDistrict, pointInDistrict } from './districts';

describe('demo districts', () => {
  it('has about 20 real districts of Taipei and New Taipei, each with several roads', () => {
    expect(DISTRICTS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(DISTRICTS.map((d) => d.city))).toEqual(new Set(['台北市', '新北市']));
    for (const d of DISTRICTS) {
      expect(d.name).toMatch(/區$/);
      expect(d.roads.length).toBeGreaterThanOrEqual(6);
    }
  });

  it("gives a road the domain divides into 段 only sections it has there, so every demo address is one the API takes", () => {
    for (const d of DISTRICTS) {
      for (const road of d.roads) {
        const sections = roadSections(d.city, d.name, road.name);
        if (!sections) continue;
        expect({ road: `${d.name}${road.name}`, outside: road.sections.filter((s) => !sections.includes(s)), none: road.sections.length === 0 }).toEqual({
          road: `${d.name}${road.name}`,
          outside: [],
          none: false,
        });
      }
    }
  });

  it('keeps district areas apart, so a point belongs to one district only', () => {
    DISTRICTS.forEach((a, i) =>
      DISTRICTS.slice(i + 1).forEach((b) => expect(distanceKm(a.center, b.center)).toBeGreaterThan(a.radiusKm + b.radiusKm)),
    );
  });

  it('places every generated point inside its district (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DISTRICTS), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (d, u, v) => {
        expect(isInDistrict(d, pointInDistrict(d, u, v))).toBe(true);
      }),
    );
  });

  it('measures distance in km', () => {
    expect(distanceKm({ lat: 25, lng: 121.5 }, { lat: 25.01, lng: 121.5 })).toBeCloseTo(1.106, 2);
  });
});
