import type { Config } from '../../config/load-config';
import { startMitakeServer, type LocalMitakeServer } from '../../adapters/notify/test-support/mitake-server';
import { testConfig } from '../../local/test-support';

const ACCOUNT = { username: 'lg', password: 'sms-pw' };

/**
 * A local stand-in for Mitake's SmSend (what it was sent is in `sent`) and the configuration that points a test stack's
 * text messages at it.
 */
export async function startSmsGateway(): Promise<{ mitake: LocalMitakeServer; overrides: Partial<Config> }> {
  const mitake = await startMitakeServer(ACCOUNT);
  const base = testConfig();
  return { mitake, overrides: { notify: { ...base.notify, smsApiUrl: mitake.baseUrl, smsApiKey: `${ACCOUNT.username}:${ACCOUNT.password}` } } };
}
