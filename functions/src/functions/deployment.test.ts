import { getFunction } from '@google-cloud/functions-framework/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBSCRIPTIONS, subscriptionName } from '../adapters/pubsub/subscriptions';
import { API_FUNCTIONS } from './api-functions';
import { jobsFunction } from './jobs';
import './index';

/** Terraform (infra/) and the code must agree on names, or a deploy silently misses something. */
const infra = (file: string) => readFileSync(join(__dirname, '../../../infra', file), 'utf8');

/** The keys of a top-level map in a `locals` block, e.g. `function_specs = { auth = {} ... }`. */
function mapKeys(hcl: string, map: string): string[] {
  const start = hcl.indexOf(`${map} = {`);
  if (start < 0) throw new Error(`no ${map} in HCL`);
  let depth = 0;
  const keys: string[] = [];
  for (const line of hcl.slice(start).split('\n')) {
    const key = depth === 1 ? /^\s*"?([A-Za-z0-9_-]+)"?\s*=/.exec(line)?.[1] : undefined;
    if (key) keys.push(key);
    depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
    if (depth === 0) break;
  }
  return keys.sort();
}

describe('deployment names', () => {
  const deployed = mapKeys(infra('functions.tf'), 'function_specs');

  it('reads the function map of functions.tf', () => {
    expect(deployed).toEqual(expect.arrayContaining(['auth', 'orders', 'optimizeRoutes', 'notifyCustomer']));
  });

  it('deploys exactly the functions the code registers', () => {
    const registered = [...API_FUNCTIONS.map((f) => f.name), 'openapi', ...SUBSCRIPTIONS.map((s) => s.consumer)];
    expect(deployed).toEqual([...new Set(registered)].sort());
    for (const name of deployed) expect({ name, registered: getFunction(name) !== undefined }).toEqual({ name, registered: true });
  });

  it('creates exactly the push subscriptions of the subscriptions table', () => {
    expect(mapKeys(infra('pubsub.tf'), 'subscriptions')).toEqual(SUBSCRIPTIONS.map(subscriptionName).sort());
  });

  it('schedules exactly the jobs the jobs function serves', () => {
    const served = jobsFunction.routes.map((r) => r.path.replace(/^\//, '')).sort();
    expect(mapKeys(infra('scheduler.tf'), 'scheduled_jobs')).toEqual(served);
    expect(served).toContain('closure-reminders');
  });
});
