import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Page } from '../lib/types';
import { api, downloadFile } from './useApi';
import type { StockState } from './useCylinderStock';
import { useDepots } from './useFleet';
import { useCursorList } from './useCursorList';

/** 容器管理: the register of our cylinders by 鋼印號碼 via `/api/cylinders` (functions/src/domain/cylinders/register). */

export const CYLINDER_MATERIALS = ['steel', 'composite'] as const;
export type CylinderMaterial = (typeof CYLINDER_MATERIALS)[number];
export const CYLINDER_STATUSES = ['inService', 'atInspection', 'scrapped'] as const;
export type CylinderStatus = (typeof CYLINDER_STATUSES)[number];

export type CylinderLocation =
  | { kind: 'depot'; depotId: string }
  | { kind: 'customer'; customerId: string }
  | { kind: 'inspection'; station?: string }
  | { kind: 'scrapped' };

/** `cylinders/{serial}` as the API answers it. */
export interface RegisteredCylinder {
  serial: string;
  size: number;
  material: CylinderMaterial;
  /** 出廠耐壓試驗日期. */
  factoryTestedOn: string;
  /** Null when never re-inspected since the factory test. */
  lastInspectedOn: string | null;
  /** 檢驗期限: the last day it may be delivered. */
  nextInspectionDue: string;
  /** The day it reaches its service life (steel 30 years, composite 20) and is scrapped. */
  retiresOn: string;
  status: CylinderStatus;
  location: CylinderLocation;
  registeredAt: string;
  updatedAt: string;
}

/** A cylinder as the list answers it: at a customer, that customer's code and name (absent when the customer is gone). */
export interface ListedCylinder extends RegisteredCylinder {
  customerLabel?: string;
}

export type CylinderEventType = 'registered' | 'delivered' | 'collected' | 'sentToInspection' | 'inspectionPassed' | 'inspectionFailed' | 'scrapped' | 'moved' | 'transferred';

/** `cylinders/{serial}/events/{id}`: what happened to the cylinder, by whom and when. */
export interface CylinderEvent {
  id: string;
  type: CylinderEventType;
  at: string;
  by: { uid: string; role: string };
  /** Who recorded it by their account's name; absent when the account is gone. */
  byName?: string;
  from: CylinderLocation | null;
  to: CylinderLocation;
  orderId?: string;
  customerId?: string;
  station?: string;
  inspectedOn?: string;
  reason?: string;
  /** 移轉營業所: whether it went full or empty, as the office said. */
  state?: StockState;
}

export interface CylinderDetail {
  cylinder: RegisteredCylinder;
  events: CylinderEvent[];
  /** Customer id → code and name, for every customer the cylinder and its events name. */
  customerLabels: Record<string, string>;
}

/** Counts by status and deadline; `dueWithin30` / `dueWithin90` leave the overdue out. */
export interface CylinderCounts {
  inService: number;
  atInspection: number;
  scrapped: number;
  overdue: number;
  dueWithin30: number;
  dueWithin90: number;
}

export interface CylinderSummary {
  today: string;
  total: number;
  all: CylinderCounts;
  bySize: (CylinderCounts & { size: number })[];
}

/** How far ahead a cylinder at a customer is worth bringing back (the API's `COLLECT_DUE_WITHIN_DAYS`, the driver's stop). */
export const TO_COLLECT_DUE_WITHIN_DAYS = 30;

/** The list's filters; `location`: `depot:<id>`, `customer:<id>`, `customer` (any), `inspection` or `scrapped`. */
export interface CylinderQuery {
  status?: CylinderStatus;
  size?: number;
  /** Deadline within this many days or already past, sorted by deadline. */
  dueWithinDays?: number;
  location?: string;
}

export interface NewCylinder {
  serial: string;
  size: number;
  material: CylinderMaterial;
  factoryTestedOn: string;
  lastInspectedOn?: string | null;
}

export type InspectionOutcome = 'passed' | 'failed';

