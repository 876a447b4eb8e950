import { withDerived, type RegisteredCylinder } from '../cylinders/register/cylinder';

/** A registered 20 kg steel cylinder in service at depot-a, last inspected 2022-05-01 (due 2027-05-01); `over` changes any field. */
export function aRegisteredCylinder(serial: string, over: Partial<RegisteredCylinder> = {}): RegisteredCylinder {
  return withDerived({
    serial,
    size: 20,
    material: 'steel',
    factoryTestedOn: '2015-05-01',
    lastInspectedOn: '2022-05-01',
    status: 'inService',
    location: { kind: 'depot', depotId: 'depot-a' },
    registeredAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });
}
