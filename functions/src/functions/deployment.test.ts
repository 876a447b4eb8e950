import { getFunction } from '@google-cloud/functions-framework/testing';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { OUTBOX, OUTBOX_TTL_FIELD } from '../adapters/firestore/outbox';
import { REMOVED_STOPS, REMOVED_STOPS_TTL_FIELD } from '../adapters/firestore/route-store';
import { SIGN_IN_FAILURES } from '../adapters/firestore/sign-in-failure-store';
import { SUBSCRIPTIONS, subscriptionName } from '../adapters/pubsub/subscriptions';
import { loadConfig } from '../config/load-config';
import { PLAN_TIMEOUT_MS } from '../domain/routes';
import { isAudited } from '../http/endpoint';
import { API_FUNCTIONS } from './api-functions';
import { jobsFunction } from './jobs';
import './index';

/** Terraform (infra/) and the code must agree on names, or a deploy silently misses something. */
const infra = (file: string) => readFileSync(join(__dirname, '../../../infra', file), 'utf8');

/** The entries of a top-level map in a `locals` block, e.g. `function_specs = { auth = {} ... }`: key => its text. */
function mapEntries(hcl: string, map: string): Map<string, string> {
  const start = hcl.indexOf(`${map} = {`);
  if (start < 0) throw new Error(`no ${map} in HCL`);
  let depth = 0;
  let current: string | undefined;
  const entries = new Map<string, string>();
  for (const line of hcl.slice(start).split('\n')) {
    const key = depth === 1 ? /^\s*"?([A-Za-z0-9_-]+)"?\s*=/.exec(line)?.[1] : undefined;
    if (key) current = key;
    if (current && depth >= 1) entries.set(current, `${entries.get(current) ?? ''}${line}\n`);
    depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
    if (depth === 0) break;
  }
  return entries;
}
const mapKeys = (hcl: string, map: string): string[] => [...mapEntries(hcl, map).keys()].sort();

/** Each deployed function's runtime account (the `function_defaults` one unless its entry names another) and secrets. */
function deployments(): Map<string, { runtime: string; secrets: string[] }> {
  const hcl = infra('functions.tf');
  const runtimeIn = (text: string | undefined) => /\bruntime\s*=\s*"([^"]+)"/.exec(text ?? '')?.[1];
  const byDefault = runtimeIn(mapEntries(hcl, 'function_defaults').get('runtime'));
  return new Map(
    [...mapEntries(hcl, 'function_specs')].map(([name, spec]) => {
      const runtime = runtimeIn(spec) ?? byDefault;
      if (!runtime) throw new Error(`no runtime for ${name}`);
      const listed = /secrets\s*=\s*\[([^\]]*)\]/.exec(spec)?.[1] ?? '';
      return [name, { runtime, secrets: [...listed.matchAll(/"([A-Z0-9_]+)"/g)].map((m) => m[1] ?? '').sort() }];
    }),
  );
}

const SRC = join(__dirname, '..');
const source = (file: string) => readFileSync(join(SRC, file), 'utf8');
/**
 * Not followed when looking for what a function reads: the composition root builds every adapter for every function
 * (what counts is which of them a function uses), the config loader reads everything, and the OpenAPI function
 * imports every function's routes only to describe them.
 */
const NOT_FOLLOWED = new Set(['adapters/container.ts', 'config/load-config.ts', 'functions/api-functions.ts']);

/** The source files a deployed function's entry file reaches through value imports (type-only ones run nothing). */
function reachedBy(name: string): string[] {
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file) || NOT_FOLLOWED.has(file)) return;
    reached.add(file);
    for (const m of source(file).matchAll(/(?:import|export)\s+(type\s)?[^;'"]*?from\s+'(\.[^']+)'|import\s+'(\.[^']+)'/g)) {
      const spec = m[1] ? undefined : (m[2] ?? m[3]);
      if (!spec) continue;
      const base = resolve(dirname(join(SRC, file)), spec);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
      if (target) visit(relative(SRC, target));
    }
  };
  visit(`functions/${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`);
  return [...reached];
}

/** The `Config` section (config/load-config.ts) an environment variable fills, found by setting it. */
function sectionOf(env: string): string {
  const probe = 'deployment-test-probe';
  const config = loadConfig({ LG_PROJECT_ID: 'lg-test', [env]: probe });
  const section = Object.entries(config).find(([, value]) => JSON.stringify(value).includes(probe))?.[0];
  if (!section) throw new Error(`${env} fills no config section`);
  return section;
}

/** Whether the function reads a config section: `config.<section>` itself, or a container member built from it. */
function reads(name: string, section: string): boolean {
  const built = [...source('adapters/container.ts').matchAll(new RegExp(`^\\s*(\\w+):[^\\n]*\\bconfig\\.${section}\\b`, 'gm'))].map((m) => m[1]);
  const markers = [new RegExp(`\\bconfig\\.${section}\\b`), ...built.map((member) => new RegExp(`\\.${member}\\b`))];
  return reachedBy(name).some((file) => markers.some((marker) => marker.test(source(file))));
}

