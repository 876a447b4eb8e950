import { assertNoOpenServiceCalls } from './open-calls';

const call = (id: string, kind: 'gas_smell' | 'regulator', status: 'open' | 'assigned', openedAt: string) => ({ id, kind, urgent: kind === 'gas_smell', status, openedAt });

describe('ending a customer’s service with calls not closed', () => {
  it('goes through with none', () => {
    expect(() => assertNoOpenServiceCalls('cust-1', [])).not.toThrow();
  });

  it('is a conflict naming each call, oldest first, by kind, urgency, status and the Taipei day opened', () => {
    const calls = [call('svc-2', 'regulator', 'assigned', '2026-12-01T02:00:00Z'), call('svc-1', 'gas_smell', 'open', '2026-11-30T17:30:00Z')];
    expect(() => assertNoOpenServiceCalls('cust-1', calls)).toThrow(
      expect.objectContaining({
        code: 'CUSTOMER.OPEN_SERVICE_CALLS',
        kind: 'conflict',
        details: {
          id: 'cust-1',
          count: 2,
          calls: [
            { id: 'svc-1', kind: 'gas_smell', urgent: true, status: 'open', openedOn: '2026-12-01' },
            { id: 'svc-2', kind: 'regulator', urgent: false, status: 'assigned', openedOn: '2026-12-01' },
          ],
          kinds: ['gas_smell', 'regulator'],
        },
      }),
    );
  });
});
