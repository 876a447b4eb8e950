import { strandedLine, strandedUploads } from './stranded-uploads';

const t = (key: string, values: Record<string, unknown> = {}) => `${key}${JSON.stringify(values)}`;
const deliver = {
  actionId: 'a1',
  path: '/api/driver/stops/ord-1/deliver',
  body: { actionId: 'a1', at: '2026-12-01T02:32:00.000Z', delivered: [{ size: 20, quantity: 1 }], emptiesCollected: [{ size: 20, quantity: 1 }], cashCollected: 820 },
  subjectId: 'ord-1',
  label: '劉佩君',
  enqueuedAt: '2026-12-01T02:32:00.000Z',
  attempts: 3,
};

function storage(entries: Record<string, string>): Pick<Storage, 'length' | 'key' | 'getItem'> {
  const keys = Object.keys(entries);
  return { length: keys.length, key: (i) => keys[i] ?? null, getItem: (k) => entries[k] ?? null };
}

describe('strandedUploads', () => {
  it('finds the driver queues on the phone holding actions not uploaded, and nothing else', () => {
    const found = strandedUploads(
      storage({
        'lg.driverQueue.u-driver2': JSON.stringify({ pending: [deliver], rejected: [] }),
        'lg.driverQueue.u-driver3': JSON.stringify({ pending: [], rejected: [deliver] }),
        'lg.driverQueue.u-broken': '{not json',
        'lg.session': JSON.stringify({ pending: [deliver] }),
      }),
    );
    expect(found).toEqual([{ key: 'lg.driverQueue.u-driver2', actions: [deliver] }]);
  });
});

describe('strandedLine', () => {
  it('says whom, what was left and taken back, the cash and when, in Taipei time', () => {
    expect(strandedLine(deliver, t)).toBe(
      'driver.stranded.delivered{"customer":"劉佩君","delivered":"cylinder.line{\\"size\\":20,\\"quantity\\":1}","empties":"cylinder.line{\\"size\\":20,\\"quantity\\":1}","cash":"NT$820","at":"10:32"}',
    );
  });

  it('adds a deposit taken at the door, and reads a failed stop with its reason', () => {
    expect(strandedLine({ ...deliver, body: { ...deliver.body, depositCollected: [{ size: 20, count: 1, amount: 1500 }] } }, t)).toMatch(/driver\.stranded\.deposit\{"amount":"NT\$1,500"\}$/);
    const fail = { ...deliver, path: '/api/driver/stops/ord-1/fail', body: { actionId: 'a1', at: '2026-12-01T02:32:00.000Z', reason: 'no_one_home' } };
    expect(strandedLine(fail, t)).toBe('driver.stranded.failed{"customer":"劉佩君","reason":"orderReasons.no_one_home{}","at":"10:32"}');
  });

  it('reads a service call closed offline (報修結案) by how it ended, not as a delivery', () => {
    const close = { ...deliver, path: '/api/service-calls/svc-1/close', body: { outcome: 'unsafe', unsafeItems: ['hose'] }, label: '報修結案：劉佩君' };
    expect(strandedLine(close, t)).toBe('driver.stranded.serviceCall{"call":"報修結案：劉佩君","outcome":"serviceCalls.outcomes.unsafe{}","at":"10:32"}');
  });
});
