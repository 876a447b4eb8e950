import { createI18n } from 'vue-i18n';
import en from '../../locales/en.json';
import zhTW from '../../locales/zh-TW.json';
import type { Pickup } from '../../lib/types';
import { directionsUrl, pickupLines } from './pickups';

const i18n = createI18n({ legacy: false, locale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
const t = (key: string, named: Record<string, unknown>) => i18n.global.t(key, named);

const pickup: Pickup = {
  at: '2026-12-01T06:20:00.000Z',
  fromRouteId: 'r-1',
  fromDriverName: '陳大明',
  fromPlate: 'KLA-1001',
  where: { lat: 25.03, lng: 121.56 },
  fromTruck: [{ size: 20, quantity: 2 }],
  fromDepot: [{ size: 16, quantity: 1 }],
};

describe('what a driver fetches for stops handed to them (改派)', () => {
  it('says the fulls on the first truck, whose and which, then those to load at the depot, in the driver’s language', () => {
    expect(pickupLines(pickup, t)).toEqual(['向 陳大明 拿 KLA-1001 車上的 20 公斤 × 2', '回營業所裝 16 公斤 × 1（原車還沒裝）']);
    i18n.global.locale.value = 'en';
    expect(pickupLines(pickup, t)).toEqual(['From 陳大明: 20 kg × 2 on KLA-1001', 'Load 16 kg × 1 at the depot (not on their truck yet)']);
    i18n.global.locale.value = 'zh-TW';
  });

  it('says only what there is: nothing on the first truck (a later trip’s stops only), or nothing at the depot', () => {
    expect(pickupLines({ ...pickup, fromTruck: [] }, t)).toEqual(['回營業所裝 16 公斤 × 1（原車還沒裝）']);
    expect(pickupLines({ ...pickup, fromDepot: [] }, t)).toEqual(['向 陳大明 拿 KLA-1001 車上的 20 公斤 × 2']);
  });

  it('gives directions to where the first truck was, as to a stop', () => {
    expect(directionsUrl(pickup.where!)).toBe('https://www.google.com/maps/dir/?api=1&destination=25.03,121.56');
  });
});
