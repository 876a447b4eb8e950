import { collection } from 'firebase/firestore';
import type { Overtime } from '../components/routes/overtime';
import type { FleetDepot, FleetDriver, FleetKind, FleetKinds, FleetVehicle } from '../lib/types';
import { api } from './useApi';
import { useLiveQuery } from './useFirestoreQuery';

export type Depot = FleetDepot;
export type Driver = FleetDriver;
export type Vehicle = FleetVehicle;

const fleetPath = (kind: FleetKind, id?: string) => `/api/fleet/${kind}${id ? `/${encodeURIComponent(id)}` : ''}`;

/** Admin only, like the two below: the listeners here show the result at once. The same key answers the first record again. */
export const addFleetRecord = <K extends FleetKind>(kind: K, input: FleetKinds[K]['input'], idempotencyKey: string) =>
  api.post<FleetKinds[K]['record']>(fleetPath(kind), input, { idempotencyKey });

export const changeFleetRecord = <K extends FleetKind>(kind: K, id: string, patch: Partial<FleetKinds[K]['input']>) =>
  api.patch<FleetKinds[K]['record']>(fleetPath(kind, id), patch);

/** Retires a record (it stays, because routes and orders name it); planning no longer offers it. */
export const retireFleetRecord = <K extends FleetKind>(kind: K, id: string) => api.post<FleetKinds[K]['record']>(`${fleetPath(kind, id)}/deactivate`, {});

/** Retired records stay (routes and orders name them) but are offered for nothing new. */
export const inService = (record: { readonly active?: boolean | undefined }): boolean => record.active !== false;

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

export interface DepotContact {
  readonly name: string;
  readonly phone: string;
}

/** Whom to phone, for the pages before sign-in (anyone may ask): each depot in service with a phone, name and number only. */
export const depotContacts = async (): Promise<DepotContact[]> => (await api.get<{ items: DepotContact[] }>('/api/fleet/contacts')).items;

/** A 延長工時 as the API lists it, with the staff member who added it. */
export interface OvertimeRecord extends Overtime {
  readonly createdBy: { readonly uid: string; readonly role: string };
  readonly createdAt: string;
}

/** What the admin sets; no drivers named: every driver of the depot, those added later included. */
export type NewOvertime = Pick<Overtime, 'depotId' | 'from' | 'to' | 'end' | 'reason'> & { readonly driverIds?: readonly string[] };

/** 延長工時 still holding today or ahead, by first day (office and admin read them; admins set them on 車隊管理). */
export const listOvertimes = async (): Promise<OvertimeRecord[]> => (await api.get<{ items: OvertimeRecord[] }>('/api/fleet/overtimes')).items;

/** Admin only, like the removal below; the same key answers the first one again. */
export const addOvertime = (input: NewOvertime, idempotencyKey: string) => api.post<OvertimeRecord>('/api/fleet/overtimes', input, { idempotencyKey });

export const removeOvertime = (id: string) => api.delete(`/api/fleet/overtimes/${encodeURIComponent(id)}`);
