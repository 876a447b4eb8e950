import { addressInputSchema, addressSchema, formatAddress, roadSectionProblem, sectionLabel } from './address';

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

describe('a 段 typed into the road', () => {
  const typed = (road: string, section?: number) => ({ city: '臺北市', district: '大安區', road, number: '42', ...(section !== undefined ? { section } : {}) });
  const written = (road: string, section?: number) => addressInputSchema.safeParse(typed(road, section));

  it.each(['和平東路二段', '和平東路2段', '和平東路 二段', '和平東路２段', ' 和平東路 2 段 '])('is moved to the section: %s', (road) => {
    expect(written(road).data).toMatchObject({ road: '和平東路', section: 2 });
    expect(written(road, 2).data).toMatchObject({ road: '和平東路', section: 2 });
  });

  it('is refused on the section when the section names another', () => {
    const result = written('和平東路二段', 3);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['section'], message: 'ADDRESS.SECTION_CONFLICT' })]);
  });

  it('then goes through the 段 check like a chosen one (一至三段 there)', () => {
    const parsed = (road: string) => addressInputSchema.parse(typed(road));
    expect(roadSectionProblem(parsed('和平東路三段'))).toBeUndefined();
    expect(roadSectionProblem(parsed('和平東路五段'))?.code).toBe('ADDRESS.SECTION_UNKNOWN');
    expect(formatAddress(parsed('新臺五路一段'))).toBe('台北市大安區新臺五路一段42號');
  });

  it('is moved off a road the table divides above ten too, for the check to refuse it; another road keeps it written', () => {
    const parsed = (road: string, district = '大安區') => addressInputSchema.parse({ ...typed(road), district });
    for (const road of ['和平東路12段', '和平東路十二段']) {
      expect(roadSectionProblem(parsed(road))).toMatchObject({ code: 'ADDRESS.SECTION_UNKNOWN', details: { road: '和平東路', given: '十二段', section: '12' } });
    }
    // 通化街 is not divided: such roads are accepted as written, as before.
    expect(parsed('通化街12段')).toMatchObject({ road: '通化街12段' });
    expect(parsed('通化街12段')).not.toHaveProperty('section');
  });

  it('leaves stored addresses as they were stored: reads are not rewritten', () => {
    const stored = { city: '台北市', district: '大安區', road: '和平東路二段', number: '42', full: '台北市大安區和平東路二段42號' };
    expect(addressSchema.parse(stored)).toEqual(stored);
  });
});
