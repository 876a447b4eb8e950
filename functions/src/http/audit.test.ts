import type { AuditEntry } from '../domain/audit';
import type { EventEnvelope, Topic } from '../domain/events';
import { auditRecorder } from './audit';
import { anAuditedRequest } from '../domain/test-support';

const request = anAuditedRequest({
  principal: { uid: 'u-admin', role: 'admin' },
  function: 'users',
  method: 'POST',
  route: '/:uid/password',
  summary: 'Set a new password',
  params: { uid: 'u-office' },
  body: { password: 'a-long-password' },
  status: 200,
  response: { uid: 'u-office' },
});const clock = { now: () => new Date('2026-11-28T02:03:04Z') };

function publisher() {
  const published: { topic: Topic; event: EventEnvelope }[] = [];
  return { published, publish: async (topic: Topic, event: EventEnvelope) => void published.push({ topic, event }) };
}

describe('the audit recorder', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  it('writes the redacted entry at the clock’s time and raises nothing', async () => {
    const written: AuditEntry[] = [];
    const events = publisher();
    await auditRecorder({ write: async (e) => void written.push(e), publisher: events, clock }).record(request);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ id: 'req-1', at: '2026-11-28T02:03:04.000Z', body: { password: '[REDACTED]' }, entityId: 'u-office' });
    expect(events.published).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
  });

  it('when the write fails, resolves anyway, logs the entry at ERROR and raises system.audit_write_failed once per function and hour', async () => {
    const events = publisher();
    const recorder = auditRecorder({ write: () => Promise.reject(new Error('UNAVAILABLE')), publisher: events, clock });
    await expect(recorder.record(request)).resolves.toBeUndefined();
    const logged = JSON.parse(String(errors.mock.calls[0]?.[0])) as Record<string, unknown>;
    expect(logged).toMatchObject({ severity: 'ERROR', message: 'audit entry not written', auditEntry: { id: 'req-1', body: { password: '[REDACTED]' } } });
    expect(JSON.stringify(logged)).not.toContain('a-long-password');
    expect(events.published).toHaveLength(1);
    expect(events.published[0]).toMatchObject({
      topic: 'system-alerts',
      event: {
        id: 'audit-write-failed-users-2026-11-28T02',
        type: 'system.audit_write_failed',
        subject: 'auditLog/req-1',
        data: { severity: 'warning', function: 'users', route: '/:uid/password', requestId: 'req-1', actorUid: 'u-admin' },
      },
    });
  });

  it('still resolves when the alert cannot be published either, and logs both', async () => {
    const recorder = auditRecorder({
      write: () => Promise.reject(new Error('UNAVAILABLE')),
      publisher: { publish: () => Promise.reject(new Error('pubsub down')) },
      clock,
    });
    await expect(recorder.record(request)).resolves.toBeUndefined();
    expect(errors.mock.calls.map((c) => (JSON.parse(String(c[0])) as { message: string }).message)).toEqual(['audit entry not written', 'audit alert not published']);
  });
});
