#!/usr/bin/env node
// `npm test`: type-check, the dependency rule, then every jest tier (unit, integration against the
// emulators the jest global setup starts, browser). All steps run; the exit code fails if any did.
// Extra arguments go to jest, e.g. `npm test -- functions/src/local`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jestArgs = process.argv.slice(2);
ensureDependencies(root);

const steps = [
  { name: 'type-check functions', cmd: 'npm', args: ['run', 'typecheck', '-w', 'functions'] },
  { name: 'type-check web', cmd: 'npm', args: ['run', 'typecheck', '-w', 'web'] },
  { name: 'dependency rule', cmd: 'npm', args: ['run', 'lint:deps'] },
  // Two workers: this machine has two cores, and the emulators need some of them.
  { name: 'jest', cmd: 'npx', args: ['jest', '--maxWorkers=2', ...jestArgs] },
];

const results = [];
const t0 = Date.now();
for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const run = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit' });
  results.push({ name: step.name, status: run.status === 0 ? 'passed' : 'FAILED', seconds: (Date.now() - started) / 1000 });
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.status.padEnd(7)} ${r.name} (${r.seconds.toFixed(1)} s)`);
console.log(`  total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(results.some((r) => r.status === 'FAILED') ? 1 : 0);
