/**
 * 用戶安全檢查 for the demo: the drivers' safety technician certificates and each customer's inspections, built through
 * the domain's `recordInspection` as the API stores them.
 */
import { addDays, taipeiInstant } from '../../domain/calendar';
import type { Customer, CustomerType } from '../../domain/customers';
import type { Driver } from '../../domain/fleet';
import {
  inspectedCustomerOf,
  recordInspection,
  safetyInspectionInputSchema,
  SAFETY_ITEMS,
  summaryAfter,
  type ItemResult,
  type SafetyInspection,
  type SafetyItem,
  type SafetySummary,
} from '../../domain/safety';
import type { Rng } from './prng';

/** Every demo driver is certified; the last one's certificate runs out in three weeks, so its renewal is due. */
export function certifiedDrivers(drivers: readonly Driver[], today: string): Driver[] {
  return drivers.map((d, i) => ({
    ...d,
    safetyCertificate: {
      number: `北市消安字第 ${String(1120101 + i * 37)} 號`,
      validUntil: i === drivers.length - 1 ? addDays(today, 21) : addDays(today, 200 + i * 90),
    },
  }));
}

/** Items a customer most often has to fix. */
const USUAL_FAULTS: readonly SafetyItem[] = ['hose', 'regulator', 'cylinderSecured', 'storedQuantity', 'ventilation', 'cylinderInspectionDate'];
/** Businesses rarely have a water heater on the gas line. */
const HAS_WATER_HEATER: Readonly<Record<CustomerType, number>> = { household: 0.9, restaurant: 0.3, commercial: 0.2, industrial: 0.05 };

function checklist(rng: Rng, customer: Customer, faults: readonly SafetyItem[]): { item: SafetyItem; result: ItemResult; note?: string }[] {
  const heater = rng.chance(HAS_WATER_HEATER[customer.type]);
  return SAFETY_ITEMS.map((item) => {
    if (faults.includes(item)) return { item, result: 'needsFix' as const, ...(item === 'hose' ? { note: '橡皮管龜裂，請更換' } : {}) };
    if (item === 'waterHeater' && !heater) return { item, result: 'notApplicable' as const };
    if (item === 'hose' && rng.chance(0.15)) return { item, result: 'fixedOnSite' as const, note: '更換安全夾' };
    if (item === 'gasAlarm' && rng.chance(0.35)) return { item, result: 'needsFix' as const, note: '建議加裝瓦斯漏氣警報器' };
    return { item, result: 'ok' as const };
  });
}

interface Visit {
  readonly on: string;
  readonly faults: readonly SafetyItem[];
}

/**
 * One customer's visits, oldest first: about 7 % never inspected, 10 % last inspected more than two years ago
 * (overdue), 8 % failed within the last six weeks (some past their 30-day re-check), a fifth of those who passed
 * having failed and been re-checked first; the rest passed within two years, half of them also two years before.
 */
function visitsOf(rng: Rng, historyEnd: string): Visit[] {
  const kind = rng.weighted(['never', 'overdue', 'failed', 'rechecked', 'passed'] as const, [7, 10, 8, 15, 60]);
  const faults = (): SafetyItem[] => [...new Set([rng.pick(USUAL_FAULTS), ...(rng.chance(0.3) ? [rng.pick(USUAL_FAULTS)] : [])])];
  const passedBefore = (on: string): Visit[] => (rng.chance(0.5) ? [{ on: addDays(on, -rng.int(700, 740)), faults: [] }] : []);
  switch (kind) {
    case 'never':
      return [];
    case 'overdue': {
      const on = addDays(historyEnd, -rng.int(731, 900));
      return [...passedBefore(on), { on, faults: [] }];
    }
    case 'failed':
      return [{ on: addDays(historyEnd, -rng.int(0, 45)), faults: faults() }];
    case 'rechecked': {
      const on = addDays(historyEnd, -rng.int(0, 600));
      return [{ on: addDays(on, -rng.int(7, 28)), faults: faults() }, { on, faults: [] }];
    }
    case 'passed': {
      const on = addDays(historyEnd, -rng.int(0, 700));
      return [...passedBefore(on), { on, faults: [] }];
    }
  }
}

/** Each customer's inspections, none after `historyEnd` (yesterday), by the drivers on their own certificates. */
export function demoSafetyInspections(rng: Rng, customers: readonly Customer[], drivers: readonly Driver[], historyEnd: string): SafetyInspection[] {
  return customers.flatMap((customer) => {
    const r = rng.fork(`safety-${customer.id}`);
    return visitsOf(r, historyEnd).map(({ on, faults }) => {
      const driverNo = r.int(1, drivers.length);
      const driver = drivers[driverNo - 1] as Driver;
      // Signed on the paper form the driver carried before the phone took signatures; now and then nobody was home.
      const confirmation = r.fork(`confirm-${on}`).chance(0.12) ? { kind: 'none', reason: 'customerAbsent' } : { kind: 'paper', name: customer.contactName ?? customer.name.slice(0, 30) };
      const input = safetyInspectionInputSchema.parse({ customerId: customer.id, inspectedOn: on, items: checklist(r, customer, faults), confirmation });
      return recordInspection(input, {
        id: `si-${customer.id.slice(5)}-${on.replaceAll('-', '')}`,
        today: historyEnd,
        customer: inspectedCustomerOf(customer),
        technician: { name: driver.name, certificateNo: driver.safetyCertificate?.number ?? '' },
        by: { uid: `u-driver${driverNo}`, role: 'driver' },
        now: new Date(taipeiInstant(on, '11:00')),
      });
    });
  });
}

/** Customer id → the summary its inspections leave, as the API's transactions would have left it. */
export function safetySummaries(inspections: readonly SafetyInspection[]): Map<string, SafetySummary> {
  const summaries = new Map<string, SafetySummary>();
  for (const i of inspections) summaries.set(i.customerId, summaryAfter(summaries.get(i.customerId), i));
  return summaries;
}
