import type { Ref } from 'vue';
import type { Role, SizeQuantity } from '../lib/types';
import { api, useApiResource } from './useApi';

/**
 * A size's full and empty cylinders in the yard, and `atPlant` (在分裝場): sent to the filling plant, not yet back full or
 * unfilled (absent for none). In a movement's `changes`, what it added (negative: took away).
 */
export interface StockLine {
  size: number;
  full: number;
  empty: number;
  atPlant?: number;
}

/** One in-service depot's stock in `GET /api/cylinder-stock` (鋼瓶庫存). */
/**
 * A depot's LPG against its permit (functions/src/domain/cylinders/storage.ts): the fulls × size (empties hold only residue,
 * not counted), those at the filling plant that come back full, and whether it is above the permit now or once they are back.
 */
export interface DepotStorage {
  heldKg: number;
  atPlantKg: number;
  permittedKg?: number;
  status: 'unknown' | 'within' | 'overOnReturn' | 'over';
}

export interface DepotStock {
  depotId: string;
  depotName: string;
  lines: StockLine[];
  storage: DepotStorage;
  lastMovementId?: string;
  updatedAt?: string;
}

/**
 * A size's open orders for the day against the fulls of every depot, less `onTrucks` (fulls today's routes took out that
 * the stock counts until the 司機日結) and `unbooked` (yesterday's trucks not settled, deliveries uploaded after their day
 * was settled) and `earlier` (the open orders of the days from tomorrow to the day before, served first); `shortfall` is
 * how many fulls are missing.
 */
export interface CoverLine {
  size: number;
  demand: number;
  full: number;
  onTrucks: number;
  unbooked: number;
  earlier: number;
  shortfall: number;
}

/** 尚未日結: a driver whose day before today (the API reads 7 back) took fulls out and is not settled, with the plates of their trucks. */
export interface UnsettledDay {
  date: string;
  driverId: string;
  driverName: string;
  plates: string[];
  cylinders: SizeQuantity[];
}

/** 日結後補傳: fulls a settled day delivered that its settlement did not take out of the stock. */
export interface DeliveredAfterSettlement {
  date: string;
  driverId: string;
  driverName: string;
  cylinders: SizeQuantity[];
}

/** A size's cylinders at customers (客戶端鋼瓶), and how many the recorded deposits (押金) do not cover. */
export interface OnSiteCount {
  size: number;
  count: number;
  withoutDeposit: number;
}

export interface CylinderStockDay {
  date: string;
  depots: DepotStock[];
  cover: CoverLine[];
  /** Oldest first. */
  unsettledDays: UnsettledDay[];
  deliveredAfterSettlement: DeliveredAfterSettlement[];
  /** Summed over active customers, every size. */
  atCustomers: OnSiteCount[];
  /** The same over deactivated customers (已停用客戶處): still the company's, to collect. */
  atInactiveCustomers: OnSiteCount[];
}

export const MANUAL_KINDS = ['refill', 'purchase', 'retire', 'count'] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number];
export type StockState = 'full' | 'empty';

/** What the office records by hand; settlements move stock through 司機日結 only. */
export type MovementInput =
  | { kind: 'refill'; emptiesSent: SizeQuantity[]; fullsReceived: SizeQuantity[]; emptiesReturned: SizeQuantity[]; note: string }
  | { kind: 'purchase'; cylinders: SizeQuantity[]; note: string }
  | { kind: 'retire'; from: StockState; cylinders: SizeQuantity[]; note: string }
  | { kind: 'count'; counted: StockLine[]; note: string };

export interface StockMovement {
  id: string;
  depotId: string;
  /**
   * `settlement` from 司機日結; `toInspection` / `fromInspection` / `scrapped` from the register (容器管理), naming `serials`,
   * and its 移轉營業所 as `transferOut` (to `toDepotId`) and `transferIn` (from `fromDepotIds`), full or empty by `state`.
   */
  kind: ManualKind | 'settlement' | 'toInspection' | 'fromInspection' | 'scrapped' | 'transferOut' | 'transferIn';
  note: string;
  serials?: string[];
  state?: StockState;
  toDepotId?: string;
  fromDepotIds?: string[];
  /** Settlements: the driver and day. */
  driverId?: string;
  date?: string;
  by: { uid: string; role: Role | 'system' };
  /** Who recorded it, by name (absent for the system and for accounts since removed). */
  byName?: string;
  at: string;
  changes: StockLine[];
  revisions: number;
  /** A settlement moved here after the driver's truck changed depot: taken back at this one, applied at that one. */
  movedTo?: string;
}

const EMPTY: CylinderStockDay = { date: '', depots: [], cover: [], unsettledDays: [], deliveredAfterSettlement: [], atCustomers: [], atInactiveCustomers: [] };

/** Every depot's stock and the chosen day's demand against it; read again when the day changes or on 重新整理. */
export function useCylinderStock(date: Ref<string>) {
  const resource = useApiResource<CylinderStockDay>(() => api.get<CylinderStockDay>('/api/cylinder-stock', date.value ? { date: date.value } : {}), EMPTY, { source: date });
  return { day: resource.data, loading: resource.loading, error: resource.error, reload: resource.reload };
}

/** One customer's cylinders on site checked against the standard deposit, size by size (the server's rule). */
export const customerDepositCheck = async (customerId: string): Promise<OnSiteCount[]> =>
  (await api.get<{ items: OnSiteCount[] }>(`/api/cylinder-stock/customers/${encodeURIComponent(customerId)}`)).items;

/**
 * The latest movements of the depot `depotId` names (none while it names none), newest first; read again when another
 * depot is picked, and with `reload` after recording one. Only the latest read's answer shows, and a failed read of a new
 * depot leaves none of the depot before's rows under its name.
 */
export function useStockMovements(depotId: Ref<string>, limit = 20) {
  const read = async () =>
    depotId.value ? (await api.get<{ items: StockMovement[] }>(`/api/cylinder-stock/${encodeURIComponent(depotId.value)}/movements`, { limit: String(limit) })).items : [];
  const resource = useApiResource<StockMovement[]>(read, [], { source: depotId });
  return { items: resource.data, loading: resource.loading, error: resource.error, reload: resource.reload };
}

/** Records a refill, purchase, retirement or stocktake; the same key answers the first recording again. */
export const recordMovement = (depotId: string, input: MovementInput, idempotencyKey: string) =>
  api.post<{ movement: StockMovement; stock: Omit<DepotStock, 'depotName' | 'storage'> }>(`/api/cylinder-stock/${encodeURIComponent(depotId)}/movements`, input, { idempotencyKey });