/** The most serials one request may carry (the API's `MAX_BATCH`). */
export const MAX_BATCH = 500;

const CYLINDERS = '/api/cylinders';
const cylinderPath = (serial: string) => `${CYLINDERS}/${encodeURIComponent(serial)}`;

export const listCylinders = (query: CylinderQuery, limit = 50, cursor?: string | null) => api.get<Page<ListedCylinder>>(CYLINDERS, { ...query, limit, cursor });
export const getCylinder = (serial: string) => api.get<CylinderDetail>(cylinderPath(serial));
export const cylinderSummary = () => api.get<CylinderSummary>(`${CYLINDERS}/summary`);

/** 登錄鋼瓶: new cylinders standing at `depotId`; a serial already registered refuses the whole batch (409, listing them). */
export const registerCylinders = (depotId: string, cylinders: NewCylinder[], idempotencyKey: string) => api.post<{ items: RegisteredCylinder[] }>(CYLINDERS, { depotId, cylinders }, { idempotencyKey });

/**
 * The batch actions: all or nothing, one refused serial refuses them all (422 `CYLINDER.BATCH_REFUSED` naming them).
 * Each answers the cylinders as they now are.
 */
export const sendToInspection = (serials: string[], station: string | undefined, idempotencyKey: string) =>
  api.post<{ items: RegisteredCylinder[] }>(`${CYLINDERS}/inspection/send`, { serials, ...(station ? { station } : {}) }, { idempotencyKey });
export const recordInspectionResults = (depotId: string, results: { serial: string; result: InspectionOutcome; inspectedOn: string }[], idempotencyKey: string) =>
  api.post<{ items: RegisteredCylinder[] }>(`${CYLINDERS}/inspection/results`, { depotId, results }, { idempotencyKey });
export const scrapCylinders = (serials: string[], reason: string, idempotencyKey: string) => api.post<{ items: RegisteredCylinder[] }>(`${CYLINDERS}/scrap`, { serials, reason }, { idempotencyKey });
/** 移轉營業所: the cylinders leave their depots' fulls or empties (`state`, which the office says) and join the new depot's. */
export const moveCylinders = (serials: string[], toDepotId: string, state: StockState, idempotencyKey: string) =>
  api.post<{ items: RegisteredCylinder[] }>(`${CYLINDERS}/move`, { serials, toDepotId, state }, { idempotencyKey });

/** 匯出容器管理資料: the cylinders the list's filters take in (all, the overdue, those due within N days, a place …) as the CSV the retailer keeps and files. */
export const exportCylinderRegister = (fileName: string, query: CylinderQuery) => downloadFile(`${CYLINDERS}/export`, { ...query }, fileName);

/** The register with cursor pages ("load more"), read again for new filters; a late answer for earlier filters is dropped. */
export function useCylinderList(pageSize = 50) {
  const list = useCursorList((query: CylinderQuery, cursor) => listCylinders(query, pageSize, cursor), {});
  return { ...list, load: (query: CylinderQuery) => list.load(query) };
}

/**
 * Where a cylinder is, in words: the depot's name, the customer's code and name (from `customerLabels`, which the API
 * answers with the cylinders: the id for a customer gone), the station, or 已報廢.
 */
export function useCylinderPlaces() {
  const { t } = useI18n();
  const { depots } = useDepots();
  const depotNames = computed(() => new Map(depots.value.map((d) => [d.id, d.name])));
  function placeText(l: CylinderLocation, customerLabels: Readonly<Record<string, string>> = {}): string {
    switch (l.kind) {
      case 'depot':
        return depotNames.value.get(l.depotId) ?? l.depotId;
      case 'customer':
        return t('cylinders.place.customer', { name: customerLabels[l.customerId] ?? l.customerId });
      case 'inspection':
        return l.station ? t('cylinders.place.stationNamed', { station: l.station }) : t('cylinders.place.station');
      case 'scrapped':
        return t('cylinders.place.scrapped');
    }
  }
  return { depots, placeText };
}
