import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeGracefully } from './close-gracefully';

async function serve(handler: (finish: () => void) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => handler(() => res.end('done')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('closeGracefully', () => {
  it('waits for the request being served to be answered before it resolves', async () => {
    let finish: () => void = () => undefined;
    let called: () => void = () => undefined;
    const handlerCalled = new Promise<void>((resolve) => (called = resolve));
    const { server, url } = await serve((f) => {
      finish = f;
      called();
    });
    const answer = fetch(url).then((r) => r.text());
    await handlerCalled;
    const closed = closeGracefully(server, 10_000);
    expect(await settledWithin(closed, 200)).toBe(false);
    finish();
    expect(await answer).toBe('done');
    expect(await settledWithin(closed, 2_000)).toBe(true);
  });

  it('resolves at once with only idle keep-alive connections open', async () => {
    const { server, url } = await serve((finish) => finish());
    expect(await (await fetch(url)).text()).toBe('done');
    expect(await settledWithin(closeGracefully(server, 10_000), 1_000)).toBe(true);
  });

  it('cuts a request still running after the grace period', async () => {
    const { server, url } = await serve(() => undefined);
    const answer = fetch(url).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 100));
    const before = Date.now();
    await closeGracefully(server, 300);
    expect(Date.now() - before).toBeGreaterThanOrEqual(250);
    expect(await answer).toBe('cut');
  });
});
