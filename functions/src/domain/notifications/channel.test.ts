import { chooseAddress } from './channel';

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
