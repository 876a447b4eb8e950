import { CANCEL_REASONS, FAILURE_REASONS, OFFICE_CANCEL_REASONS, RESCHEDULE_REASONS as TOLD_RESCHEDULE_REASONS } from '../../../functions/src/domain/notifications/templates';
import en from '../locales/en.json';
import zhTW from '../locales/zh-TW.json';
import { CANCEL_REASON_CODES, FAILURE_REASON_CODES, moveReasonText, moveWhy, OFFICE_CANCEL_REASON_CODES, reasonKey, reasonText } from './order-reasons';
import { RESCHEDULE_REASONS } from './types';

describe('order reasons', () => {
  // The locale's own words, filled in as vue-i18n fills them.
  const filled = (messages: object) => (key: string, named: Record<string, string>) =>
    String(key.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], messages)).replace(/\{(\w+)\}/g, (_, k: string) => named[k] ?? '');

  it('the codes the screens pick are the ones the API’s messages translate', () => {
    expect([...FAILURE_REASON_CODES].sort()).toEqual(Object.keys(FAILURE_REASONS).sort());
    expect([...CANCEL_REASON_CODES].sort()).toEqual(Object.keys(CANCEL_REASONS).sort());
    expect([...OFFICE_CANCEL_REASON_CODES].sort()).toEqual(Object.keys(OFFICE_CANCEL_REASONS).sort());
  });

  it('every code has its name in both languages', () => {
    for (const messages of [zhTW, en]) {
      for (const code of [...FAILURE_REASON_CODES, ...CANCEL_REASON_CODES, ...OFFICE_CANCEL_REASON_CODES]) expect(messages.orderReasons[code]).toBeTruthy();
    }
  });

  it('a code reads in the reader’s language; typed words, old ones included, as they were typed', () => {
    const t = (key: string) => (key === 'orderReasons.no_one_home' ? 'Nobody home' : `?${key}`);
    expect(reasonText('no_one_home', t)).toBe('Nobody home');
    expect(reasonText('客戶不在家', t)).toBe('客戶不在家');
    expect(reasonKey('toString')).toBeNull();
  });

  it('a move’s code is one the API tells, named for the office and for the customer in both languages; typed words read as typed', () => {
    expect([...RESCHEDULE_REASONS].sort()).toEqual(Object.keys(TOLD_RESCHEDULE_REASONS).sort());
    for (const messages of [zhTW, en]) {
      for (const code of RESCHEDULE_REASONS) expect([messages.board.reschedule.reasons[code], messages.portal.moved.reasons[code]].every(Boolean)).toBe(true);
    }
    const t = (key: string) => (key === 'portal.moved.reasons.weather' ? 'bad weather' : `?${key}`);
    expect(moveReasonText('weather', 'portal.moved.reasons', t)).toBe('bad weather');
    expect(moveReasonText('司機請假', 'portal.moved.reasons', t)).toBe('司機請假');
    expect(moveReasonText('toString', 'portal.moved.reasons', t)).toBe('toString');
  });

  it('a closure’s move reads as the closure, its name and days in the reader’s words; a move with no why reads as none', () => {
    const t = (key: string, named: Record<string, string>) => `${key}:${named['name'] ?? ''}:${named['range'] ?? ''}`;
    const keys = { reasons: 'portal.moved.reasons', closure: 'portal.moved.closure', closureIn: 'portal.moved.closureIn', closesEarly: 'portal.moved.closesEarly' };
    expect(moveWhy({ closure: { name: '春節', from: '2027-02-05', to: '2027-02-09' } }, keys, t, 'zh-TW')).toBe('portal.moved.closure:春節:2/5（五）–2/9（二）');
    expect(moveWhy({ reason: 'weather' }, keys, t, 'zh-TW')).toBe('portal.moved.reasons.weather::');
    expect(moveWhy({}, keys, t, 'zh-TW')).toBeNull();
  });

  it('a move off a closure of some districts names them, joined as the screens join them, under its own key', () => {
    const keys = { reasons: 'portal.moved.reasons', closure: 'portal.moved.closure', closureIn: 'portal.moved.closureIn', closesEarly: 'portal.moved.closesEarly' };
    const typhoon = { name: '颱風停班停課', from: '2026-12-02', to: '2026-12-02', districts: ['烏來區', '坪林區'] };
    expect(moveWhy({ closure: typhoon }, keys, filled(zhTW), 'zh-TW')).toBe('烏來區、坪林區颱風停班停課（12/2（三））不配送');
    expect(moveWhy({ closure: typhoon }, keys, filled(en), 'en')).toBe('we are closed in 烏來區, 坪林區 12/2 (Wed) (颱風停班停課)');
  });

  it('a move off a day closing early (提早收工) says it closed at its time, for the customer and the office, not that nobody delivered', () => {
    const office = { reasons: 'board.reschedule.reasons', closure: 'order.timelineClosure', closureIn: 'order.timelineClosureIn', closesEarly: 'order.timelineClosesEarly' };
    const customer = { reasons: 'portal.moved.reasons', closure: 'portal.moved.closure', closureIn: 'portal.moved.closureIn', closesEarly: 'portal.moved.closesEarly' };
    const eve = { name: '除夕', from: '2027-02-05', to: '2027-02-05', closesAt: '12:00' };
    expect(moveWhy({ closure: eve }, customer, filled(zhTW), 'zh-TW')).toBe('除夕（2/5（五））12:00 提早收工');
    expect(moveWhy({ closure: eve }, customer, filled(en), 'en')).toBe('we stop delivering at 12:00 on 2/5 (Fri) (除夕)');
    expect(moveWhy({ closure: eve }, office, filled(zhTW), 'zh-TW')).toBe('提早收工：除夕 2/5（五） 12:00');
    expect(moveWhy({ closure: { ...eve, districts: ['烏來區'] } }, office, filled(zhTW), 'zh-TW')).toBe('提早收工：除夕（烏來區） 2/5（五） 12:00');
  });

  it('a move back once the closure was called off there (恢復配送) says so to the office and the customer alike, not that nobody delivers', () => {
    const customer = { reasons: 'portal.moved.reasons', closure: 'portal.moved.closure', closureIn: 'portal.moved.closureIn', closesEarly: 'portal.moved.closesEarly' };
    const lifted = { name: '颱風停班停課', from: '2026-12-02', to: '2026-12-02', districts: ['中和區'], lifted: true as const };
    expect(moveWhy({ closure: lifted }, customer, filled(zhTW), 'zh-TW')).toBe('颱風停班停課（12/2（三））取消，恢復原配送日');
    expect(moveWhy({ closure: lifted }, customer, filled(en), 'en')).toBe('颱風停班停課 (12/2 (Wed)) was called off: back to the day it had');
  });
});
