import { confirmPortalSignupInputSchema, isMobileOf, requestPortalSignupInputSchema } from './portal-signup';

describe('portal sign-up input', () => {
  it('takes the customer code in either case and a mobile however written, as national digits', () => {
    expect(requestPortalSignupInputSchema.parse({ customerCode: ' c00127 ', mobile: '+886 912-345-678' })).toEqual({ customerCode: 'C00127', mobile: '0912345678' });
  });

  it('refuses a landline and a malformed code by name', () => {
    const landline = requestPortalSignupInputSchema.safeParse({ customerCode: 'C00127', mobile: '02-2345-6789' });
    expect(landline.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['mobile', 'USER.SIGNUP_MOBILE_INVALID']]);
    const code = confirmPortalSignupInputSchema.safeParse({ customerCode: 'C00127', mobile: '0912345678', oneTimeCode: '12345', username: 'lin', password: 'a-long-password' });
    expect(code.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['oneTimeCode', 'AUTH.RESET_CODE_FORMAT']]);
  });

  it('finds the mobile among the customer’s phones however they were written', () => {
    const customer = { phones: ['(02)2345-6789', '0912 345 678'] };
    expect(isMobileOf(customer, '0912345678')).toBe(true);
    expect(isMobileOf(customer, '0922111222')).toBe(false);
  });
});
