import type { Firestore } from '@google-cloud/firestore';
import type { PubSub } from '@google-cloud/pubsub';
import { loadConfig, type Config } from '../config/load-config';
import { systemClock, type Clock } from '../domain/clock';
import { createLocalIssuer, memoryKeyStore, type LocalIssuer } from '../http/auth/local-issuer';
import { refusingRevokedSessions, type SessionVerifier } from '../http/auth/revoked-sessions';
import { verifierFromConfig } from '../http/auth/token-verifier';
import type { CustomTokenSigner } from '../http/auth/login';
import { auditRecorder } from '../http/audit';
import type { HttpDeps } from '../http/endpoint';
import type { IdempotencyStore } from '../http/idempotency';
import type { Geocoder } from '../domain/customers';
import type { EventPublisher } from '../domain/events';
import type { InvoiceIssuer, QrVerification } from '../domain/invoicing';
import { pubsubEventPublisher } from './pubsub/event-publisher';
import { applicationDefaultAccessToken, emulatorCustomTokenSigner, iamCustomTokenSigner } from './firebase/custom-token-signer';
import { fileSigningKeyStore } from './files/signing-key-store';
import { firestoreAuditLogStore } from './firestore/audit-log-store';
import { createFirestore } from './firestore/client';
import { firestoreIdempotencyStore } from './firestore/idempotency-store';
import { firestoreUserStore } from './firestore/user-store';
import { invoiceIssuerFromConfig } from './invoicing/select-issuer';
import { qrVerification } from './invoicing/qr-verification';
import { geocoderFromConfig } from './maps/geocoder';
import { createPubSub } from './pubsub/client';

/**
 * The composition root: the one place that turns configuration into SDK clients and adapters.
 * Function files ask it for what they need; tests build their own with `createContainer(config)`.
 */
export interface Container {
  readonly config: Config;
  readonly clock: Clock;
  /**
   * The clock sessions are dated by: tokens' `iat`/`exp`, which jose and Firebase Auth check against the system's time,
   * and the accounts' `sessionsValidFrom` they are compared with. The system's, also where a test pins `clock`
   * (`taipeiClockAt`): a session dated by that one would be refused, or outlive a password change.
   */
  readonly tokenClock: Clock;
  readonly db: Firestore;
  readonly pubsub: PubSub;
  readonly verifier: SessionVerifier;
  readonly idempotency: IdempotencyStore;
  /** Present only with the local dev issuer (LG_AUTH_MODE=local). */
  readonly localIssuer: LocalIssuer | null;
  /** Firebase custom tokens for the SPA's Firestore session: IAM-signed when configured, emulator-style locally. */
  readonly customTokens: CustomTokenSigner | null;
  readonly http: HttpDeps;
  readonly publisher: EventPublisher;
  /** Google's Geocoding API behind the district gazetteer when a Maps key is set, the gazetteer alone otherwise. */
  readonly geocoder: Geocoder;
  /** Issues and voids e-invoices: ECPay when its account is configured, the local 字軌 books otherwise. */
  readonly invoiceIssuer: InvoiceIssuer;
  /** The 檢驗碼 of a printed proof's QR code, made with the seller's QR AES key (a secret only the invoices function gets). */
  readonly proofVerification: QrVerification;
}

/** A disabled account loses access within this long on every instance (one account read per interval). */
const ACCOUNT_STATE_CHECK_TTL_MS = 30_000;

export async function createContainer(config: Config, clock: Clock = systemClock): Promise<Container> {
  const db = createFirestore(config);
  const pubsub = createPubSub(config);
  const localIssuer =
    config.auth.mode === 'local'
      ? await createLocalIssuer({
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          store: config.auth.keyDir ? fileSigningKeyStore(config.auth.keyDir) : memoryKeyStore(),
        })
      : null;
  const users = firestoreUserStore(db);
  const verifier = refusingRevokedSessions(verifierFromConfig(config.auth, localIssuer?.jwks()), {
    stateOf: (uid) => users.stateOf(uid),
    ttlMs: ACCOUNT_STATE_CHECK_TTL_MS,
    now: () => clock.now().getTime(),
  });
  const idempotency = firestoreIdempotencyStore(db, () => clock.now());
  const signer = config.auth.customTokenSigner;
  const customTokens = signer
    ? iamCustomTokenSigner({ serviceAccount: signer.serviceAccount, apiBase: signer.iamApiBase, accessToken: applicationDefaultAccessToken() })
    : config.auth.mode === 'local'
      ? emulatorCustomTokenSigner()
      : null;
  const publisher = pubsubEventPublisher(pubsub);
  const auditLog = firestoreAuditLogStore(db);
  return {
    config,
    clock,
    tokenClock: systemClock,
    db,
    pubsub,
    verifier,
    idempotency,
    localIssuer,
    customTokens,
    http: { verifier, idempotency, audit: auditRecorder({ write: (entry) => auditLog.write(entry), publisher, clock }) },
    publisher,
    geocoder: geocoderFromConfig(config.maps),
    invoiceIssuer: invoiceIssuerFromConfig(config.einvoice, { db, clock }),
    proofVerification: qrVerification(config.invoiceProof.qrAesKey),
  };
}

let current: Promise<Container> | null = null;

/** The process-wide container, built on first use from the environment. */
export function container(): Promise<Container> {
  current ??= createContainer(loadConfig());
  return current;
}

/** Lets the local gateway and tests install a container built from their own configuration. */
export function setContainer(c: Container | Promise<Container>): void {
  current = Promise.resolve(c);
}
