import { aCustomer } from '../test-support';
import { newUser, createUserInputSchema } from '../users';
import { PERSONAL_DATA_SECTIONS, personalDataCopy, personalDataCopySchema, type PersonalDataSection, type StoredRecord } from './personal-data';

const none = Object.fromEntries(PERSONAL_DATA_SECTIONS.map((s): [PersonalDataSection, StoredRecord[]] => [s, []])) as Record<PersonalDataSection, StoredRecord[]>;

describe("a customer's personal data copy", () => {
  const customer = aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館' }).build();
  const account = newUser(createUserInputSchema.parse({ username: 'c00001', displayName: '林記麵館', role: 'customer', customerId: 'cust-a', password: 'long-enough-pw' }), 'scrypt$hash', 'u-c00001');

  it('gives the record without the search index, each portal account by name only, and every section counted', () => {
    const copy = personalDataCopy({ customer, accounts: [account], sections: { ...none, orders: [{ id: 'ord-1' }, { id: 'ord-2' }] } }, new Date('2026-12-01T02:00:00Z'));
    expect(copy.customer).not.toHaveProperty('searchTokens');
    expect(copy.customer).toMatchObject({ id: 'cust-a', name: '林記麵館' });
    expect(copy.portalAccounts).toEqual([{ username: 'c00001', displayName: '林記麵館', disabled: false }]);
    expect(copy.counts).toEqual({ ...Object.fromEntries(PERSONAL_DATA_SECTIONS.map((s) => [s, 0])), orders: 2 });
    expect(JSON.stringify(copy)).not.toContain('scrypt$hash');
    expect(personalDataCopySchema.parse(copy)).toEqual(copy);
  });
});
