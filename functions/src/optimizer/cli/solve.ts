/**
 * Benchmark entry point: `npm run --silent solve -- --format solomon --time-limit <s> --seed <n> <file>`.
 * Prints exactly one JSON object {"routes": [[customer numbers]], "distance": d} on stdout.
 */
import { readFileSync } from 'node:fs';
import { parseSolomon } from '../solomon';
import { numberOption, parseArgs } from './args';
import { launchedAgoMs } from './launch-time';
import { EXIT_ALLOWANCE_MS, runSolomon } from './solomon-run';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const format = args.options.get('format') ?? 'solomon';
  if (format !== 'solomon') throw new Error(`unsupported --format ${format}`);
  const file = args.positional[0];
  if (!file) throw new Error('usage: solve --format solomon --time-limit <seconds> --seed <n> <instance.txt>');
  const limitMs = numberOption(args, 'time-limit', 10) * 1000;
  const seed = numberOption(args, 'seed', 1);
  const instance = parseSolomon(readFileSync(file, 'utf8'));
  const budget = Math.max(100, limitMs - EXIT_ALLOWANCE_MS - launchedAgoMs());
  const result = await runSolomon(instance, budget, seed);
  if (!result.feasible) process.stderr.write('warning: no feasible solution found\n');
  process.stdout.write(`${JSON.stringify({ routes: result.routes, distance: result.distance })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
