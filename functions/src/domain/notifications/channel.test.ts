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
  // Every configuration: the gateways, and whether the deployment prints a code no gateway carries in its log (the
  // local dev issuer) or has it go nowhere (production). A reset code's account may have neither LINE nor a mobile, so
  // with the log it can always end up there; a sign-up code goes to the mobile typed, which SMS always reaches.
  const cases = [
    // [line, sms], logged, password-reset, portal-signup
    [[false, false], true, 'log', 'log'],
    [[true, false], true, 'line-or-log', 'log'],
    [[false, true], true, 'sms-or-log', 'sms'],
    [[true, true], true, 'line-or-sms-or-log', 'sms'],
    [[false, false], false, 'none', 'none'],
    [[true, false], false, 'line', 'none'],
    [[false, true], false, 'sms', 'sms'],
    [[true, true], false, 'line-or-sms', 'sms'],
  ] as const;

  it.each(cases)('with LINE and SMS %j, codes logged %s: a reset code %s, a sign-up code %s', (gateways, logged, reset, signup) => {
    const available = { line: gateways[0], sms: gateways[1] };
    expect([codeChannel('password-reset', available, logged), codeChannel('portal-signup', available, logged)]).toEqual([reset, signup]);
  });
});
