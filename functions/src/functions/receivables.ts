import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreReceivableStore } from '../adapters/firestore/receivable-store';
import { AGING_BUCKETS, receivableSchema, type AgingBucket } from '../domain/billing';
import { z } from '../domain/schema';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';

const totalsSchema = z.object({
  balance: z.number().int(),
  aging: z.object(Object.fromEntries(AGING_BUCKETS.map((b) => [b, z.number().int()])) as Record<AgingBucket, z.ZodNumber>),
});

/** The receivables ledger (應收帳款) for the office: what each account customer owes and how late. */
export const receivablesFunction: HttpFunctionDef = {
  name: 'receivables',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Every account customer’s balance and aging, most overdue first, with totals',
        description:
          'Worked out by the nightly `receivables` job and again for a customer whenever a payment of theirs is recorded or voided; each line says when (`computedAt`). Credits (negative balances) are listed but not added to the aging.',
        response: z.object({ items: z.array(receivableSchema), totals: totalsSchema }),
      },
      async handle() {
        const items = await firestoreReceivableStore((await container()).db).list();
        const owed = items.filter((r) => r.balance > 0);
        const aging = Object.fromEntries(AGING_BUCKETS.map((b) => [b, owed.reduce((sum, r) => sum + r.aging[b], 0)])) as Record<AgingBucket, number>;
        return { body: { items, totals: { balance: owed.reduce((sum, r) => sum + r.balance, 0), aging } } };
      },
    }),
  ],
};

http('receivables', createHttpHandler(receivablesFunction, async () => (await container()).http));
