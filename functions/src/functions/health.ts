import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { checkFirestore } from '../adapters/firestore/client';
import { checkPubSub } from '../adapters/pubsub/client';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

export type CheckStatus = 'ok' | 'down';

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly checks: Readonly<Record<string, CheckStatus>>;
}

/** Runs every check at once; any failure makes the whole report degraded. */
export async function healthReport(
  checks: Readonly<Record<string, () => Promise<void>>>,
  version: string,
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return {
    status: entries.every(([, s]) => s === 'ok') ? 'ok' : 'degraded',
    version,
    checks: Object.fromEntries(entries),
  };
}

export const healthFunction: HttpFunctionDef = {
  name: 'health',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: 'public',
      docs: { summary: 'Reachability of Firestore and Pub/Sub, and the app version; 503 when a dependency is down' },
      async handle() {
        const c = await container();
        const report = await healthReport(
          {
            firestore: () => checkFirestore(c.db),
            pubsub: () => checkPubSub(c.pubsub),
          },
          c.config.appVersion,
        );
        return { status: report.status === 'ok' ? 200 : 503, body: report };
      },
    }),
  ],
};

http('health', createHttpHandler(healthFunction, async () => (await container()).http));
