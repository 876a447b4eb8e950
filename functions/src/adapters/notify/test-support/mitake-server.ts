import type { ServerResponse } from 'node:http';
import { startHttpServer, type RecordedRequest } from './http-server';

/**
 * A local stand-in for Mitake's `SmSend` that enforces the request format (form-encoded UTF-8,
 * credentials, 09xxxxxxxx, clientid ≤ 36, no raw newline in smbody) and answers in Mitake's
 * line format, replaying the first answer with `Duplicate=Y` for a repeated clientid.
 */
export interface SentSms {
  readonly dstaddr: string;
  readonly smbody: string;
  readonly clientid: string | null;
  readonly msgid: string;
}

export type ForcedFailure = { readonly http: number } | { readonly statuscode: string };

export interface LocalMitakeServer {
  readonly baseUrl: string;
  readonly sent: SentSms[];
  readonly requests: RecordedRequest[];
  failNext(...failures: ForcedFailure[]): void;
  /** Resolves with `sent` once it holds at least `count` messages (they may come from an event consumer, a while after the request). */
  waitForSent(count: number, timeoutMs?: number): Promise<readonly SentSms[]>;
  stop(): Promise<void>;
}

const ERRORS: Record<string, string> = {
  '*': '系統發生錯誤，請聯絡三竹資訊窗口人員',
  e: '帳號、密碼錯誤',
  u: '簡訊內容不得為空白',
  v: '無效的手機號碼',
  y: '參數錯誤',
};

function reply(res: ServerResponse, status: number, lines: string[]): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${lines.join('\r\n')}\r\n`);
}

export async function startMitakeServer(account: { username: string; password: string }): Promise<LocalMitakeServer> {
  const sent: SentSms[] = [];
  const requests: RecordedRequest[] = [];
  const forced: ForcedFailure[] = [];
  const byClientId = new Map<string, string[]>();
  let nextMsgId = 1010079522;
  let points = 1000;

  const server = await startHttpServer((req, res) => {
    requests.push(req);
    const url = new URL(req.url, 'http://mitake.local');
    if (req.method !== 'POST' || url.pathname !== '/api/mtk/SmSend') return reply(res, 404, ['Not Found']);
    const failure = forced.shift();
    if (failure && 'http' in failure) return reply(res, failure.http, ['Service Unavailable']);
    if (failure) return reply(res, 200, [`statuscode=${failure.statuscode}`, `Error=${ERRORS[failure.statuscode] ?? ''}`]);

    if (url.searchParams.get('CharsetURL') !== 'UTF8') return reply(res, 200, ['statuscode=y', `Error=${ERRORS.y}`]);
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return reply(res, 200, ['statuscode=y', `Error=${ERRORS.y}`]);
    const form = new URLSearchParams(req.body.toString('utf8'));
    if (form.get('username') !== account.username || form.get('password') !== account.password) {
      return reply(res, 200, ['statuscode=e', `Error=${ERRORS.e}`]);
    }
    const dstaddr = form.get('dstaddr') ?? '';
    const smbody = form.get('smbody') ?? '';
    const clientid = form.get('clientid');
    if (!/^09\d{8}$/.test(dstaddr)) return reply(res, 200, ['[1]', 'statuscode=v', `Error=${ERRORS.v}`]);
    if (smbody.length === 0) return reply(res, 200, ['[1]', 'statuscode=u', `Error=${ERRORS.u}`]);
    if (/[\r\n]/.test(smbody) || (clientid !== null && clientid.length > 36)) {
      return reply(res, 200, ['[1]', 'statuscode=y', `Error=${ERRORS.y}`]);
    }
    const first = clientid ? byClientId.get(clientid) : undefined;
    if (first) return reply(res, 200, [...first, 'Duplicate=Y']);

    const msgid = String(nextMsgId++);
    points -= 1;
    sent.push({ dstaddr, smbody, clientid, msgid });
    const lines = ['[1]', `msgid=${msgid}`, 'statuscode=1', `AccountPoint=${points}`];
    if (clientid) byClientId.set(clientid, lines);
    reply(res, 200, lines);
  });
  return {
    baseUrl: server.baseUrl,
    sent,
    requests,
    failNext: (...failures) => void forced.push(...failures),
    async waitForSent(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        if (Date.now() > deadline) throw new Error(`Mitake stand-in: ${sent.length} of ${count} messages after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return sent.slice();
    },
    stop: server.stop,
  };
}
