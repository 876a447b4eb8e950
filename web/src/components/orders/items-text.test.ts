import { createI18n } from 'vue-i18n';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { orderItemsText } from './items-text';

const i18n = createI18n({ legacy: false, locale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
const t = (key: string, named: Record<string, unknown>) => i18n.global.t(key, named);

describe('an order’s cylinders in a row (the board’s card, the order drawer)', () => {
  it('reads a collection-only order (回收空瓶) as the empties it takes back, in the office’s language, not as a dash', () => {
    const empties = [
      { size: 20 as const, quantity: 2 },
      { size: 16 as const, quantity: 1 },
    ];
    i18n.global.locale.value = 'zh-TW';
    expect(orderItemsText([], empties, t)).toBe('回收空瓶 3 支');
    i18n.global.locale.value = 'en';
    expect(orderItemsText([], empties, t)).toBe('Collect empties: 3');
    i18n.global.locale.value = 'zh-TW';
  });

  it('reads an ordinary order by its cylinders whatever it takes back, and one with nothing at all as a dash', () => {
    expect(orderItemsText([{ size: 20, quantity: 1 }], [{ size: 20, quantity: 1 }], t)).toBe('20 公斤 × 1');
    expect(orderItemsText([], [], t)).toBe('—');
  });
});
