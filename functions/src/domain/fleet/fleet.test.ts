import { depotSchema, driverSchema, fullCylinderKg, vehicleSchema } from './fleet';

describe('fleet schemas', () => {
  it('accept a depot, a vehicle and a driver as the seed writes them', () => {
    expect(depotSchema.safeParse({ id: 'depot-zhonghe', name: '中和站', address: '新北市中和區中山路二段1號', location: { lat: 24.99, lng: 121.49 } }).success).toBe(true);
    expect(
      vehicleSchema.safeParse({ id: 'veh-01', plate: 'KLA-1234', capacityKg: 1500, cylinderSlots: 40, depotId: 'depot-zhonghe', costPerKm: 12, fixedCost: 1800 }).success,
    ).toBe(true);
    expect(
      driverSchema.safeParse({ id: 'drv-01', name: '王大明', phone: '0912-345-678', skills: ['cylinder_50kg'], shift: { start: '08:00', end: '17:00' }, vehicleId: 'veh-01', active: true }).success,
    ).toBe(true);
  });

  it('rejects a malformed plate and an unknown skill', () => {
    expect(vehicleSchema.shape.plate.safeParse('kla 1234').success).toBe(false);
    expect(driverSchema.shape.skills.safeParse(['forklift']).success).toBe(false);
  });

  it('weighs a full cylinder as gas plus steel', () => {
    expect(fullCylinderKg(20)).toBe(37);
    expect(fullCylinderKg(50)).toBeGreaterThan(fullCylinderKg(20));
  });
});
