import { minimatch } from 'minimatch';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';

/** One `hosting.headers` entry of firebase.json: a glob over the request path and the headers it adds. */
export interface HostingHeaderRule {
  readonly source: string;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
}

/** The `hosting.headers` rules of the repository's firebase.json, the one place they are written. */
export function hostingHeaderRules(file = path.join(REPO_ROOT, 'firebase.json')): readonly HostingHeaderRule[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { hosting?: { headers?: HostingHeaderRule[] } };
  return json.hosting?.headers ?? [];
}

/**
 * The headers Firebase Hosting sends for a request path: every rule whose glob matches the path as requested
 * (not the file a rewrite serves, so `/office` is matched as `/office`), in order, a later rule's header replacing an
 * earlier one of the same name. Matched with minimatch's defaults, as Firebase's Hosting emulator (superstatic) does.
 */
export function headersFor(rules: readonly HostingHeaderRule[], requestPath: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    if (!minimatch(requestPath, rule.source)) continue;
    for (const { key, value } of rule.headers) {
      const existing = Object.keys(out).find((k) => k.toLowerCase() === key.toLowerCase());
      if (existing) delete out[existing];
      out[key] = value;
    }
  }
  return out;
}

/** A Content-Security-Policy with `sources` added to its `connect-src` (created when missing). */
export function withConnectSources(csp: string, sources: readonly string[]): string {
  if (sources.length === 0) return csp;
  const directives = csp.split(';').map((d) => d.trim()).filter(Boolean);
  const i = directives.findIndex((d) => d.split(/\s+/)[0]?.toLowerCase() === 'connect-src');
  if (i < 0) return [...directives, `connect-src 'self' ${sources.join(' ')}`].join('; ');
  directives[i] = `${directives[i]} ${sources.join(' ')}`;
  return directives.join('; ');
}
