import { startLineServer, type LocalLineServer } from '../../adapters/notify/test-support/line-server';
import type { SubscriptionSpec } from '../../adapters/pubsub/subscriptions';
import { startTestStack, testConfig, type TestStack } from '../../local/test-support';
import { apiClient } from './api-client';

/** A test stack whose notifications go to LINE, played by the local stand-in that speaks the Messaging API's push endpoint; with `subscriptions`, those consumers get events. */
export async function startStackWithLine(suite: string, channelToken: string, subscriptions: readonly SubscriptionSpec[] = []): Promise<{ stack: TestStack; line: LocalLineServer; call: ReturnType<typeof apiClient>; close(): Promise<void> }> {
  const line = await startLineServer(channelToken);
  const base = testConfig();
  const stack = await startTestStack({ suite, subscriptions, overrides: { notify: { ...base.notify, lineApiBase: line.baseUrl, lineChannelToken: channelToken } } });
  return {
    stack,
    line,
    call: apiClient(stack.url, stack.container),
    async close() {
      await stack.close();
      await line.stop();
    },
  };
}
