import type { Server } from 'node:http';

const IDLE_CHECK_MS = 50;

/**
 * Stops taking connections and resolves once the requests being served have been answered, so nothing a handler
 * started (a Firestore transaction, a Pub/Sub push being consumed) outlives the clients closed after the server. A
 * request still running after `graceMs` has its connection cut.
 */
export function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // Unref'd: the open connections keep the process alive while they last; the timers alone must not (a test worker).
    const force = setTimeout(() => server.closeAllConnections(), graceMs).unref();
    // A keep-alive connection whose request has been answered would hold `close` open until it times out: node only
    // closes the connections idle at the moment it is asked, so it is asked until the last one is done.
    const idle = setInterval(() => server.closeIdleConnections(), IDLE_CHECK_MS).unref();
    server.close((err) => {
      clearTimeout(force);
      clearInterval(idle);
      if (err) reject(err);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
