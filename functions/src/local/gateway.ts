import type { CloudEvent } from '@google-cloud/functions-framework';
import { getFunction, getTestServer } from '@google-cloud/functions-framework/testing';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { createContainer, setContainer } from '../adapters/container';
import { SUBSCRIPTIONS, subscriptionName, type SubscriptionSpec } from '../adapters/pubsub/subscriptions';
import type { Config } from '../config/load-config';
import type { Clock } from '../domain/clock';
import { closeGracefully } from './close-gracefully';
import { headersFor, hostingHeaderRules, withConnectSources } from './hosting-headers';
import { WEB_DIST } from './paths';
import { API_RESPONSE_HEADERS } from '../http/endpoint';
import { pickLocale } from '../http/locale';
import { messageFor } from '../http/messages';

/**
 * One local server standing in for Firebase Hosting + Cloud Functions + Eventarc:
 *  - `/api/<name>/...` → the HTTP function `<name>`, through functions-framework's own server app
 *    (same body parsing, same `rawBody`), with the URL untouched, as the hosting rewrite delivers it;
 *  - `POST /_events/<consumer>` ← Pub/Sub emulator push; the push body becomes the CloudEvent the
 *    production Pub/Sub trigger delivers, and the consumer's outcome becomes ack (2xx) or nack (5xx);
 *  - everything else → the built SPA, with history-API fallback to index.html and firebase.json's `hosting.headers`.
 */

export interface GatewayOptions {
  readonly port: number;
  readonly config: Config;
  /** Interface to bind; loopback by default, since this is a development server. */
  readonly host?: string;
  /** Defaults to the repository's web/dist. */
  readonly webDist?: string;
  /** Event consumers reachable under /_events; defaults to the subscriptions table. */
  readonly subscriptions?: readonly SubscriptionSpec[];
  /**
   * Tests of the production sign-in only: the web API key and a Firebase Auth stand-in (`host:port`)
   * that init.json hands the SPA, which then signs in to Firebase Auth instead of using mock tokens.
   */
  readonly firebaseAuth?: { readonly apiKey: string; readonly emulator: string };
  /** The functions' "now"; the system clock unless a test pins the time of day it depends on. */
  readonly clock?: Clock;
}

/** How long `close` lets requests being served finish (a route optimisation runs longer and is cut). */
const CLOSE_GRACE_MS = 10_000;

export interface Gateway {
  readonly url: string;
  readonly port: number;
  /** Stops taking requests; resolves once those being served are answered (see `closeGracefully`). */
  close(): Promise<void>;
}

/** The body a Pub/Sub push subscription POSTs. */
export interface PushBody {
  readonly message: {
    readonly data?: string;
    readonly attributes?: Readonly<Record<string, string>>;
    readonly messageId: string;
    readonly publishTime: string;
  };
  readonly subscription: string;
}

/** The `data` of a `google.cloud.pubsub.topic.v1.messagePublished` CloudEvent. */
export interface MessagePublishedData {
  readonly message: {
    readonly data?: string;
    readonly attributes: Readonly<Record<string, string>>;
    readonly messageId: string;
    readonly message_id: string;
    readonly publishTime: string;
    readonly publish_time: string;
  };
  readonly subscription: string;
}

function isPushBody(body: unknown): body is PushBody {
  const b = body as Partial<PushBody> | undefined;
  return (
    typeof b?.subscription === 'string' &&
    typeof b.message === 'object' &&
    b.message !== null &&
    typeof b.message.messageId === 'string'
  );
}

/** What Eventarc hands a Pub/Sub-triggered function for one pushed message. */
export function pushToCloudEvent(push: PushBody, projectId: string, topic: string): CloudEvent<MessagePublishedData> {
  const { data, attributes = {}, messageId, publishTime } = push.message;
  return {
    specversion: '1.0',
    id: messageId,
    source: `//pubsub.googleapis.com/projects/${projectId}/topics/${topic}`,
    type: 'google.cloud.pubsub.topic.v1.messagePublished',
    time: publishTime,
    datacontenttype: 'application/json',
    data: {
      message: {
        ...(data !== undefined ? { data } : {}),
        attributes,
        messageId,
        message_id: messageId,
        publishTime,
        publish_time: publishTime,
      },
      subscription: push.subscription,
    },
  };
}

/** Answers like a deployed function would: the catalogue's text in the caller's language. */
function notFound(req: Request, res: Response): void {
  const code = 'REQUEST.NOT_FOUND';
  res.status(404).set(API_RESPONSE_HEADERS).json({ error: { code, message: messageFor(code, pickLocale(req.header('accept-language')), 'No such API path.') } });
}

/** Registers every deployable function, exactly the set `functions/src/functions/index.ts` imports. */
function loadFunctions(): void {
  require('../functions/index');
}

