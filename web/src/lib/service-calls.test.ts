import { isUrgentKind as serverUrgent, SERVICE_CALL_KINDS as SERVER_KINDS, SERVICE_CALL_OUTCOMES as SERVER_OUTCOMES } from '../../../functions/src/domain/service-calls';
import { isUrgentKind, openCallOrder, SERVICE_CALL_KINDS, SERVICE_CALL_OUTCOMES, type ServiceCall } from './service-calls';

const call = (id: string, urgent: boolean, openedAt: string): ServiceCall => ({
  id,
  customerId: 'cust-1',
  customer: { code: 'C00001', name: '林家', address: '板橋區', phone: '0912-345-678' },
  kind: urgent ? 'gas_smell' : 'hose',
  urgent,
  description: '',
  someoneHome: true,
  status: 'open',
  openedAt,
  openedBy: { uid: 'u-office', role: 'office' },
});

describe('service calls on screen', () => {
  it('know the server’s kinds, outcomes and which kind is urgent', () => {
    expect(SERVICE_CALL_KINDS).toEqual(SERVER_KINDS);
    expect(SERVICE_CALL_OUTCOMES).toEqual(SERVER_OUTCOMES);
    expect(SERVICE_CALL_KINDS.filter(isUrgentKind)).toEqual(SERVER_KINDS.filter(serverUrgent));
  });

  it('put the urgent calls first, each group longest waiting first', () => {
    const calls = [call('hose-late', false, '2026-12-01T03:00:00Z'), call('smell-late', true, '2026-12-01T04:00:00Z'), call('hose-early', false, '2026-12-01T01:00:00Z'), call('smell-early', true, '2026-12-01T02:00:00Z')];
    expect(calls.sort(openCallOrder).map((c) => c.id)).toEqual(['smell-early', 'smell-late', 'hose-early', 'hose-late']);
  });
});
