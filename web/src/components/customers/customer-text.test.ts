import { createI18n } from 'vue-i18n';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import { oldPlaceLine, openOnLeaving, ordersAtOldPlace, phoneFound } from './customer-text';

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

describe('a customer who moved (搬家) with an order on a truck', () => {
  it('names the orders a truck takes to another address than theirs now, not those still to be planned or done', () => {
    const old = '台北市北投區光明路196號15樓';
    const orders = [
      { id: 'ord-truck', requestedDate: '2026-12-01', status: 'scheduled' as const, address: old },
      { id: 'ord-road', requestedDate: '2026-12-01', status: 'out_for_delivery' as const, address: old },
      { id: 'ord-new', requestedDate: '2026-12-04', status: 'scheduled' as const, address: '新北市新店區北新路三段100號3樓' },
      { id: 'ord-open', requestedDate: '2026-12-04', status: 'pending' as const, address: old },
    ];
    expect(ordersAtOldPlace(orders, '新北市新店區北新路三段100號3樓').map((o) => o.id)).toEqual(['ord-truck', 'ord-road']);
    i18n.global.locale.value = 'zh-TW';
    expect(oldPlaceLine(orders[0]!, t, 'zh-TW')).toBe(`12/1（二） 已排程 ${old}`);
  });
});

describe('the phone a customer search lists beside a match', () => {
  const phones = ['(02)8268-5346', '0954-845-235'];

  it('is the number the caller gave, by its last or first digits, dashes or full-width digits as typed', () => {
    expect(phoneFound(phones, '845235')).toBe('0954-845-235');
    expect(phoneFound(phones, '0954-845')).toBe('0954-845-235');
    expect(phoneFound(phones, '０９５４８４５２３５')).toBe('0954-845-235');
    expect(phoneFound(phones, '5346')).toBe('(02)8268-5346');
  });

  it('is the first number for a search by name, code or address, or digits found elsewhere', () => {
    expect(phoneFound(phones, '美味麵館')).toBe('(02)8268-5346');
    expect(phoneFound(phones, 'C00046')).toBe('(02)8268-5346');
    expect(phoneFound(phones, '新泰路293')).toBe('(02)8268-5346');
    expect(phoneFound(phones, '293')).toBe('(02)8268-5346');
  });
});
