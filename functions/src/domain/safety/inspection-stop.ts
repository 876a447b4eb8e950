/** What the office and the customer hear when an inspection stops the supply (停止供氣), as after a 報修 closed unsafe. */
import { buildEvent, type OutboxEntry } from '../events';
import type { HeldOrder } from '../service-calls';
import type { SupplyStop } from './due';
import type { SafetyInspection } from './inspection';

/**
 * The `system.inspection_supply_stopped` alert, written with the inspection in its transaction: the office tells the
 * customer what to fix and books the re-check, and decides on the `held` orders booked before that still bring cylinders
 * (`heldOrdersOf`, the same list the 報修 stop names): the system takes none back.
 */
export const inspectionStopAlert = (inspection: SafetyInspection, stop: SupplyStop, held: readonly HeldOrder[]): OutboxEntry => ({
  topic: 'system-alerts',
  event: buildEvent({
    id: `${inspection.id}-supply-stopped`,
    type: 'system.inspection_supply_stopped',
    occurredAt: new Date(inspection.createdAt),
    actor: inspection.by,
    subject: `safetyInspections/${inspection.id}`,
    sequence: 1,
    data: { severity: 'warning', customerId: inspection.customerId, inspectionId: inspection.id, items: stop.items, ...(held.length > 0 ? { orders: held.map((o) => ({ ...o })) } : {}) },
  }),
});

/** The customer's event when an inspection stops their supply, told by the `notifyServiceCalls` consumer. */
export const INSPECTION_SUPPLY_STOPPED = 'safety_inspection.supply_stopped';

/**
 * The customer's `safety_inspection.supply_stopped`, written on `notifications` with the alert: the customer is told what
 * was found, that the gas is stopped and how to book the re-check (`renderSupplyStopNotice`).
 */
export const inspectionStopNotice = (inspection: SafetyInspection): OutboxEntry => ({
  topic: 'notifications',
  event: buildEvent({
    id: `${inspection.id}-supply-stop-notice`,
    type: INSPECTION_SUPPLY_STOPPED,
    occurredAt: new Date(inspection.createdAt),
    actor: inspection.by,
    subject: `safetyInspections/${inspection.id}`,
    sequence: 1,
    data: { customerId: inspection.customerId, inspectionId: inspection.id },
  }),
});
