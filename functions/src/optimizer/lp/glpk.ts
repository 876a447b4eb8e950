/**
 * Runs glpk.js (an ES module with WebAssembly) in a worker thread. Why a worker: this package is
 * CommonJS and jest executes it inside a vm context, where neither `import()` nor `require()` of
 * an ES module is available; a worker runs on Node's own loader, which can `require()` the module
 * (Node ≥ 20.19), and can be terminated if glpk overruns its time limit.
 */
import { Worker } from 'node:worker_threads';

export interface LpVar {
  name: string;
  coef: number;
}

export interface LpModel {
  name: string;
  objective: { direction: 'min' | 'max'; vars: LpVar[] };
  constraints: { name: string; vars: LpVar[]; lower?: number; upper?: number }[];
  /** Variables that must be 0/1; the rest are continuous in [0, upper] (default upper 1). */
  binaries: string[];
  continuous?: { name: string; upper: number }[];
}

export interface LpResult {
  /** 'optimal' (proven), 'feasible' (time limit hit with an incumbent) or 'failed'. */
  status: 'optimal' | 'feasible' | 'failed';
  objective: number;
  values: Record<string, number>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const load = createRequire(workerData.base)('glpk.js/node').default;
load().then((glpk) => {
  const m = workerData.model;
  const bnds = (lo, up) => {
    if (lo !== undefined && up !== undefined) return { type: lo === up ? glpk.GLP_FX : glpk.GLP_DB, lb: lo, ub: up };
    if (lo !== undefined) return { type: glpk.GLP_LO, lb: lo, ub: 0 };
    if (up !== undefined) return { type: glpk.GLP_UP, lb: 0, ub: up };
    return { type: glpk.GLP_FR, lb: 0, ub: 0 };
  };
  const lp = {
    name: m.name,
    objective: { direction: m.objective.direction === 'min' ? glpk.GLP_MIN : glpk.GLP_MAX, name: 'obj', vars: m.objective.vars },
    subjectTo: m.constraints.map((c) => ({ name: c.name, vars: c.vars, bnds: bnds(c.lower, c.upper) })),
    bounds: (m.continuous || []).map((c) => ({ name: c.name, type: glpk.GLP_DB, lb: 0, ub: c.upper })),
    binaries: m.binaries,
  };
  const res = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, tmlim: workerData.timeLimitSec, presol: true });
  const s = res.result.status;
  const status = s === glpk.GLP_OPT ? 'optimal' : s === glpk.GLP_FEAS ? 'feasible' : 'failed';
  parentPort.postMessage({ status, objective: res.result.z, values: res.result.vars });
}).catch((e) => parentPort.postMessage({ status: 'failed', objective: NaN, values: {}, error: String(e) }));
`;

/** Starting the worker and loading the WebAssembly module takes about this long. */
const STARTUP_MS = 300;

/**
 * Solves a (mixed-integer) linear model within `timeLimitMs` wall time, start-up included;
 * never rejects, reports 'failed' instead.
 */
export async function solveLp(model: LpModel, timeLimitMs: number): Promise<LpResult> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { base: __filename, model, timeLimitSec: Math.max(0.05, (timeLimitMs - STARTUP_MS) / 1000) },
  });
  const failed: LpResult = { status: 'failed', objective: NaN, values: {} };
  try {
    return await new Promise<LpResult>((resolve) => {
      // glpk checks its limit only between steps; the hard stop guards a step that runs long.
      const timer = setTimeout(() => resolve(failed), timeLimitMs);
      worker.once('message', (r: LpResult) => {
        clearTimeout(timer);
        resolve(r);
      });
      worker.once('error', () => {
        clearTimeout(timer);
        resolve(failed);
      });
    });
  } finally {
    // Not awaited: a worker busy inside WebAssembly may take a while to die, and the caller's
    // time limit matters more; unref lets the process exit meanwhile.
    worker.unref();
    void worker.terminate();
  }
}
