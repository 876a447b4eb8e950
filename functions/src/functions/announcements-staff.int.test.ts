import type { Announcement } from '../domain/announcements';
import { addDays } from '../domain/calendar';
import { anAnnouncement } from '../domain/announcements/test-support/announcement-mother';
import { taipeiDate } from '../domain/clock';
import { startTestStack, taipeiClockAt, type TestStack } from '../local/test-support';
import { apiClient, type Who } from './test-support/api-client';

/**
 * 公告 for staff on the emulators: `GET /api/announcements/staff` answers the office, the admin and a driver the service
 * announcements whose Taipei days include today, their first and last day included, whoever they are for, and none
 * withdrawn, marketing, begun later or over; customers and the turnkey account are refused.
 */
// Mid-morning whenever the suite runs, so "today" is the same Taipei day for the stored announcements and the API.
const clock = taipeiClockAt('10:00');
const today = taipeiDate(clock.now());
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const announcement = (id: string, overrides: Partial<Announcement>): Announcement => anAnnouncement(id, today, overrides);
const stored: Announcement[] = [
  announcement('ann-first-day', {
    'zh-TW': { title: '颱風停止配送', body: '明日颱風，暫停配送。' },
    en: { title: 'Typhoon', body: 'No deliveries tomorrow.' },
    audience: { kind: 'districts', districts: ['中和區'] },
    createdAt: '2026-11-30T03:00:00.000Z',
  }),
  announcement('ann-last-day', { showFrom: addDays(today, -3), showTo: today, audience: { kind: 'depot', depotId: 'depot-zhonghe' }, createdAt: '2026-11-30T02:00:00.000Z' }),
  announcement('ann-tomorrow', { showFrom: addDays(today, 1) }),
  announcement('ann-over', { showFrom: addDays(today, -3), showTo: addDays(today, -1) }),
  announcement('ann-withdrawn', { withdrawnAt: '2026-11-30T04:00:00.000Z', withdrawnBy: 'u-office' }),
  announcement('ann-marketing', { kind: 'marketing' }),
];

beforeAll(async () => {
  stack = await startTestStack({ suite: 'announcements-staff', subscriptions: [], clock });
  call = apiClient(stack.url, stack.container);
  const db = stack.container.db;
  await db.collection('depots').doc('depot-zhonghe').set({ id: 'depot-zhonghe', name: '中和站', address: '新北市中和區中正路1號', location: { lat: 24.999, lng: 121.494 }, active: true });
  for (const a of stored) await db.collection('announcements').doc(a.id).set(a);
});
afterAll(() => stack.close());

describe('公告 for staff', () => {
  it.each<Who>(['office', 'admin', 'driver1'])('shows %s the service ones of today, first and last day included, newest first, whoever they are for', async (who) => {
    const res = await call('GET', '/api/announcements/staff', { as: who });
    expect(res.status).toBe(200);
    expect(res.body['announcements']).toEqual([
      { id: 'ann-first-day', title: '颱風停止配送', body: '明日颱風，暫停配送。', showFrom: today, showTo: addDays(today, 2), audience: { kind: 'districts', districts: ['中和區'] } },
      {
        id: 'ann-last-day',
        title: '公告 ann-last-day',
        body: '本週部分訂單延後一天配送。',
        showFrom: addDays(today, -3),
        showTo: today,
        audience: { kind: 'depot', depotId: 'depot-zhonghe' },
        depotName: '中和站',
      },
    ]);
  });

  it('gives the English words to a reader in English when written, the Chinese otherwise', async () => {
    const res = await call('GET', '/api/announcements/staff', { as: 'driver1', lang: 'en' });
    expect(res.body['announcements'].map((a: { title: string }) => a.title)).toEqual(['Typhoon', '公告 ann-last-day']);
  });

  it.each<Who>(['customerA', 'turnkey'])('refuses %s with 403', async (who) => {
    const res = await call('GET', '/api/announcements/staff', { as: who });
    expect(res.status).toBe(403);
    expect(res.body['error'].code).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a caller without a token with 401', async () => {
    expect((await call('GET', '/api/announcements/staff')).status).toBe(401);
  });
});
