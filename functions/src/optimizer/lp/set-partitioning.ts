import type { Instance } from '../instance';
import type { PoolColumn } from '../search/route-pool';
import { SearchSolution } from '../search/solution';
import type { LpModel } from './glpk';
import { solveLp } from './glpk';

export interface PartitionResult {
  solution: SearchSolution;
  /** True when glpk proved the choice optimal over the given columns. */
  proven: boolean;
}

/**
 * Picks the cheapest combination of pooled routes that serves every stop at most once (a stop
 * not covered costs its penalty), using at most as many routes per vehicle class as the class
 * has vehicles. Returns null when glpk finds nothing by the deadline.
 */
export async function setPartitioning(
  inst: Instance,
  columns: PoolColumn[],
  /** performance.now() by which the answer is needed (building the model counts). */
  deadlineMs: number,
  /** Cost of a known solution: prunes the branch and bound. */
  cutoff = Infinity,
): Promise<PartitionResult | null> {
  const D = inst.depotCount;
  const rows: { name: string; coef: number }[][] = Array.from({ length: inst.stopCount }, () => []);
  const classRows: { name: string; coef: number }[][] = Array.from({ length: inst.classSize.length }, () => []);
  const objective: { name: string; coef: number }[] = [];
  columns.forEach((col, j) => {
    const name = `x${j}`;
    objective.push({ name, coef: col.cost });
    for (const s of col.stops) rows[s - D]!.push({ name, coef: 1 });
    classRows[col.vehicleClass]!.push({ name, coef: 1 });
  });
  const continuous: { name: string; upper: number }[] = [];
  rows.forEach((row, k) => {
    const name = `y${k}`;
    row.push({ name, coef: 1 });
    objective.push({ name, coef: inst.penalty[D + k]! });
    continuous.push({ name, upper: 1 });
  });
  const model: LpModel = {
    name: 'set-partitioning',
    objective: { direction: 'min', vars: objective },
    constraints: [
      ...rows.map((vars, k) => ({ name: `s${k}`, vars, lower: 1, upper: 1 })),
      ...classRows.map((vars, c) => ({ name: `c${c}`, vars, upper: inst.classSize[c]! })).filter((row) => row.vars.length > 0),
      ...(cutoff < Infinity ? [{ name: 'cutoff', vars: objective, upper: cutoff + 1e-6 }] : []),
    ],
    binaries: columns.map((_, j) => `x${j}`),
    continuous,
  };
  const result = await solveLp(model, deadlineMs - performance.now());
  if (result.status === 'failed') return null;
  const sequences: number[][] = Array.from({ length: inst.vehicleCount }, () => []);
  const nextOfClass = new Map<number, number[]>();
  for (let v = 0; v < inst.vehicleCount; v++) {
    const cls = inst.vClass[v]!;
    nextOfClass.set(cls, [...(nextOfClass.get(cls) ?? []), v]);
  }
  columns.forEach((col, j) => {
    if ((result.values[`x${j}`] ?? 0) < 0.5) return;
    const v = nextOfClass.get(col.vehicleClass)!.shift();
    if (v !== undefined) sequences[v] = col.nodes.slice();
  });
  const solution = SearchSolution.fromRoutes(inst, sequences);
  if (!solution.isFeasible()) return null;
  return { solution, proven: result.status === 'optimal' };
}