function apiRoute(consumers: ReadonlySet<string>): RequestHandler {
  const apps = new Map<string, (req: Request, res: Response) => void>();
  return (req, res) => {
    const name = String(req.params['name']);
    if (consumers.has(name) || !getFunction(name)) return notFound(req, res);
    let app = apps.get(name);
    if (!app) {
      // The server functions-framework would run for this function; we reuse its request listener.
      const server = getTestServer(name);
      const listener = server.listeners('request')[0] as ((req: Request, res: Response) => void) | undefined;
      if (!listener) return notFound(req, res);
      app = listener;
      apps.set(name, app);
    }
    // Mounting under /api/:name stripped the prefix; production functions see the full path.
    req.url = req.originalUrl;
    app(req, res);
  };
}

/**
 * The subscription a push came from decides the topic (one consumer may listen to several);
 * a push naming no known subscription is taken as the consumer's first.
 */
function specForPush(specs: readonly SubscriptionSpec[], consumer: string, subscription: string): SubscriptionSpec | undefined {
  const mine = specs.filter((s) => s.consumer === consumer);
  const id = subscription.split('/').pop();
  return mine.find((s) => subscriptionName(s) === id) ?? mine[0];
}

function eventRoute(config: Config, specs: readonly SubscriptionSpec[]): RequestHandler {
  return async (req, res) => {
    const consumer = String(req.params['consumer']);
    const fn = specs.some((s) => s.consumer === consumer) ? getFunction(consumer) : undefined;
    if (!fn) return notFound(req, res);
    if (!isPushBody(req.body)) {
      // A malformed push will never succeed: ack it (2xx) so Pub/Sub does not redeliver forever.
      res.status(204).end();
      console.warn(JSON.stringify({ severity: 'WARNING', consumer, message: 'Ignored a malformed push body' }));
      return;
    }
    const spec = specForPush(specs, consumer, req.body.subscription) as SubscriptionSpec;
    try {
      await (fn as (event: CloudEvent<MessagePublishedData>) => unknown)(pushToCloudEvent(req.body, config.projectId, spec.topic));
      res.status(204).end();
    } catch (err) {
      console.error(JSON.stringify({ severity: 'ERROR', consumer, message: String(err), stack: (err as Error)?.stack }));
      res.status(500).json({ error: { code: 'EVENT.CONSUMER_FAILED', message: String(err) } });
    }
  };
}

/**
 * The built SPA with the headers firebase.json gives it in production (`hosting.headers`, matched on the request path),
 * so every browser test runs under the production Content-Security-Policy.
 */
function spa(webDist: string, headers: (requestPath: string) => Record<string, string>): express.Router {
  const router = express.Router();
  const index = path.join(webDist, 'index.html');
  router.use((req, res, next) => {
    // Set before express.static, which keeps a Cache-Control already set (the immutable one of /assets/**).
    for (const [key, value] of Object.entries(headers(req.path))) res.setHeader(key, value);
    next();
  });
  router.use(express.static(webDist, { index: false, fallthrough: true }));
  router.get('/{*splat}', (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build -w web` (npm start does it for you).');
      return;
    }
    res.sendFile(index);
  });
  return router;
}

/**
 * firebase.json's headers for a request path, the CSP's connect-src widened by the emulators this gateway hands the
 * SPA in init.json (plain http on loopback, which production's CSP rightly refuses): the Firestore emulator and, in
 * the production sign-in tests, the Firebase Auth stand-in. Only those; nothing else is added.
 */
function localHostingHeaders(opts: Pick<GatewayOptions, 'config' | 'firebaseAuth'>): (requestPath: string) => Record<string, string> {
  const rules = hostingHeaderRules();
  const emulators = [opts.config.emulators.firestore, opts.firebaseAuth?.emulator].filter((h): h is string => !!h).map((h) => `http://${h}`);
  return (requestPath) => {
    const headers = headersFor(rules, requestPath);
    const csp = headers['Content-Security-Policy'];
    return csp ? { ...headers, 'Content-Security-Policy': withConnectSources(csp, emulators) } : headers;
  };
}

export function createGatewayApp(opts: Omit<GatewayOptions, 'port' | 'host'>): express.Express {
  const specs = opts.subscriptions ?? SUBSCRIPTIONS;
  const app = express();
  app.disable('x-powered-by');
  app.use('/api/:name', apiRoute(new Set(specs.map((s) => s.consumer))));
  app.all('/api', notFound);
  app.post('/_events/:consumer', express.json({ limit: '10mb' }), eventRoute(opts.config, specs));
  // What Firebase Hosting's reserved /__/firebase/init.json gives a deployed SPA, pointed at the emulator.
  app.get('/__/firebase/init.json', (_req, res) => {
    const firestore = opts.config.emulators.firestore ?? null;
    const auth = opts.firebaseAuth;
    res.json(
      auth
        ? { projectId: opts.config.projectId, apiKey: auth.apiKey, emulators: { firestore, auth: auth.emulator } }
        : { projectId: opts.config.projectId, emulators: { firestore } },
    );
  });
  app.use(spa(opts.webDist ?? WEB_DIST, localHostingHeaders(opts)));
  return app;
}

/** Installs a container built from `config`, registers every function, and serves them on `port` (0 picks a free port). */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  setContainer(createContainer(opts.config, opts.clock));
  loadFunctions();
  const app = createGatewayApp(opts);
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => closeGracefully(server, CLOSE_GRACE_MS),
  };
}