describe('deployment names', () => {
  const deployed = mapKeys(infra('functions.tf'), 'function_specs');
  const specs = deployments();

  it('reads the function map of functions.tf', () => {
    expect(deployed).toEqual(expect.arrayContaining(['auth', 'orders', 'optimizeRoutes', 'notifyCustomer']));
  });

  it("counts a plan stopped once optimizeRoutes' timeout has passed, the timeout infra gives it", () => {
    const timeout = /timeout_seconds\s*=\s*(\d+)/.exec(mapEntries(infra('functions.tf'), 'function_specs').get('optimizeRoutes') ?? '')?.[1];
    expect(Number(timeout) * 1000).toBe(PLAN_TIMEOUT_MS);
  });

  it('deploys exactly the functions the code registers', () => {
    const registered = [...API_FUNCTIONS.map((f) => f.name), 'openapi', ...SUBSCRIPTIONS.map((s) => s.consumer)];
    expect(deployed).toEqual([...new Set(registered)].sort());
    for (const name of deployed) expect({ name, registered: getFunction(name) !== undefined }).toEqual({ name, registered: true });
  });

  it('declares the TTL policy that prunes the removedStops records on the field the remove-stop write sets (the emulator enforces none)', () => {
    const ttl = mapEntries(infra('firestore.tf'), 'ttl_fields').get(REMOVED_STOPS);
    expect(ttl).toMatch(new RegExp(`=\\s*"${REMOVED_STOPS_TTL_FIELD}"`));
    expect(infra('firestore.tf')).toMatch(/resource "google_firestore_field" "ttl" {\s*for_each\s*=\s*local\.ttl_fields[\s\S]*?ttl_config {}/);
  });

  it('declares the TTL policy that prunes refused sign-ins on the field their store sets (the emulator enforces none)', () => {
    expect(mapEntries(infra('firestore.tf'), 'ttl_fields').get(SIGN_IN_FAILURES)).toMatch(/=\s*"expiresAt"/);
  });

  it('declares the TTL policy that prunes published outbox entries on the field publishing sets (the emulator enforces none)', () => {
    expect(mapEntries(infra('firestore.tf'), 'ttl_fields').get(OUTBOX)).toMatch(new RegExp(`=\\s*"${OUTBOX_TTL_FIELD}"`));
  });

  it('creates exactly the push subscriptions of the subscriptions table', () => {
    expect(mapKeys(infra('pubsub.tf'), 'subscriptions')).toEqual(SUBSCRIPTIONS.map(subscriptionName).sort());
  });

  it('gives each secret to exactly the functions that read it', () => {
    const secrets = mapKeys(infra('secrets.tf'), 'secrets');
    expect(secrets).toEqual(['LG_EINVOICE_HASH_IV', 'LG_EINVOICE_HASH_KEY', 'LG_INVOICE_QR_AES_KEY', 'LG_LINE_CHANNEL_TOKEN', 'LG_MAPS_API_KEY', 'LG_SMS_API_KEY']);
    const exposed = (env: string) => deployed.filter((name) => specs.get(name)?.secrets.includes(env));
    const readers = Object.fromEntries(secrets.map((env) => [env, deployed.filter((name) => reads(name, sectionOf(env)))]));
    expect(Object.fromEntries(secrets.map((env) => [env, exposed(env)]))).toEqual(readers);
    // auth and customers say how messages travel without the messaging secrets: every function is told the gateways.
    expect(infra('functions.tf')).toMatch(/^\s*LG_NOTIFY_CHANNELS\s*=/m);
    // The scan finds the readers it should: customers geocodes with the Maps key, optimizeRoutes and routes ask the
    // Routes API for road times; the consumers notify and text codes, jobs and receivables send payment reminders; issueInvoices and jobs
    // issue e-invoices, invoices voids them and signs the printed proofs' QR codes.
    expect(readers).toMatchObject({
      LG_MAPS_API_KEY: ['customers', 'optimizeRoutes', 'routes'],
      LG_LINE_CHANNEL_TOKEN: ['jobs', 'notifyAnnouncements', 'notifyCustomer', 'notifyDelays', 'notifyPayments', 'notifyPriceChange', 'notifyServiceCalls', 'receivables', 'sendCodes'],
      LG_EINVOICE_HASH_KEY: ['invoices', 'issueInvoices', 'jobs'],
      LG_INVOICE_QR_AES_KEY: ['invoices'],
    });
  });

  it('lets the runtime account of each function read exactly the secrets that function lists', () => {
    // iam.tf grants a secret to an account when any function running as it lists the secret, so every function on an
    // account can read the union of their lists.
    expect(infra('iam.tf')).toMatch(/for name, f in local\.functions : \{ for env in f\.secrets : "\$\{f\.runtime\}\/\$\{env\}"/);
    const readable = (runtime: string) => [...new Set([...specs.values()].filter((s) => s.runtime === runtime).flatMap((s) => s.secrets))].sort();
    const functions = [...specs];
    expect(functions.map(([name, { runtime }]) => ({ name, readable: readable(runtime) }))).toEqual(functions.map(([name, { secrets }]) => ({ name, readable: secrets })));
  });

  it('lets an account publish events and ask Vertex exactly when a function running as it does', () => {
    const accounts = mapEntries(infra('iam.tf'), 'runtime_accounts');
    // The container's publisher is taken in the function layer; adapters only receive one as a parameter (a store
    // that can announce an event does not make every reader of it a publisher).
    const reachesPublisher = (name: string) => reachedBy(name).some((file) => file.startsWith('functions/') && /\.publisher\b/.test(source(file)));
    // The HTTP layer raises system.audit_write_failed when it cannot write the audit entry of an audited route.
    const audits = (name: string) => API_FUNCTIONS.some((fn) => fn.name === name && fn.routes.some(isAudited));
    const alertsOf = (text: string) => /"system-alerts"|local\.topics/.test(text);
    const granted = [...accounts].map(([account, text]) => ({ account, publishes: !/publishes\s*=\s*\[\]/.test(text), alerts: alertsOf(text), vertex: /local\.vertex_roles/.test(text) }));
    const needed = [...accounts].map(([account, text]) => {
      const running = [...specs].filter(([, spec]) => spec.runtime === account).map(([name]) => name);
      const audited = running.some(audits);
      return { account, publishes: audited || running.some(reachesPublisher), alerts: audited || alertsOf(text), vertex: running.some((name) => reads(name, 'vertex')) };
    });
    expect(granted).toEqual(needed);
    expect(audits('users')).toBe(true);
    expect(audits('auth')).toBe(true);
    expect(audits('health')).toBe(false);
    // The scan sees what it should: customers publishes payment receipts; receivables only sends reminders.
    expect(reachesPublisher('customers')).toBe(true);
    expect(reachesPublisher('receivables')).toBe(false);
  });

  it('runs every function as a declared runtime account and declares no account that runs nothing', () => {
    const used = [...new Set([...specs.values()].map((s) => s.runtime))].sort();
    expect(mapKeys(infra('iam.tf'), 'runtime_accounts')).toEqual(used);
  });

  it("lets Cloud Scheduler's token reach the jobs function signed, and tells the function which audience and account to expect", () => {
    const scheduler = infra('scheduler.tf');
    const functions = infra('functions.tf');
    const oidc = /oidc_token\s*\{([^}]*)\}/.exec(scheduler)?.[1] ?? '';
    const audience = /\bscheduler_audience\s*=\s*"([^"]+)"/.exec(scheduler)?.[1];
    const account = /\bservice_account_email\s*=\s*(\S+)/.exec(oidc)?.[1];
    expect(oidc).toMatch(/\baudience\s*=\s*local\.scheduler_audience\s/);
    expect(account).toBe('google_service_account.invoker["scheduler"].email');
    expect(mapKeys(infra('iam.tf'), 'invoker_accounts')).toContain('scheduler');
    // Only the functions whose code builds the scheduler verifier get the settings, and each gets both.
    const accepting = deployed.filter((name) => reads(name, 'scheduler'));
    expect(accepting).toEqual(['jobs']);
    const specText = mapEntries(functions, 'function_specs');
    expect(deployed.filter((name) => /LG_SCHEDULER_/.test(specText.get(name) ?? ''))).toEqual(accepting);
    expect(functions).toMatch(/environment_variables\s*=\s*merge\(local\.function_env, each\.value\.env\)/);
    for (const name of accepting) {
      const spec = specText.get(name) ?? '';
      expect(spec).toMatch(/\bLG_SCHEDULER_AUDIENCE\s*=\s*local\.scheduler_audience\b/);
      expect(/\bLG_SCHEDULER_SERVICE_ACCOUNT\s*=\s*(\S+?)\s*[,}]/.exec(spec)?.[1]).toBe(account);
      // Public (the default): Cloud Run's own invoker check would replace the token's signature, leaving nothing to verify.
      expect(spec).not.toMatch(/\binvoker\s*=/);
    }
    expect(mapEntries(functions, 'function_defaults').get('invoker')).toMatch(/=\s*"public"/);
    // What Terraform sets is what turns the verifier on.
    const env = { LG_PROJECT_ID: 'p', LG_SCHEDULER_AUDIENCE: audience, LG_SCHEDULER_SERVICE_ACCOUNT: 'lg-scheduler-invoker@p.iam.gserviceaccount.com' };
    expect(loadConfig(env).scheduler).toMatchObject({ audience: 'lucky-gas-jobs', serviceAccount: env.LG_SCHEDULER_SERVICE_ACCOUNT });
  });

  it('schedules exactly the jobs the jobs function serves', () => {
    const served = jobsFunction.routes.map((r) => r.path.replace(/^\//, '')).sort();
    expect(mapKeys(infra('scheduler.tf'), 'scheduled_jobs')).toEqual(served);
    expect(served).toContain('closure-reminders');
  });
});
