import { createI18n } from 'vue-i18n';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { openOnLeaving } from './customer-text';

const i18n = createI18n({ legacy: false, locale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
const t = (key: string, named: Record<string, unknown>) => i18n.global.t(key, named);

describe('停用 of a customer who leaves (退戶)', () => {
  it('names the cylinders still on site, the deposit to refund and what they owe, in the office’s words', () => {
    const onSite = [
      { size: 16 as const, count: 3, depositPaid: 3000 },
      { size: 20 as const, count: 0, depositPaid: 1200 },
    ];
    i18n.global.locale.value = 'zh-TW';
    expect(openOnLeaving(onSite, 1460, t)).toBe('尚未結清：現場鋼瓶 16 公斤 × 3、押金 NT$4,200 待退、結欠 NT$1,460。停用後仍須收回鋼瓶，鋼瓶收回後退押金，並結清帳款。');
    expect(openOnLeaving([], -300, t)).toBe('尚未結清：溢收 NT$300 待退還。停用後仍須收回鋼瓶，鋼瓶收回後退押金，並結清帳款。');
    i18n.global.locale.value = 'en';
    expect(openOnLeaving(onSite.slice(0, 1), 0, t)).toMatch(/^ Still open: cylinders on site 16 kg × 3, deposit NT\$3,000 to refund\./);
  });

  it('is nothing for a customer with nothing left open', () => {
    expect(openOnLeaving([{ size: 20, count: 0, depositPaid: 0 }], 0, t)).toBeNull();
  });
});
