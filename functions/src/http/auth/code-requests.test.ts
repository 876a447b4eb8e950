import type { CodeRequest } from '../../domain/users';
import { requestCode, type RequestCodeDeps } from './code-requests';
import type { ThrottleState } from './login-throttle';

const T0 = new Date('2026-11-28T02:00:00Z');

function desk() {
  let now = T0;
  const states = new Map<string, ThrottleState>();
  const announced: CodeRequest[] = [];
  const deps: RequestCodeDeps = {
    throttle: {
      get: async (k) => states.get(k) ?? null,
      update: async (k, next) => void states.set(k, next(states.get(k) ?? null)),
      clear: async (k) => void states.delete(k),
    },
    announce: async (request) => void announced.push(request),
    clock: { now: () => now },
    channel: (purpose) => (purpose === 'password-reset' ? 'line-or-sms' : 'sms'),
  };
  return { deps, announced, later: (ms: number) => void (now = new Date(now.getTime() + ms)) };
}
const reset = (username: string): CodeRequest => ({ purpose: 'password-reset', username, locale: 'zh-TW' });
const signup = (customerCode: string): CodeRequest => ({ purpose: 'portal-signup', customerCode, mobile: '0912345678', locale: 'en' });
const resetAnswer = { codeValidForMinutes: 10, channel: 'line-or-sms' };
const signupAnswer = { codeValidForMinutes: 10, channel: 'sms' };

describe('requestCode', () => {
  it('announces every request as asked and answers each the same, whatever it names, saying how codes travel here', async () => {
    const d = desk();
    const answers = [];
    for (const request of [reset('c00127'), reset('nobody'), signup('C00127'), signup('C99999')]) answers.push(await requestCode(request, '203.0.113.9', d.deps));
    expect(answers).toEqual([resetAnswer, resetAnswer, signupAnswer, signupAnswer]);
    expect(d.announced).toEqual([reset('c00127'), reset('nobody'), signup('C00127'), signup('C99999')]);
  });

  it('takes five requests an hour per username or customer code, existing or not, then says when to try again and announces nothing', async () => {
    for (const request of [reset('nobody'), signup('C99999')]) {
      const d = desk();
      for (let i = 0; i < 5; i += 1) await requestCode(request, `198.51.100.${i}`, d.deps);
      d.later(10 * 60_000);
      await expect(requestCode(request, '198.51.100.9', d.deps)).rejects.toMatchObject({
        code: 'AUTH.RESET_RATE_LIMITED',
        kind: 'rate_limited',
        details: { retryAfterSeconds: 50 * 60 },
      });
      expect(d.announced.length).toBe(5);
      d.later(50 * 60_000);
      await expect(requestCode(request, '198.51.100.9', d.deps)).resolves.toMatchObject({ codeValidForMinutes: 10 });
    }
  });

  it('takes twenty requests an hour from one address across usernames, counting 忘記密碼 and 開通帳號 apart', async () => {
    const d = desk();
    for (let i = 0; i < 20; i += 1) await requestCode(reset(`user${i}`), '203.0.113.9', d.deps);
    await expect(requestCode(reset('user20'), '203.0.113.9', d.deps)).rejects.toMatchObject({ code: 'AUTH.RESET_RATE_LIMITED' });
    await expect(requestCode(reset('user20'), '203.0.113.10', d.deps)).resolves.toEqual(resetAnswer);
    await expect(requestCode(signup('C00127'), '203.0.113.9', d.deps)).resolves.toEqual(signupAnswer);
    expect(d.announced.length).toBe(22);
  });
});
