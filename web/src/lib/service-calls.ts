/**
 * 報修 (service calls) as the API has them (functions/src/domain/service-calls): their kinds, outcomes and the order the
 * office works through them.
 */
import type { SafetyItemCode } from '../components/safety/safety-checklist';

export const SERVICE_CALL_KINDS = ['gas_smell', 'regulator', 'hose', 'appliance', 'safety_check', 'other'] as const;
export type ServiceCallKind = (typeof SERVICE_CALL_KINDS)[number];
export const SERVICE_CALL_OUTCOMES = ['fixed', 'parts_replaced', 'follow_up', 'unsafe'] as const;
export type ServiceCallOutcome = (typeof SERVICE_CALL_OUTCOMES)[number];

/** A gas smell may be a leak: the safety script is read to the caller at once. */
export const isUrgentKind = (kind: ServiceCallKind): boolean => kind === 'gas_smell';

/** The steps read to a caller who smells gas (`serviceCalls.script.steps.*`), in the order they are to be done. */
export const SAFETY_SCRIPT_STEPS = ['valve', 'windows', 'switches', 'flames', 'leave', 'call119'] as const;

/** The checklist item a kind's trouble is usually in: ticked in advance when the driver stops the supply. */
export const LIKELY_UNSAFE_ITEM: Readonly<Partial<Record<ServiceCallKind, SafetyItemCode>>> = {
  gas_smell: 'leakTest',
  regulator: 'regulator',
  hose: 'hose',
  appliance: 'appliances',
};

interface Actor {
  uid: string;
  role: string;
}

/** `serviceCalls/{id}`. */
export interface ServiceCall {
  id: string;
  customerId: string;
  customer: { code: string; name: string; address: string; phone: string };
  kind: ServiceCallKind;
  urgent: boolean;
  description: string;
  someoneHome: boolean;
  preferredTime?: string;
  status: 'open' | 'assigned' | 'closed';
  openedAt: string;
  openedBy: Actor;
  driverId?: string;
  assignment?: { driverId: string; driverName: string; scheduledAt: string; at: string; by: Actor };
  result?: { outcome: ServiceCallOutcome; note?: string; unsafeItems?: SafetyItemCode[]; at: string; by: Actor };
}

export interface NewServiceCall {
  customerId: string;
  kind: ServiceCallKind;
  description: string;
  someoneHome: boolean;
  preferredTime?: string;
}

export interface ServiceCallClosing {
  outcome: ServiceCallOutcome;
  note?: string;
  unsafeItems?: SafetyItemCode[];
}

/** Urgent calls first, then the other open ones, each oldest first: the longest waiting is served first. */
export function openCallOrder(a: ServiceCall, b: ServiceCall): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return a.openedAt.localeCompare(b.openedAt);
}
