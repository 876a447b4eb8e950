import { z } from 'zod';

/** The local default QR AES key: a demo value, documented as such (production sets LG_INVOICE_QR_AES_KEY). */
const DEMO_QR_AES_KEY = '0123456789ABCDEF0123456789ABCDEF';
/** The local default seller: demo values (a 統一編號 with a valid check digit, registered to no one; production sets LG_INVOICE_SELLER_*). */
const DEMO_SELLER = { taxId: '12345675', name: '幸福氣瓦斯行', address: '新北市中和區景平路100號' } as const;

/**
 * The one place that reads the environment. Everything else receives a typed `Config`.
 * Emulator hosts are only overrides: without them the SDKs talk to the real services.
 */
const envSchema = z.object({
  LG_PROJECT_ID: z.string().min(1).optional(),
  GCLOUD_PROJECT: z.string().min(1).optional(),
  FIRESTORE_EMULATOR_HOST: z.string().min(1).optional(),
  PUBSUB_EMULATOR_HOST: z.string().min(1).optional(),
  LG_AUTH_MODE: z.enum(['local', 'firebase']).default('local'),
  /** Local dev issuer base URL, e.g. http://localhost:5000/api/auth. */
  LG_AUTH_ISSUER: z.string().url().optional(),
  LG_AUTH_AUDIENCE: z.string().min(1).default('lucky-gas'),
  LG_AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Directory holding the local issuer's signing key (created on first start). */
  LG_AUTH_KEY_DIR: z.string().min(1).optional(),
  /** Service account that signs Firebase custom tokens through the IAM Credentials API (production). */
  LG_FIREBASE_TOKEN_SIGNER: z.string().email().optional(),
  LG_IAM_CREDENTIALS_API_BASE: z.string().url().default('https://iamcredentials.googleapis.com'),
  LG_VERTEX_ENDPOINT: z.string().min(1).optional(),
  LG_VERTEX_API_ENDPOINT: z.string().min(1).optional(),
  LG_VERTEX_LOCATION: z.string().min(1).default('asia-east1'),
  LG_VERTEX_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  LG_LINE_API_BASE: z.string().url().default('https://api.line.me'),
  LG_LINE_CHANNEL_TOKEN: z.string().min(1).optional(),
  LG_SMS_API_URL: z.string().url().optional(),
  LG_SMS_API_KEY: z.string().min(1).optional(),
  /**
   * The gateways the messaging functions are deployed with (`line,sms`, either, or empty), for the functions that only
   * say how messages travel (auth's code hints, a customer's reach) and so are given no messaging secret. Unset, the
   * gateways configured here are meant (the local stack, a single process with every variable).
   */
  LG_NOTIFY_CHANNELS: z
    .string()
    .regex(/^((line|sms)(,(line|sms))*)?$/, 'a comma-separated list of line and sms')
    .optional(),
  LG_APP_VERSION: z.string().min(1).optional(),
  /**
   * Google Maps Platform key for two APIs: the Routes API (road travel times for route optimisation, `LG_MAPS_API_BASE`)
   * and the Geocoding API (new customers' addresses). Without it, and whenever those fail, the optimisation plans on
   * straight lines (haversine × road factor) and addresses are placed by the district gazetteer.
   */
  LG_MAPS_API_KEY: z.string().min(1).optional(),
  LG_MAPS_API_BASE: z.string().url().default('https://routes.googleapis.com'),
  /** The Geocoding API (same key) that locates new customers' addresses; without a key, the local district gazetteer. */
  LG_GEOCODING_API_BASE: z.string().url().default('https://maps.googleapis.com'),
  /** Cloud Scheduler calls the jobs function with a Google OIDC token for this audience and account. */
  LG_SCHEDULER_AUDIENCE: z.string().min(1).optional(),
  LG_SCHEDULER_SERVICE_ACCOUNT: z.string().email().optional(),
  /**
   * ECPay (綠界) e-invoice account: with the merchant id and the AES key and IV (secrets, given only to the functions
   * that issue or void), invoices are issued by ECPay; otherwise numbered from the distributor's own 字軌 books
   * (`invoiceBooks/*`). The merchant id is plain configuration every function may see.
   */
  LG_EINVOICE_MERCHANT_ID: z.string().min(1).optional(),
  LG_EINVOICE_HASH_KEY: z.string().min(1).optional(),
  LG_EINVOICE_HASH_IV: z.string().min(1).optional(),
  LG_EINVOICE_API_URL: z.string().url().default('https://einvoice.ecpay.com.tw'),
  /**
   * The seller's QR AES key from the MOF e-invoice platform (32 hex digits, a secret given only to the invoices
   * function), which signs the QR codes of the printed 電子發票證明聯. Locally a fixed demo key (not valid at the MOF:
   * a demo proof's QR verifies nowhere).
   */
  LG_INVOICE_QR_AES_KEY: z.string().min(1).default(DEMO_QR_AES_KEY),
  /**
   * The seller as registered with the MOF e-invoice platform: printed on the proofs and named in the MIG messages the
   * Turnkey machine uploads (the one seller, configured on the server). Locally demo values.
   */
  LG_INVOICE_SELLER_TAX_ID: z.string().regex(/^\d{8}$/).default(DEMO_SELLER.taxId),
  LG_INVOICE_SELLER_NAME: z.string().min(1).default(DEMO_SELLER.name),
  LG_INVOICE_SELLER_ADDRESS: z.string().min(1).default(DEMO_SELLER.address),
  npm_package_version: z.string().optional(),
});

