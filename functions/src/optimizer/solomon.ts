/** Solomon VRPTW text format (VEHICLE section, then one row per node, node 0 the depot). */
import type { Problem } from './model';
import { euclideanMatrix } from './travel-matrix';

export interface SolomonNode {
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  depot: SolomonNode;
  customers: SolomonNode[];
}

export class SolomonFormatError extends Error {
  readonly code = 'OPTIMIZER.BAD_SOLOMON_FILE';
}

export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0) ?? '';
  const vehicleHeader = lines.findIndex((l) => /^NUMBER\s+CAPACITY/i.test(l));
  if (vehicleHeader < 0) throw new SolomonFormatError('missing VEHICLE section');
  const fleet = (lines[vehicleHeader + 1] ?? '').split(/\s+/).map(Number);
  const [vehicles, capacity] = fleet;
  if (vehicles === undefined || capacity === undefined || !Number.isFinite(vehicles) || !Number.isFinite(capacity)) {
    throw new SolomonFormatError('bad vehicle NUMBER/CAPACITY line');
  }
  const customerHeader = lines.findIndex((l) => /^CUST\s+NO/i.test(l));
  if (customerHeader < 0) throw new SolomonFormatError('missing CUSTOMER section');
  const nodes: SolomonNode[] = [];
  for (const line of lines.slice(customerHeader + 1)) {
    if (line.length === 0) continue;
    const f = line.split(/\s+/).map(Number);
    if (f.length < 7 || f.some((x) => !Number.isFinite(x))) throw new SolomonFormatError(`bad node row: ${line}`);
    nodes.push({ id: f[0]!, x: f[1]!, y: f[2]!, demand: f[3]!, ready: f[4]!, due: f[5]!, service: f[6]! });
  }
  const [depot, ...customers] = nodes;
  if (!depot) throw new SolomonFormatError('no depot row');
  return { name, vehicles, capacity, depot, customers };
}

/** The instance in our model: Euclidean travel (time = distance), cost 1 per unit of distance. */
export function solomonProblem(instance: SolomonInstance): Problem {
  const all = [instance.depot, ...instance.customers];
  return {
    depots: [{ id: String(instance.depot.id), location: 0 }],
    vehicles: Array.from({ length: instance.vehicles }, (_, k) => ({
      id: `v${k + 1}`,
      depotId: String(instance.depot.id),
      capacityKg: instance.capacity,
      shift: { start: instance.depot.ready, end: instance.depot.due },
      costPerKm: 1,
    })),
    stops: instance.customers.map((c, k) => ({
      id: String(c.id),
      location: k + 1,
      weightKg: c.demand,
      slots: 0,
      timeWindows: [{ start: c.ready, end: c.due }],
      serviceTime: c.service,
    })),
    matrix: euclideanMatrix(all),
  };
}
