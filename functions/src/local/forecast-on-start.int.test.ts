import { taipeiDate } from '../domain/clock';
import { seedForecastHistory } from '../functions/test-support/forecast-history';
import { forecastIfMissing } from './start';
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
});
