import { chooseAddress, codeChannel, customerReach } from './channel';

const LINE_ID = `U${'a1'.repeat(16)}`;

describe('chooseAddress', () => {
  const everything = { line: true, sms: true };

  it('prefers LINE for a customer who opted in', () => {
    expect(chooseAddress({ customerId: 'c1', lineUserId: LINE_ID, phones: ['0912-345-678'] }, everything)).toEqual({
      channel: 'line',
      to: LINE_ID,
    });
  });

  it('uses SMS to the first mobile, normalised to 09xxxxxxxx, when LINE is not possible', () => {
    expect(chooseAddress({ customerId: 'c1', phones: ['(02)2345-6789', '+886 912 345 678'] }, everything)).toEqual({
      channel: 'sms',
      to: '0912345678',
    });
    expect(chooseAddress({ customerId: 'c1', lineUserId: LINE_ID, phones: ['0912345678'] }, { line: false, sms: true })).toEqual({
      channel: 'sms',
      to: '0912345678',
    });
  });

  it('falls back to the inbox without a usable channel', () => {
    expect(chooseAddress({ customerId: 'c1', phones: ['(02)2345-6789'] }, everything)).toEqual({ channel: 'inbox', to: 'c1' });
    expect(chooseAddress({ customerId: 'c1', lineUserId: LINE_ID, phones: ['0912345678'] }, { line: false, sms: false })).toEqual({
      channel: 'inbox',
      to: 'c1',
    });
  });
});

describe('customerReach', () => {
  const everything = { line: true, sms: true };
  const nothing = { line: false, sms: false };

  it('says LINE for a customer who opted in, without their LINE id', () => {
    expect(customerReach({ customerId: 'c1', lineUserId: LINE_ID, phones: ['0912-345-678'] }, everything, true)).toEqual({ channel: 'line' });
  });

  it('names the mobile texts go to as the customer wrote it', () => {
    expect(customerReach({ customerId: 'c1', phones: ['(02)2345-6789', '0960-327-259'] }, everything, true)).toEqual({ channel: 'sms', phone: '0960-327-259' });
  });

  it('says the portal inbox without a gateway that reaches them, only when they can sign in to read it; else nowhere', () => {
    const withMobile = { customerId: 'c1', lineUserId: LINE_ID, phones: ['0960-327-259'] };
    expect(customerReach(withMobile, nothing, true)).toEqual({ channel: 'inbox' });
    expect(customerReach(withMobile, nothing, false)).toEqual({ channel: 'none' });
    expect(customerReach({ customerId: 'c1', phones: ['(02)2345-6789'] }, everything, true)).toEqual({ channel: 'inbox' });
    expect(customerReach({ customerId: 'c1', phones: ['(02)2345-6789'] }, everything, false)).toEqual({ channel: 'none' });
  });
});

describe('codeChannel', () => {
  it('sends a reset code by LINE or SMS as configured, a sign-up code by SMS alone', () => {
    const cases = [
      [{ line: true, sms: true }, 'line-or-sms', 'sms'],
      [{ line: true, sms: false }, 'line', 'log'],
      [{ line: false, sms: true }, 'sms', 'sms'],
      [{ line: false, sms: false }, 'log', 'log'],
    ] as const;
    for (const [available, reset, signup] of cases) {
      expect({ available, reset: codeChannel('password-reset', available, true), signup: codeChannel('portal-signup', available, true) }).toEqual({ available, reset, signup });
    }
  });

  it('says codes go nowhere without a gateway when the deployment does not print them in its log', () => {
    expect(codeChannel('password-reset', { line: false, sms: false }, false)).toBe('none');
    expect(codeChannel('portal-signup', { line: true, sms: false }, false)).toBe('none');
    expect(codeChannel('password-reset', { line: true, sms: false }, false)).toBe('line');
    expect(codeChannel('portal-signup', { line: false, sms: true }, false)).toBe('sms');
  });
});
