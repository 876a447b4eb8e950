/**
 * How long ago this command was launched, counting the npm and tsx processes that started this
 * one: the benchmark time limit includes their start-up, which `performance.now()` cannot see.
 * Reads Linux /proc; elsewhere falls back to this process's own age.
 */
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;
const LAUNCHER = /(^|\/)(npm|npx|tsx|sh|node)(\0|$|\s)|npm-cli|tsx/;

function startSeconds(pid: number): number | null {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name: state is field 3, starttime field 22.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SECOND : null;
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

export function launchedAgoMs(): number {
  const own = performance.now();
  try {
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    let oldest = startSeconds(process.pid) ?? uptime;
    let pid = process.ppid;
    for (let depth = 0; depth < 5 && pid > 1; depth++) {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!LAUNCHER.test(cmdline)) break;
      oldest = Math.min(oldest, startSeconds(pid) ?? oldest);
      pid = parentOf(pid);
    }
    return Math.max(own, (uptime - oldest) * 1000);
  } catch {
    return own;
  }
}
