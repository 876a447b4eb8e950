import type { Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { Depot, Driver, Vehicle } from '../../domain/fleet';

/** Depots, trucks and drivers: a few dozen documents, read whole. */
export function firestoreFleetStore(db: Firestore) {
  const all = async <T>(collection: string): Promise<T[]> => (await db.collection(collection).get()).docs.map((d) => d.data() as T);
  const one = async <T>(collection: string, id: string, code: string): Promise<T> => {
    const snap = await db.collection(collection).doc(id).get();
    if (!snap.exists) throw notFound(code, `${collection}/${id} not found`, { id });
    return snap.data() as T;
  };
  return {
    depot: (id: string) => one<Depot>('depots', id, 'DEPOT.NOT_FOUND'),
    driver: (id: string) => one<Driver>('drivers', id, 'DRIVER.NOT_FOUND'),
    vehicle: (id: string) => one<Vehicle>('vehicles', id, 'VEHICLE.NOT_FOUND'),
    depots: () => all<Depot>('depots'),
    vehicles: () => all<Vehicle>('vehicles'),
    drivers: () => all<Driver>('drivers'),
  };
}
export type FleetStore = ReturnType<typeof firestoreFleetStore>;
