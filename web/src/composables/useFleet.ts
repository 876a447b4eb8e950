import { collection } from 'firebase/firestore';
import { useLiveQuery } from './useFirestoreQuery';

export interface Depot {
  id: string;
  name: string;
}

export interface Driver {
  id: string;
  name: string;
}

export interface Vehicle {
  id: string;
  plate: string;
}

/** Live list of depots, for choosing where routes start. */
export function useDepots() {
  const live = useLiveQuery<Depot, null>(() => null, (db) => collection(db, 'depots'));
  return { depots: live.items, error: live.error };
}

/** Live list of drivers, for naming and assigning them on routes. */
export function useDrivers() {
  const live = useLiveQuery<Driver, null>(() => null, (db) => collection(db, 'drivers'));
  return { drivers: live.items, error: live.error };
}

/** Live list of trucks, for showing which one a route uses. */
export function useVehicles() {
  const live = useLiveQuery<Vehicle, null>(() => null, (db) => collection(db, 'vehicles'));
  return { vehicles: live.items, error: live.error };
}
