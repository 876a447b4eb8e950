import { CODE_CHANNELS as API_CODE_CHANNELS, codeChannel } from '../../../functions/src/domain/notifications/channel';
import en from '../locales/en.json';
import zhTW from '../locales/zh-TW.json';
import { CODE_CHANNELS, SIGNUP_CODE_CHANNELS } from './code-channels';

/** Every configuration a deployment can have: the gateways and whether it prints undeliverable codes in its log. */
const CONFIGURATIONS = [false, true].flatMap((line) => [false, true].flatMap((sms) => [false, true].map((logged) => ({ available: { line, sms }, logged }))));
const answered = (purpose: 'password-reset' | 'portal-signup') => [...new Set(CONFIGURATIONS.map((c) => codeChannel(purpose, c.available, c.logged)))].sort();

describe('the code hints of 忘記密碼 and 開通帳號', () => {
  it('know every channel the API answers, and 開通帳號 the ones it can answer for a sign-up', () => {
    expect([...CODE_CHANNELS].sort()).toEqual([...API_CODE_CHANNELS].sort());
    expect(answered('password-reset')).toEqual([...CODE_CHANNELS].sort());
    expect(answered('portal-signup')).toEqual([...SIGNUP_CODE_CHANNELS].sort());
  });

  it('have a sentence for each of them in both languages', () => {
    for (const messages of [zhTW, en]) {
      expect(Object.keys(messages.forgot.sentBy).sort()).toEqual([...CODE_CHANNELS].sort());
      expect(Object.keys(messages.signup.sentBy).sort()).toEqual([...SIGNUP_CODE_CHANNELS].sort());
    }
  });
});
