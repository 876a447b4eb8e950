import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { DomainError } from '../../domain/errors';
import {
  CUSTOM_TOKEN_AUDIENCE,
  emulatorCustomTokenSigner,
  EMULATOR_SERVICE_ACCOUNT,
  iamCustomTokenSigner,
} from './custom-token-signer';
import { startSignJwtServer, type LocalSignJwtServer } from './test-support/sign-jwt-server';

const SA = 'lg-functions@lucky-gas-prod.iam.gserviceaccount.com';
const NOW = new Date('2026-11-28T02:00:00Z');
const IAT = Math.floor(NOW.getTime() / 1000);

let iam: LocalSignJwtServer;
beforeAll(async () => {
  iam = await startSignJwtServer(SA);
});
afterAll(() => iam.stop());
afterEach(() => iam.failWith(null));

const signer = () => iamCustomTokenSigner({ serviceAccount: SA, apiBase: iam.baseUrl, accessToken: async () => 'adc-access-token' });

describe('custom tokens signed through the IAM Credentials API', () => {
  it('sends the custom-token claims to signJwt with the caller credentials and returns the signed token', async () => {
    const token = await signer().sign({ uid: 'u-driver3', role: 'driver', driverId: 'drv-3' }, NOW);
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(iam.jwks), {
      algorithms: ['RS256'],
      issuer: SA,
      subject: SA,
      audience: CUSTOM_TOKEN_AUDIENCE,
      currentDate: NOW,
    });
    expect(protectedHeader.kid).toBe('local-sa-key-1');
    expect(payload).toEqual({
      iss: SA,
      sub: SA,
      aud: CUSTOM_TOKEN_AUDIENCE,
      iat: IAT,
      exp: IAT + 3600,
      uid: 'u-driver3',
      claims: { role: 'driver', driverId: 'drv-3' },
    });
    expect(iam.signed.at(-1)?.bearer).toBe('adc-access-token');
  });

  it('carries exactly the role claims the rules read, per role', async () => {
    const claims = async (p: Parameters<ReturnType<typeof signer>['sign']>[0]) => decodeJwt(await signer().sign(p, NOW))['claims'];
    await expect(claims({ uid: 'c1', role: 'customer', customerId: 'cust-0001' })).resolves.toEqual({ role: 'customer', customerId: 'cust-0001' });
    await expect(claims({ uid: 'o1', role: 'office' })).resolves.toEqual({ role: 'office' });
  });

  it('answers 503 (not a credentials error) when IAM refuses or credentials are missing', async () => {
    iam.failWith(403);
    const refused = signer().sign({ uid: 'o1', role: 'office' }, NOW);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE', kind: 'unavailable', details: { status: 403 } });
    const noCredentials = iamCustomTokenSigner({
      serviceAccount: SA,
      apiBase: iam.baseUrl,
      accessToken: () => Promise.reject(new Error('Could not load the default credentials')),
    }).sign({ uid: 'o1', role: 'office' }, NOW);
    await expect(noCredentials).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE', kind: 'unavailable' });
  });

  it('answers 503 when the API cannot be reached in time', async () => {
    const unreachable = iamCustomTokenSigner({ serviceAccount: SA, apiBase: 'http://127.0.0.1:9', accessToken: async () => 't' });
    await expect(unreachable.sign({ uid: 'o1', role: 'office' }, NOW)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('custom tokens for the Auth emulator', () => {
  it('are unsigned, name the emulator account and carry the same claims', async () => {
    const token = await emulatorCustomTokenSigner().sign({ uid: 'c1', role: 'customer', customerId: 'cust-0001' }, NOW);
    expect(token.endsWith('.')).toBe(true);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(decodeJwt(token)).toEqual({
      iss: EMULATOR_SERVICE_ACCOUNT,
      sub: EMULATOR_SERVICE_ACCOUNT,
      aud: CUSTOM_TOKEN_AUDIENCE,
      iat: IAT,
      exp: IAT + 3600,
      uid: 'c1',
      claims: { role: 'customer', customerId: 'cust-0001' },
    });
  });
});
