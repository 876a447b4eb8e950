import { computed } from 'vue';
import type { Page } from '../lib/types';
import { api, downloadFile } from './useApi';
import { useCursorList } from './useCursorList';

import { ADVISORY_ITEMS, SAFETY_ITEMS, supplyStoppingOf } from '../components/safety/safety-checklist';
import type { SafetyAnswers, SafetyConfirmation, SafetyItemCode, SafetyItemEntry, SafetyResult } from '../components/safety/safety-checklist';

/** The 安全技術人員 who inspected and their 合格證書 number. */
export interface SafetyTechnician {
  name: string;
  certificateNo: string;
}

export interface SafetyInspectionInput {
  customerId: string;
  /** Taipei calendar day, not after today. */
  inspectedOn: string;
  items: SafetyItemEntry[];
  notes?: string;
  /** Required from the office (a paper form); a driver's own certificate is taken when a driver records it. */
  technician?: SafetyTechnician;
  /** The delivery during which a driver inspected. */
  orderId?: string;
  /** Who confirmed it on site, or why nobody did. */
  confirmation: SafetyConfirmation;
  /** 停止供氣 by hand, with why: stops the supply on every item left to fix (400 without an item left or without words). */
  supplyStop?: { reason: string };
}


/** `safetyInspections/{id}` as the API answers it; no `confirmation` on one recorded before it was asked for. */
export interface SafetyInspection extends Omit<SafetyInspectionInput, 'confirmation' | 'supplyStop'> {
  confirmation?: SafetyConfirmation;
  /** Why the inspector stopped the supply by hand; absent when they did not. */
  supplyStopReason?: string;
  id: string;
  /** The customer as the filing names them, on the day of the inspection. */
  customer: { code: string; name: string; address: string; phone: string };
  result: SafetyResult;
  /** Required items still to fix, in checklist order. */
  openItems: SafetyItemCode[];
  /** Two years on when passed, 30 days on (復查) when an item needs fixing. */
  nextDueOn: string;
  technician: SafetyTechnician;
  by: { uid: string; role: string };
  createdAt: string;
}

/** The customer record's `safety`: the latest inspection by date (an older paper form back-filled does not replace it). */
export interface SafetySummary {
  inspectionId: string;
  lastInspectedOn: string;
  result: SafetyResult;
  nextDueOn: string;
  openItems: SafetyItemCode[];
}

/** `customers/{id}.supplyStop`: 停止供氣 since a service call (報修) or an inspection found the installation unsafe, until an inspection passes. */
export interface SupplyStop {
  serviceCallId?: string;
  inspectionId?: string;
  since: string;
  items: SafetyItemCode[];
}

/** One row of the due list: never inspected (no `nextDueOn`), overdue, or due within the days asked for. */
export interface SafetyDue {
  customerId: string;
  code: string;
  name: string;
  address: string;
  phone: string;
  nextDueOn: string | null;
  lastInspectedOn: string | null;
  result: SafetyResult | null;
  /** Days past `nextDueOn` (0 when not yet past or never inspected). */
  overdueDays: number;
  openItems: SafetyItemCode[];
  /** The Taipei day the customer was sent a reminder (安全檢查通知) of the inspection now due; null when not. */
  remindedOn: string | null;
  /** 停止供氣 by a service call (報修): due from that day until an inspection passes. */
  supplyStopped?: true;
}

/** A page of the due list, with how many are due across all pages. */
export interface SafetyDuePage extends Page<SafetyDue> {
  total: number;
}

/** A customer on the driver's route: `due` when never inspected or due within 30 days. */
export interface StopSafety {
  nextDueOn: string | null;
  due: boolean;
  overdueDays: number;
  openItems: SafetyItemCode[];
  /** 停止供氣: a service call found the installation unsafe; no cylinder until an inspection passes. */
  supplyStopped?: true;
}

/** `GET /api/driver/routes/:id/safety`; `canInspect`: the driver holds a certificate valid today. */
export interface RouteSafety {
  customers: Record<string, StopSafety>;
  canInspect: boolean;
  certificate: { number: string; validUntil: string } | null;
}

/** Where inspections are recorded and read; the driver's queue posts here too. */
export const SAFETY_INSPECTIONS_PATH = '/api/safety-inspections';

