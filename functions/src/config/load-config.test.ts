import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('defaults to the local stack: local issuer, Taiwan region, no emulators unless named', () => {
    const c = loadConfig({});
    expect(c.projectId).toBe('lucky-gas-local');
    expect(c.auth).toMatchObject({ mode: 'local', issuer: 'http://localhost:5000/api/auth', audience: 'lucky-gas' });
    expect(c.auth.jwksUrl).toBe('http://localhost:5000/api/auth/jwks.json');
    expect(c.emulators).toEqual({});
    expect(c.vertex).toEqual({ location: 'asia-east1', timeoutMs: 2000 });
    expect(c.scheduler).toBeUndefined();
  });

  it('treats emulator hosts as overrides only', () => {
    const c = loadConfig({ FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080', PUBSUB_EMULATOR_HOST: '127.0.0.1:8085', LG_PROJECT_ID: 'p' });
    expect(c.emulators).toEqual({ firestore: '127.0.0.1:8080', pubsub: '127.0.0.1:8085' });
    expect(c.projectId).toBe('p');
  });

  it("fixes issuer and audience to Firebase's format in production mode", () => {
    const c = loadConfig({ LG_AUTH_MODE: 'firebase', GCLOUD_PROJECT: 'lucky-gas-prod', LG_AUTH_ISSUER: 'http://ignored' });
    expect(c.auth).toMatchObject({
      mode: 'firebase',
      issuer: 'https://securetoken.google.com/lucky-gas-prod',
      audience: 'lucky-gas-prod',
      jwksUrl: 'https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com',
    });
  });

  it('signs Firebase custom tokens through IAM only when a signer account is named', () => {
    expect(loadConfig({ LG_AUTH_MODE: 'firebase' }).auth.customTokenSigner).toBeUndefined();
    expect(loadConfig({ LG_AUTH_MODE: 'firebase', LG_FIREBASE_TOKEN_SIGNER: 'lg-api@p.iam.gserviceaccount.com' }).auth.customTokenSigner).toEqual({
      serviceAccount: 'lg-api@p.iam.gserviceaccount.com',
      iamApiBase: 'https://iamcredentials.googleapis.com',
    });
    expect(() => loadConfig({ LG_FIREBASE_TOKEN_SIGNER: 'not-an-email' })).toThrow(/LG_FIREBASE_TOKEN_SIGNER/);
  });

  it('geocodes with Google only when a Maps key is set, at a base the environment may override', () => {
    expect(loadConfig({}).maps).toEqual({ apiBase: 'https://routes.googleapis.com', geocodingApiBase: 'https://maps.googleapis.com' });
    expect(loadConfig({ LG_MAPS_API_KEY: 'k', LG_GEOCODING_API_BASE: 'http://127.0.0.1:9999' }).maps).toEqual({
      apiKey: 'k',
      apiBase: 'https://routes.googleapis.com',
      geocodingApiBase: 'http://127.0.0.1:9999',
    });
    expect(() => loadConfig({ LG_GEOCODING_API_BASE: 'not a url' })).toThrow(/LG_GEOCODING_API_BASE/);
  });

  it('enables the scheduler verifier only when both audience and account are given', () => {
    expect(loadConfig({ LG_SCHEDULER_AUDIENCE: 'https://jobs' }).scheduler).toBeUndefined();
    expect(
      loadConfig({ LG_SCHEDULER_AUDIENCE: 'https://jobs', LG_SCHEDULER_SERVICE_ACCOUNT: 'sched@p.iam.gserviceaccount.com' }).scheduler,
    ).toMatchObject({ audience: 'https://jobs', serviceAccount: 'sched@p.iam.gserviceaccount.com' });
  });

  it('names one e-invoice seller for the proofs and the MIG messages: the demo’s locally, the registered one when set', () => {
    expect(loadConfig({}).invoiceSeller).toEqual({ taxId: '12345675', name: '幸福氣瓦斯行', address: '新北市中和區景平路100號' });
    const env = { LG_INVOICE_SELLER_TAX_ID: '24549210', LG_INVOICE_SELLER_NAME: '幸福氣股份有限公司', LG_INVOICE_SELLER_ADDRESS: '台北市大安區信義路四段1號' };
    expect(loadConfig(env).invoiceSeller).toEqual({ taxId: '24549210', name: '幸福氣股份有限公司', address: '台北市大安區信義路四段1號' });
    expect(() => loadConfig({ LG_INVOICE_SELLER_TAX_ID: '2454921' })).toThrow('LG_INVOICE_SELLER_TAX_ID');
  });

  it('says which gateways deliver messages: those declared for a deployment, else those configured here', () => {
    expect(loadConfig({}).channels).toEqual({ line: false, sms: false });
    expect(loadConfig({ LG_LINE_CHANNEL_TOKEN: 't', LG_SMS_API_URL: 'https://sms.example', LG_SMS_API_KEY: 'u:p' }).channels).toEqual({ line: true, sms: true });
    expect(loadConfig({ LG_SMS_API_URL: 'https://sms.example' }).channels).toEqual({ line: false, sms: false });
    // auth and customers hold no messaging secret: they are told.
    expect(loadConfig({ LG_NOTIFY_CHANNELS: 'line' }).channels).toEqual({ line: true, sms: false });
    expect(loadConfig({ LG_NOTIFY_CHANNELS: 'line,sms' }).channels).toEqual({ line: true, sms: true });
    expect(loadConfig({ LG_NOTIFY_CHANNELS: '', LG_LINE_CHANNEL_TOKEN: 't' }).channels).toEqual({ line: false, sms: false });
    expect(() => loadConfig({ LG_NOTIFY_CHANNELS: 'email' })).toThrow(/LG_NOTIFY_CHANNELS/);
  });

  it('fails at start with every bad setting named', () => {
    let error: unknown;
    try {
      loadConfig({ LG_AUTH_MODE: 'magic', LG_AUTH_TOKEN_TTL_SECONDS: '5', LG_LINE_API_BASE: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['LG_AUTH_MODE', 'LG_AUTH_TOKEN_TTL_SECONDS', 'LG_LINE_API_BASE']) expect(message).toContain(name);
  });
});
