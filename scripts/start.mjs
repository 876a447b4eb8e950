#!/usr/bin/env node
// `npm start`: build the SPA when it is missing or older than its sources, then run the local
// stack (functions/src/local/start.ts) under tsx. Signals are passed on; the stack exports its
// data and stops its emulators before exiting.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(p)) {
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

function webNeedsBuild() {
  const built = path.join(web, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];
  return Math.max(...sources.map((s) => newestMtime(path.join(web, s)))) > statSync(built).mtimeMs;
}

ensureDependencies(root);

if (process.env.LG_SKIP_WEB_BUILD !== '1' && webNeedsBuild()) {
  console.log('Building the web app (web/dist is missing or older than its sources)…');
  const t0 = Date.now();
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The web build failed (see above); the API still starts, the SPA will not be served.');
  } else {
    console.log(`Web app built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'functions/src/local/start.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  // The stack handles repeated signals (a terminal's Ctrl-C reaches both of us): pass it on, then wait.
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