export interface Config {
  readonly projectId: string;
  readonly emulators: { readonly firestore?: string; readonly pubsub?: string };
  readonly auth: {
    readonly mode: 'local' | 'firebase';
    readonly issuer: string;
    readonly audience: string;
    readonly jwksUrl: string;
    readonly tokenTtlSeconds: number;
    readonly keyDir?: string;
    /** Signs Firebase custom tokens at login; without it, only the local mode mints (unsigned, emulator) ones. */
    readonly customTokenSigner?: { readonly serviceAccount: string; readonly iamApiBase: string };
  };
  readonly vertex: {
    readonly endpoint?: string;
    readonly apiEndpoint?: string;
    readonly location: string;
    readonly timeoutMs: number;
  };
  readonly notify: {
    readonly lineApiBase: string;
    readonly lineChannelToken?: string;
    readonly smsApiUrl?: string;
    readonly smsApiKey?: string;
  };
  /** Which gateways deliver messages in this deployment (`LG_NOTIFY_CHANNELS`, or the ones configured here). */
  readonly channels: { readonly line: boolean; readonly sms: boolean };
  readonly appVersion: string;
  readonly maps: { readonly apiKey?: string; readonly apiBase: string; readonly geocodingApiBase: string };
  readonly scheduler?: { readonly audience: string; readonly serviceAccount: string; readonly jwksUrl: string };
  /** ECPay's e-invoice API when `merchantId` is set (then with key and IV), the local invoice books otherwise. */
  readonly einvoice: { readonly apiUrl: string; readonly merchantId?: string; readonly hashKey?: string; readonly hashIv?: string };
  /** The seller registered with the MOF e-invoice platform: on the printed proofs and in the Turnkey upload's MIG messages. */
  readonly invoiceSeller: { readonly taxId: string; readonly name: string; readonly address: string };
  /** The printed 電子發票證明聯: the QR AES key (32 hex digits) of its verification code. */
  readonly invoiceProof: { readonly qrAesKey: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const GOOGLE_OIDC_JWKS = 'https://www.googleapis.com/oauth2/v3/certs';
const GOOGLE_SECURETOKEN_JWKS =
  'https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com';

/** The gateways these settings can send by: LINE with a channel token, SMS with both an endpoint and a key. */
export function gatewaysConfigured(notify: { readonly lineChannelToken?: string | undefined; readonly smsApiUrl?: string | undefined; readonly smsApiKey?: string | undefined }): Config['channels'] {
  return { line: Boolean(notify.lineChannelToken), sms: Boolean(notify.smsApiUrl && notify.smsApiKey) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const projectId = e.LG_PROJECT_ID ?? e.GCLOUD_PROJECT ?? 'lucky-gas-local';

  const customTokenSigner = e.LG_FIREBASE_TOKEN_SIGNER
    ? { customTokenSigner: { serviceAccount: e.LG_FIREBASE_TOKEN_SIGNER, iamApiBase: e.LG_IAM_CREDENTIALS_API_BASE } }
    : {};
  let auth: Config['auth'];
  if (e.LG_AUTH_MODE === 'firebase') {
    // Firebase Auth ID tokens: issuer and audience are fixed by Google's format.
    auth = {
      mode: 'firebase',
      issuer: `https://securetoken.google.com/${projectId}`,
      audience: projectId,
      jwksUrl: GOOGLE_SECURETOKEN_JWKS,
      tokenTtlSeconds: e.LG_AUTH_TOKEN_TTL_SECONDS,
      ...customTokenSigner,
    };
  } else {
    const issuer = e.LG_AUTH_ISSUER ?? 'http://localhost:5000/api/auth';
    auth = {
      mode: 'local',
      issuer,
      audience: e.LG_AUTH_AUDIENCE,
      jwksUrl: `${issuer.replace(/\/$/, '')}/jwks.json`,
      tokenTtlSeconds: e.LG_AUTH_TOKEN_TTL_SECONDS,
      ...(e.LG_AUTH_KEY_DIR ? { keyDir: e.LG_AUTH_KEY_DIR } : {}),
      ...customTokenSigner,
    };
  }

  return {
    projectId,
    emulators: {
      ...(e.FIRESTORE_EMULATOR_HOST ? { firestore: e.FIRESTORE_EMULATOR_HOST } : {}),
      ...(e.PUBSUB_EMULATOR_HOST ? { pubsub: e.PUBSUB_EMULATOR_HOST } : {}),
    },
    auth,
    vertex: {
      ...(e.LG_VERTEX_ENDPOINT ? { endpoint: e.LG_VERTEX_ENDPOINT } : {}),
      ...(e.LG_VERTEX_API_ENDPOINT ? { apiEndpoint: e.LG_VERTEX_API_ENDPOINT } : {}),
      location: e.LG_VERTEX_LOCATION,
      timeoutMs: e.LG_VERTEX_TIMEOUT_MS,
    },
    notify: {
      lineApiBase: e.LG_LINE_API_BASE,
      ...(e.LG_LINE_CHANNEL_TOKEN ? { lineChannelToken: e.LG_LINE_CHANNEL_TOKEN } : {}),
      ...(e.LG_SMS_API_URL ? { smsApiUrl: e.LG_SMS_API_URL } : {}),
      ...(e.LG_SMS_API_KEY ? { smsApiKey: e.LG_SMS_API_KEY } : {}),
    },
    channels:
      e.LG_NOTIFY_CHANNELS === undefined
        ? gatewaysConfigured({ lineChannelToken: e.LG_LINE_CHANNEL_TOKEN, smsApiUrl: e.LG_SMS_API_URL, smsApiKey: e.LG_SMS_API_KEY })
        : { line: e.LG_NOTIFY_CHANNELS.split(',').includes('line'), sms: e.LG_NOTIFY_CHANNELS.split(',').includes('sms') },
    appVersion: e.LG_APP_VERSION ?? e.npm_package_version ?? '0.1.0',
    maps: {
      apiBase: e.LG_MAPS_API_BASE,
      geocodingApiBase: e.LG_GEOCODING_API_BASE,
      ...(e.LG_MAPS_API_KEY ? { apiKey: e.LG_MAPS_API_KEY } : {}),
    },
    einvoice: {
      apiUrl: e.LG_EINVOICE_API_URL,
      ...(e.LG_EINVOICE_MERCHANT_ID ? { merchantId: e.LG_EINVOICE_MERCHANT_ID } : {}),
      ...(e.LG_EINVOICE_HASH_KEY ? { hashKey: e.LG_EINVOICE_HASH_KEY } : {}),
      ...(e.LG_EINVOICE_HASH_IV ? { hashIv: e.LG_EINVOICE_HASH_IV } : {}),
    },
    invoiceSeller: { taxId: e.LG_INVOICE_SELLER_TAX_ID, name: e.LG_INVOICE_SELLER_NAME, address: e.LG_INVOICE_SELLER_ADDRESS },
    invoiceProof: { qrAesKey: e.LG_INVOICE_QR_AES_KEY },
    ...(e.LG_SCHEDULER_AUDIENCE && e.LG_SCHEDULER_SERVICE_ACCOUNT
      ? {
          scheduler: {
            audience: e.LG_SCHEDULER_AUDIENCE,
            serviceAccount: e.LG_SCHEDULER_SERVICE_ACCOUNT,
            jwksUrl: GOOGLE_OIDC_JWKS,
          },
        }
      : {}),
  };
}
