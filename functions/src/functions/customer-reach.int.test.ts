import { aCustomer } from '../domain/test-support/customer-mother';
import { startTestStack, testConfig, type TestStack } from '../local/test-support';
import { apiClient, type Who } from './test-support/api-client';
import { seedPortalAccounts } from './test-support/portal-accounts';

let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const LINE_ID = `U${'b2'.repeat(16)}`;
const customers = [
  aCustomer().withId('cust-a').withCode('C00001').with({ name: '林記麵館', phones: ['(02)2345-6789', '0960-327-259'] }).build(),
  aCustomer().withId('cust-b').withCode('C00002').with({ name: '王家小吃', phones: ['0922-111-222'], lineUserId: LINE_ID }).build(),
  aCustomer().withId('cust-c').withCode('C00003').with({ name: '陳記便當', phones: ['02-2999-1234'] }).build(),
  aCustomer().withId('cust-d').withCode('C00004').with({ name: '黃家麵店', phones: ['02-2999-5678'] }).build(),
];

beforeAll(async () => {
  // Both gateways configured (nothing is sent here, so they point nowhere).
  const base = testConfig();
  stack = await startTestStack({
    suite: 'customer-reach',
    subscriptions: [],
    overrides: { notify: { ...base.notify, lineChannelToken: 'test-line-token', smsApiUrl: 'http://127.0.0.1:9/SmSend', smsApiKey: 'lg:sms-pw' } },
  });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  for (const c of customers) await db.collection('customers').doc(c.id).set(c);
  // cust-d has no portal account: its inbox reaches nobody.
  await seedPortalAccounts(db, ['cust-a', 'cust-b', 'cust-c']);
});
afterAll(() => stack.close());

const reach = (id: string, as: Who) => call('GET', `/api/customers/${id}/reach`, { as });

describe("where a customer's messages go (聯絡與收貨)", () => {
  it('tells a customer their own: SMS to their first mobile as written, LINE once linked, without the LINE id', async () => {
    const own = await reach('cust-a', 'customerA');
    expect({ status: own.status, body: own.body }).toEqual({ status: 200, body: { channel: 'sms', phone: '0960-327-259', smsConfigured: true } });
    const linked = await reach('cust-b', 'customerB');
    expect(linked.body).toEqual({ channel: 'line', smsConfigured: true });
  });

  it('tells the office of the portal inbox for a customer with no mobile, and of nowhere for one who cannot sign in either', async () => {
    for (const who of ['office', 'admin'] as const) {
      expect({ who, body: (await reach('cust-c', who)).body }).toEqual({ who, body: { channel: 'inbox', smsConfigured: true } });
      expect({ who, body: (await reach('cust-d', who)).body }).toEqual({ who, body: { channel: 'none', smsConfigured: true } });
    }
  });

  it('answers another customer, or an unknown one, as not found, and refuses a driver', async () => {
    const other = await reach('cust-b', 'customerA');
    expect({ status: other.status, code: other.body.error.code }).toEqual({ status: 404, code: 'CUSTOMER.NOT_FOUND' });
    const unknown = await reach('cust-zz', 'office');
    expect({ status: unknown.status, code: unknown.body.error.code }).toEqual({ status: 404, code: 'CUSTOMER.NOT_FOUND' });
    const driver = await reach('cust-a', 'driver1');
    expect({ status: driver.status, code: driver.body.error.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
  });
});
