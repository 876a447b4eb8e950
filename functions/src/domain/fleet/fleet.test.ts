import { type Depot, depotContacts, depotSchema, driverSchema, fullCylinderKg, vehicleSchema } from './fleet';

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

  it('tells anyone only the name and phone of the depots in service that have one', () => {
    const depot = (id: string, name: string, extra: Partial<Depot>): Depot => ({
      id,
      name,
      address: '新北市中和區中山路二段1號',
      location: { lat: 24.99, lng: 121.49 },
      hours: { start: '07:00', end: '18:00' },
      sameDayCutoff: '15:00',
      createdBy: 'u-admin',
      ...extra,
    });
    const contacts = depotContacts([
      depot('d-1', '幸福氣 中和站', { phone: '(02)2248-1234' }),
      depot('d-2', '幸福氣 三重站', { phone: '(02)2982-5678', active: true }),
      depot('d-3', '幸福氣 舊站', { phone: '(02)2222-0000', active: false }),
      depot('d-4', '幸福氣 板橋站', {}),
    ]);
    expect(contacts).toEqual([
      { name: '幸福氣 三重站', phone: '(02)2982-5678' },
      { name: '幸福氣 中和站', phone: '(02)2248-1234' },
    ]);
  });
});
