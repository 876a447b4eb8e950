import { chineseNumberValue, parseAddress } from './address-parser';
import { formatAddress } from './address';

const parsed = (text: string) => {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(`${text}: ${r.code}`);
  return r.value;
};

describe('parseAddress', () => {
  it('splits a full postal address into its parts', () => {
    expect(parsed('235新北市中和區中山路二段35巷12號1樓')).toEqual({
      postalCode: '235',
      address: { city: '新北市', district: '中和區', road: '中山路', section: 2, lane: '35', number: '12', floor: '1' },
    });
  });

  it('gives back the same address that formatAddress writes', () => {
    const address = { city: '台北市', district: '大同區', road: '迪化街', section: 1, lane: '12之1', alley: '3', number: '88之2', floor: 'B1' };
    expect(parsed(formatAddress(address)).address).toEqual(address);
  });

  it('reads full-width digits, 臺, spaces and spelled-out numbers', () => {
    expect(parsed('臺北市 大安區 忠孝東路四段 十二巷 ３號 五樓之二').address).toEqual({
      city: '台北市',
      district: '大安區',
      road: '忠孝東路',
      section: 4,
      lane: '12',
      number: '3',
      floor: '5之2',
    });
  });

  it('reads the common spellings of sub-numbers and floors', () => {
    expect(parsed('新北市板橋區文化路1段12-3號3F').address).toMatchObject({ section: 1, number: '12之3', floor: '3' });
    expect(parsed('新北市板橋區文化路一段12號之3 3F-1').address).toMatchObject({ number: '12之3', floor: '3之1' });
    expect(parsed('新北市板橋區文化路一段12號地下一樓').address.floor).toBe('B1');
    expect(parsed('新北市板橋區文化路一段12號地下室').address.floor).toBe('B1');
    expect(parsed('新北市板橋區文化路一段12號b2').address.floor).toBe('B2');
    expect(parsed('高雄市苓雅區中正一路120號二十三樓').address).toMatchObject({ road: '中正一路', floor: '23' });
  });

  it('keeps 村/里, 鄰 and words after the floor as extra text instead of dropping them', () => {
    expect(parsed('新北市中和區中原里5鄰中山路二段12號3樓(後門)')).toMatchObject({
      address: { road: '中山路', section: 2, number: '12', floor: '3' },
      extra: '中原里 5鄰 後門',
    });
  });

  it('reads a rural address without a road: the 村 and 鄰 stand where the road would', () => {
    const value = parsed('新北市石碇區永定村12鄰15號');
    expect(value.address).toEqual({ city: '新北市', district: '石碇區', road: '永定村12鄰', number: '15' });
    expect(value.extra).toBeUndefined();
    expect(formatAddress(value.address)).toBe('新北市石碇區永定村12鄰15號');
    expect(parsed('苗栗縣三灣鄉內灣村15號').address.road).toBe('內灣村');
  });

  it('does not mistake a road whose name has 里 in it for a village', () => {
    expect(parsed('新北市萬里區萬里路12號').address).toMatchObject({ district: '萬里區', road: '萬里路', number: '12' });
  });

  it('reads roads called 大道 and 街', () => {
    expect(parsed('新北市板橋區縣民大道二段7號').address).toMatchObject({ road: '縣民大道', section: 2, number: '7' });
    expect(parsed('台北市大同區迪化街一段8號').address).toMatchObject({ road: '迪化街', section: 1 });
  });

  it('reads a 段 above ten as a road typed with it is read: off a road the table divides, else kept in the road', () => {
    expect(parsed('台北市大安區和平東路十二段8號').address).toMatchObject({ road: '和平東路', section: 12, number: '8' });
    expect(parsed('台北市大安區通化街12段8號').address).toMatchObject({ road: '通化街12段', number: '8' });
    expect(parsed('台北市大安區通化街12段8號').address).not.toHaveProperty('section');
  });

  it('reads addresses written before the mergers as today’s municipality and district, and says so', () => {
    expect(parsed('台北縣板橋市文化路一段100號')).toMatchObject({
      address: { city: '新北市', district: '板橋區', road: '文化路' },
      renamed: { from: '台北縣板橋市', to: '新北市板橋區' },
    });
    expect(parsed('桃園縣中壢市中正路1號')).toMatchObject({ address: { city: '桃園市', district: '中壢區' } });
    expect(parsed('台北縣烏來鄉烏來街1號').address.district).toBe('烏來區');
  });

  it('keeps today’s county-level cities under counties (竹北市 is still a 市)', () => {
    expect(parsed('新竹縣竹北市光明六路10號').address).toMatchObject({ city: '新竹縣', district: '竹北市', road: '光明六路' });
  });

  it('finds the county from a district that exists in one county only', () => {
    expect(parsed('中和區中山路二段12號')).toMatchObject({ address: { city: '新北市', district: '中和區' } });
    expect(parsed('板橋市文化路一段1號')).toMatchObject({ address: { city: '新北市', district: '板橋區' }, renamed: { to: '新北市板橋區' } });
  });

  it('asks for the county when the district exists in several', () => {
    expect(parseAddress('中山區南京東路一段1號')).toEqual({
      ok: false,
      code: 'ADDRESS.DISTRICT_AMBIGUOUS',
      details: { district: '中山區', cities: '台北市、基隆市' },
    });
  });

  it('reports what is missing or wrong', () => {
    expect(parseAddress('  ')).toMatchObject({ ok: false, code: 'ADDRESS.EMPTY' });
    expect(parseAddress('中山路二段12號')).toMatchObject({ ok: false, code: 'ADDRESS.CITY_MISSING' });
    expect(parseAddress('台北市中和區中山路12號')).toMatchObject({ ok: false, code: 'ADDRESS.DISTRICT_UNKNOWN', details: { city: '台北市' } });
    expect(parseAddress('新北市中和區12號')).toMatchObject({ ok: false, code: 'ADDRESS.ROAD_MISSING' });
    expect(parseAddress('新北市中和區中山路二段')).toMatchObject({ ok: false, code: 'ADDRESS.NUMBER_MISSING' });
    expect(parseAddress('新北市中和區中山路123456號')).toMatchObject({ ok: false, code: 'ADDRESS.NUMBER_MISSING' });
    expect(parseAddress('新北市中和區中山路12號1000樓')).toMatchObject({ ok: true, value: { extra: '1000樓' } });
  });
});

describe('chineseNumberValue', () => {
  it.each([
    ['三', 3],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一百零五', 105],
    ['兩', 2],
  ])('%s is %d', (text, value) => expect(chineseNumberValue(text)).toBe(value));
});
