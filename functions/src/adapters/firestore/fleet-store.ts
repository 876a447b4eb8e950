import type { Firestore } from '@google-cloud/firestore';
import { notFound } from '../../domain/errors';
import type { Depot, Driver, FleetSnapshot, Vehicle } from '../../domain/fleet';
import { runContendedTransaction } from './contended-transaction';

const NOT_FOUND = { depots: 'DEPOT.NOT_FOUND', vehicles: 'VEHICLE.NOT_FOUND', drivers: 'DRIVER.NOT_FOUND' } as const;
export type FleetCollection = keyof typeof NOT_FOUND;
export type RecordOf<C extends FleetCollection> = FleetSnapshot[C][number];

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/**
 * Depots, trucks and drivers: a few dozen documents, read whole. Reads return retired records too
 * (published routes still name them); callers that offer choices filter with `isActive`.
 */
export function firestoreFleetStore(db: Firestore) {
  const all = async <T extends { id: string }>(collection: FleetCollection): Promise<T[]> =>
    (await db.collection(collection).get()).docs.map((d) => d.data() as T).sort(byId);
  const one = async <T>(collection: FleetCollection, id: string): Promise<T> => {
    const snap = await db.collection(collection).doc(id).get();
    if (!snap.exists) throw notFound(NOT_FOUND[collection], `${collection}/${id} not found`, { id });
    return snap.data() as T;
  };

  /**
   * One write, checked against the whole fleet read in the same transaction: the transaction reads
   * every fleet document, so two admins registering the same plate at once cannot both succeed.
   * `change` gets the current record (undefined when it does not exist yet) and returns the next one.
   */
  async function write<C extends FleetCollection>(collection: C, id: string, change: (current: RecordOf<C> | undefined, fleet: FleetSnapshot) => RecordOf<C>): Promise<RecordOf<C>> {
    return runContendedTransaction(db, async (tx) => {
      const [depots, vehicles, drivers] = await Promise.all(
        (['depots', 'vehicles', 'drivers'] as const).map(async (c) => (await tx.get(db.collection(c))).docs.map((d) => d.data())),
      );
      const fleet = { depots: depots as Depot[], vehicles: vehicles as Vehicle[], drivers: drivers as Driver[] };
      const current = (fleet[collection] as readonly RecordOf<C>[]).find((x) => x.id === id);
      const next = change(current, fleet);
      if (next !== current) tx.set(db.collection(collection).doc(id), next);
      return next;
    });
  }

  return {
    depot: (id: string) => one<Depot>('depots', id),
    driver: (id: string) => one<Driver>('drivers', id),
    vehicle: (id: string) => one<Vehicle>('vehicles', id),
    depots: () => all<Depot>('depots'),
    vehicles: () => all<Vehicle>('vehicles'),
    drivers: () => all<Driver>('drivers'),
    list: <C extends FleetCollection>(collection: C) => all<RecordOf<C>>(collection),
    /** Creates `collection/id`; when it exists already (a retried request after a lost answer) returns it unchanged. */
    create: <C extends FleetCollection>(collection: C, id: string, make: (fleet: FleetSnapshot) => RecordOf<C>) =>
      write(collection, id, (current, fleet) => current ?? make(fleet)),
    /** Changes an existing record; 404 with the collection's code when there is none. */
    update: <C extends FleetCollection>(collection: C, id: string, change: (current: RecordOf<C>, fleet: FleetSnapshot) => RecordOf<C>) =>
      write(collection, id, (current, fleet) => {
        if (!current) throw notFound(NOT_FOUND[collection], `${collection}/${id} not found`, { id });
        return change(current, fleet);
      }),
  };
}
export type FleetStore = ReturnType<typeof firestoreFleetStore>;
