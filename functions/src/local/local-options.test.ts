import path from 'node:path';
import { loadLocalOptions } from './local-options';
import { LOCAL_DATA } from './paths';

describe('loadLocalOptions', () => {
  it('defaults to port 5000, the emulator ports of firebase.json, .local-data and the documented demo password', () => {
    expect(loadLocalOptions({})).toEqual({
      port: 5000,
      host: '127.0.0.1',
      firestorePort: 8080,
      pubsubPort: 8085,
      dataDir: LOCAL_DATA,
      firestoreDataDir: path.join(LOCAL_DATA, 'firestore'),
      demoPassword: 'luckygas-demo',
      demoPasswordIsDefault: true,
      seed: true,
    });
  });

  it('takes PORT, DEMO_PASSWORD and LG_DATA_DIR from the environment', () => {
    const opts = loadLocalOptions({ PORT: '5050', DEMO_PASSWORD: 's3cret', LG_DATA_DIR: '/tmp/lg', LG_SKIP_SEED: '1' });
    expect(opts).toMatchObject({ port: 5050, demoPassword: 's3cret', demoPasswordIsDefault: false, dataDir: '/tmp/lg', seed: false });
  });

  it('refuses a PORT that is not a port number', () => {
    expect(() => loadLocalOptions({ PORT: 'http' })).toThrow('PORT must be a port number, got "http"');
  });
});
