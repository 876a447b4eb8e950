import { createI18n } from 'vue-i18n';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { routeViolationText } from './route-violations';

const i18n = createI18n({ legacy: false, locale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
const { t, te } = i18n.global;
const say = (code: string, amount: number, stopId?: string) =>
  routeViolationText({ code, amount, ...(stopId ? { stopId } : {}) }, (id) => (id === 'ord-1' ? '一瓶小吃' : id), t, (k) => te(k));

describe('routeViolationText', () => {
  it("names the stop's customer and the figure over the limit, in zh-TW and English", () => {
    expect(say('TIME_WINDOW', 12.4, 'ord-1')).toBe('一瓶小吃：超出收貨時段 12 分鐘');
    expect(say('SKILL_MISSING', 0, 'ord-1')).toBe('一瓶小吃：司機沒有這一站需要的資格（50 公斤鋼瓶或工業用戶）');
    expect(say('CAPACITY_WEIGHT', 30, undefined)).toBe('超過車輛載重 30 公斤');
    i18n.global.locale.value = 'en';
    expect(say('SHIFT_END', 45)).toBe("Ends 45 min after the driver's shift");
    i18n.global.locale.value = 'zh-TW';
  });

  it('says a code it has no words for by its code', () => {
    expect(say('NEW_RULE', 0)).toBe('違反路線限制（NEW_RULE）');
  });

  it('has words in both languages for every violation the optimizer reports', () => {
    for (const code of ['TIME_WINDOW', 'SKILL_MISSING', 'SHIFT_END', 'MAX_DURATION', 'TOO_MANY_TRIPS', 'CAPACITY_WEIGHT', 'CAPACITY_SLOTS', 'EMPTY_TRIP']) {
      expect([code, te(`routes.violations.${code}`, 'zh-TW'), te(`routes.violations.${code}`, 'en')]).toEqual([code, true, true]);
    }
  });
});
