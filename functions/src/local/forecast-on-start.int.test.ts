import { taipeiDate } from '../domain/clock';
import { seedForecastHistory } from '../functions/test-support/forecast-history';
import { aCustomer } from '../domain/test-support/customer-mother';
import { forecastIfMissing, receivablesIfMissing } from './start';
import { startTestStack, type TestStack } from './test-support';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'forecast-on-start', subscriptions: [] });
});
afterAll(() => stack.close());

const count = async (collection: string) => (await stack.container.db.collection(collection).count().get()).data().count;

describe('npm start on demo data without a model', () => {
  it('trains one and predicts every customer, once: a restart with an active model does nothing', async () => {
    await forecastIfMissing(stack.container, { seed: false });
    expect(await count('models')).toBe(0);

    await seedForecastHistory(stack.container.db, { today: taipeiDate(new Date()), customers: 12, autoEvery: 4 });
    await forecastIfMissing(stack.container, { seed: true });
    const models = (await stack.container.db.collection('models').get()).docs.map((d) => d.data());
    expect(models).toEqual([expect.objectContaining({ status: 'active' })]);
    expect(await count('predictions')).toBe(12);

    await forecastIfMissing(stack.container, { seed: true });
    expect(await count('models')).toBe(1);
  });

  it('works out the receivables ledger for account customers, once: a restart with a ledger does nothing', async () => {
    const db = stack.container.db;
    await receivablesIfMissing(stack.container, { seed: false });
    expect(await count('receivables')).toBe(0);
    for (const [id, paymentTerms] of [['cust-acct-1', 'monthly'], ['cust-acct-2', 'transfer']] as const) {
      await db.collection('customers').doc(id).set(aCustomer().withId(id).with({ paymentTerms }).build());
    }
    await receivablesIfMissing(stack.container, { seed: true });
    const lines = (await db.collection('receivables').get()).docs.map((d) => d.id);
    expect(lines).toEqual(expect.arrayContaining(['cust-acct-1', 'cust-acct-2']));
    const before = await count('receivables');
    await db.collection('customers').doc('cust-acct-3').set(aCustomer().withId('cust-acct-3').with({ paymentTerms: 'monthly' }).build());
    await receivablesIfMissing(stack.container, { seed: true });
    expect(await count('receivables')).toBe(before);
  });
});
