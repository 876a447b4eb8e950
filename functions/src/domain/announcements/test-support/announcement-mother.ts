import { addDays } from '../../calendar';
import type { Announcement } from '../announcement';

/** A service announcement to everyone, shown from `today` for three days, not sent to customers: tests override the rest. */
export const anAnnouncement = (id: string, today: string, overrides: Partial<Announcement> = {}): Announcement => ({
  id,
  kind: 'service',
  'zh-TW': { title: `公告 ${id}`, body: '本週部分訂單延後一天配送。' },
  audience: { kind: 'all' },
  showFrom: today,
  showTo: addDays(today, 2),
  notifyCustomers: false,
  createdAt: '2026-11-30T01:00:00.000Z',
  createdBy: 'u-office',
  ...overrides,
});
