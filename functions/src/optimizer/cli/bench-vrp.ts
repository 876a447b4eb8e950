/**
 * `npm run bench:vrp [-- --time-limit 10 --instances C101,R101 --seed 1]` solves the Solomon set
 * and prints gaps to the best known distances; `--large 1000` instead solves a generated Taipei
 * day of that many stops and prints time, feasibility and memory. Figures only, no assertions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { resourceUsage } from 'node:process';
import { checkSolution } from '../evaluate';
import { parseSolomon } from '../solomon';
import { solve } from '../solve';
import { numberOption, parseArgs } from './args';
import { runSolomon } from './solomon-run';
import { taipeiInstance } from './taipei-instance';

const DEFAULT_DIR = resolve(__dirname, '../../../../../shared/benchmarks/solomon');

interface Row {
  name: string;
  cls: string;
  feasible: boolean;
  vehicles: number;
  distance: number;
  bks: number;
  gap: number;
  seconds: number;
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function benchSolomon(dir: string, limitMs: number, seed: number, only: string[] | null): Promise<void> {
  const bks = JSON.parse(readFileSync(resolve(dir, 'bks.json'), 'utf8')) as Record<string, { distance_only: { distance: number } }>;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => basename(f, '.txt'))
    .filter((n) => only === null || only.includes(n.toUpperCase()))
    .sort();
  const rows: Row[] = [];
  console.log('instance  feasible  vehicles  distance    bks         gap      time');
  for (const name of files) {
    const instance = parseSolomon(readFileSync(resolve(dir, `${name}.txt`), 'utf8'));
    const t0 = performance.now();
    const r = await runSolomon(instance, limitMs, seed);
    const seconds = (performance.now() - t0) / 1000;
    const best = bks[name]?.distance_only.distance ?? NaN;
    const row: Row = { name, cls: name.replace(/\d\d$/, ''), feasible: r.feasible, vehicles: r.vehicles, distance: r.distance, bks: best, gap: r.distance / best - 1, seconds };
    rows.push(row);
    console.log(`${name.padEnd(9)} ${String(r.feasible).padEnd(9)} ${String(r.vehicles).padEnd(9)} ${r.distance.toFixed(2).padEnd(11)} ${best.toFixed(2).padEnd(11)} ${pct(row.gap).padEnd(8)} ${seconds.toFixed(1)}s`);
  }
  console.log('\nclass  n   mean gap  worst gap  infeasible');
  for (const cls of [...new Set(rows.map((r) => r.cls))]) {
    const rs = rows.filter((r) => r.cls === cls);
    console.log(`${cls.padEnd(6)} ${String(rs.length).padEnd(3)} ${pct(mean(rs.map((r) => r.gap))).padEnd(9)} ${pct(Math.max(...rs.map((r) => r.gap))).padEnd(10)} ${rs.filter((r) => !r.feasible).length}`);
  }
  const gaps = rows.map((r) => r.gap);
  console.log(`\noverall: ${rows.length} instances, mean gap ${pct(mean(gaps))}, median ${pct(median(gaps))}, worst ${pct(Math.max(...gaps))}, infeasible ${rows.filter((r) => !r.feasible).length}, mean time ${mean(rows.map((r) => r.seconds)).toFixed(1)}s`);
}

async function benchLarge(stops: number, limitMs: number, seed: number): Promise<void> {
  const t0 = performance.now();
  const problem = taipeiInstance(stops, seed);
  const built = performance.now();
  let lastReport = 0;
  const solution = await solve(problem, {
    timeLimitMs: limitMs,
    seed,
    onProgress: (p) => {
      if (p.elapsedMs - lastReport < 5000 && p.share < 1) return;
      lastReport = p.elapsedMs;
      console.log(`  ${(p.elapsedMs / 1000).toFixed(1)}s cost ${p.cost.toFixed(0)}`);
    },
  });
  const solved = performance.now();
  const violations = checkSolution(problem, solution);
  const mem = process.memoryUsage();
  const trips = solution.routes.reduce((s, r) => s + r.trips.length, 0);
  const reasons = new Map<string, number>();
  solution.unassigned.forEach((u) => reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1));
  console.log(`stops ${stops}, vehicles available ${problem.vehicles.length}, used ${solution.routes.length}, trips ${trips}`);
  console.log(`generate ${((built - t0) / 1000).toFixed(1)}s, solve ${((solved - built) / 1000).toFixed(1)}s, iterations ${solution.stats.iterations}`);
  const byCode = new Map<string, number>();
  violations.forEach((v) => byCode.set(v.code, (byCode.get(v.code) ?? 0) + 1));
  console.log(`feasible ${violations.length === 0} (violations ${JSON.stringify(Object.fromEntries(byCode))}), unassigned ${solution.unassigned.length} ${JSON.stringify(Object.fromEntries(reasons))}`);
  console.log(`distance ${solution.distance.toFixed(1)} km, cost ${solution.cost.toFixed(0)}`);
  console.log(`memory: peak rss ${(resourceUsage().maxRSS / 1024).toFixed(0)} MB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const seed = numberOption(args, 'seed', 1);
  const large = args.options.get('large');
  if (large !== undefined) {
    await benchLarge(Number(large), numberOption(args, 'time-limit', 60) * 1000, seed);
    return;
  }
  const only = args.options.get('instances')?.split(',').map((s) => s.trim().toUpperCase()) ?? null;
  await benchSolomon(args.options.get('dir') ?? DEFAULT_DIR, numberOption(args, 'time-limit', 10) * 1000, seed, only);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exitCode = 1;
});
