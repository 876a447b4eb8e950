/** What the office hears when an inspection stops the supply (停止供氣), as after a 報修 closed unsafe. */
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
