import { addressInputSchema, formatAddress, sectionLabel } from './address';

describe('formatAddress', () => {
  it('writes every part in zh-TW postal order', () => {
    const a = addressInputSchema.parse({
      city: '新北市',
      district: '中和區',
      road: '中山路',
      section: 2,
      lane: '12',
      alley: '3',
      number: '5-1',
      floor: '4',
    });
    expect(formatAddress(a)).toBe('新北市中和區中山路二段12巷3弄5之1號4樓');
  });

  it('leaves out absent parts and spells basements 地下', () => {
    const a = addressInputSchema.parse({ city: '臺北市', district: '大同區', road: '迪化街', number: '88', floor: 'B1' });
    expect(formatAddress(a)).toBe('台北市大同區迪化街88號地下1樓');
  });

  it('spells sections with Chinese numerals', () => {
    expect(sectionLabel(4)).toBe('四段');
    expect(sectionLabel(7)).toBe('七段');
  });

  it.each([
    [{ number: 'abc' }, 'number'],
    [{ floor: '3F' }, 'floor'],
    [{ section: 0 }, 'section'],
  ])('rejects a malformed part %j', (bad, path) => {
    const result = addressInputSchema.safeParse({ city: '台北市', district: '中正區', road: '南昌路', number: '1', ...bad });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([path]);
  });
});