/** `POST /api/safety-inspections`: the record and the customer's summary after it (unchanged by an older, back-filled form). */
export interface SafetyRecorded {
  inspection: SafetyInspection;
  summary: SafetySummary;
}

/** 停止供氣 by hand while the form is filled in: ticked or not, and the inspector's words why. */
export interface SupplyStopDraft {
  on: boolean;
  reason: string;
}

export const blankSupplyStop = (): SupplyStopDraft => ({ on: false, reason: '' });

/**
 * The form offers 停止供氣 by hand when a required item needs fixing (the server refuses a stop with nothing left to fix)
 * and the leak test did not fail (that stops the supply by itself, and the checklist already says so).
 */
export const supplyStopOffered = (answers: SafetyAnswers): boolean =>
  SAFETY_ITEMS.some((code) => answers[code].result === 'needsFix' && !ADVISORY_ITEMS.has(code)) && supplyStoppingOf(answers).length === 0;

/** The API's `supplyStop`: undefined when not asked for (or no longer offered), null while ticked without words. */
export function toSupplyStop(draft: SupplyStopDraft, answers: SafetyAnswers): { reason: string } | null | undefined {
  if (!draft.on || !supplyStopOffered(answers)) return undefined;
  const reason = draft.reason.trim();
  return reason ? { reason } : null;
}

/** Records one inspection; the same key replays the first answer. */
export const recordSafetyInspection = (input: SafetyInspectionInput, idempotencyKey: string) => api.post<SafetyRecorded>(SAFETY_INSPECTIONS_PATH, input, { idempotencyKey });

/** A customer's inspections, newest first (the customer themself may read their own). */
export const listSafetyInspections = (customerId: string, limit = 20) => api.get<{ items: SafetyInspection[] }>(SAFETY_INSPECTIONS_PATH, { customerId, limit });

/** One inspection with the signature's image, for its printed record (a customer only their own). */
export const getSafetyInspection = (id: string) => api.get<SafetyInspection>(`${SAFETY_INSPECTIONS_PATH}/${encodeURIComponent(id)}`);

/** Customers due within `withinDays` (overdue and never inspected included), most overdue first. */
export const listSafetyDue = (withinDays: number, limit = 50, cursor?: string | null) =>
  api.get<SafetyDuePage>(`${SAFETY_INSPECTIONS_PATH}/due`, { withinDays, limit, cursor });

/** 匯出申報資料: the inspections from `from` to `to` as the fire department's filing CSV. */
export const exportSafetyInspections = (from: string, to: string, fileName: string) => downloadFile(`${SAFETY_INSPECTIONS_PATH}/export`, { from, to }, fileName);

/** The 用戶名冊 with their inspections: the districts named, or every district when none is. */
export const exportSafetyRegister = (districts: readonly string[], fileName: string) =>
  downloadFile(`${SAFETY_INSPECTIONS_PATH}/register`, districts.length > 0 ? { districts: districts.join(',') } : {}, fileName);

/** The driver's own route only (else 404). */
export const routeSafety = (routeId: string) => api.get<RouteSafety>(`/api/driver/routes/${encodeURIComponent(routeId)}/safety`);

/** The due list with cursor pages ("load more"); a late answer for an earlier `withinDays` is dropped. */
export function useSafetyDue(pageSize = 50) {
  const list = useCursorList((withinDays: number, cursor) => listSafetyDue(withinDays, pageSize, cursor), 30);
  return { ...list, total: computed(() => list.lastPage.value?.total ?? 0), load: (withinDays: number) => list.load(withinDays) };
}

/** 安全技術人員合格證書 on the driver's fleet record: valid through `validUntil` (a Taipei calendar day). */
export interface SafetyCertificate {
  number: string;
  validUntil: string;
}

/**
 * Sets (or with `null` removes) a driver's certificate, admin only, through the fleet API, which takes it beside the
 * driver's other fields; the drivers listener shows the change.
 */
export const setSafetyCertificate = (driverId: string, safetyCertificate: SafetyCertificate | null) =>
  api.patch<{ id: string; safetyCertificate?: SafetyCertificate }>(`/api/fleet/drivers/${encodeURIComponent(driverId)}`, { safetyCertificate });
