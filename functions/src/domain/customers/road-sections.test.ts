import { DomainError } from '../errors';
import { assertRoadSection, roadSectionProblem, sectionRangeLabel, type AddressInput } from './address';
import { ROADS_WITH_SECTIONS, roadSections, sectionNumeral, splitRoadSection } from './road-sections';

const at = (city: string, district: string, road: string, section?: number): AddressInput => ({
  city,
  district,
  road,
  number: '42',
  ...(section !== undefined ? { section } : {}),
});

describe('the table of roads with sections', () => {
  it('gives the sections a road has in that district, 臺 or 台', () => {
    expect(roadSections('台北市', '大安區', '和平東路')).toEqual([1, 2, 3]);
    expect(roadSections('臺北市', '文山區', '和平東路')).toEqual([4]);
    expect(roadSections('臺北市', '內湖區', '康寧路')).toEqual([1, 3]);
    expect(roadSections('新北市', '汐止區', '新臺五路')).toEqual([1, 2]);
  });

  it('knows a name by its district: 中山路 has sections in 中和區 and 板橋區, none in 土城區', () => {
    expect(roadSections('新北市', '中和區', '中山路')).toEqual([2, 3]);
    expect(roadSections('新北市', '板橋區', '中山路')).toEqual([1, 2]);
    expect(roadSections('新北市', '土城區', '中山路')).toBeUndefined();
    expect(roadSections('新北市', '汐止區', '忠孝東路')).toBeUndefined();
  });

  it('is ordered sections from 1 to 10 in the spec form, for every road', () => {
    for (const districts of Object.values(ROADS_WITH_SECTIONS)) {
      for (const roads of Object.values(districts)) {
        for (const spec of roads) {
          expect(spec).toMatch(/^[^:\s]+(路|街|大道):\d+(,\d+)*$/);
          const sections = spec.split(':')[1]?.split(',').map(Number) ?? [];
          expect(sections.length).toBeGreaterThan(0);
          expect([...sections].sort((a, b) => a - b)).toEqual(sections);
          for (const s of sections) expect(s >= 1 && s <= 10).toBe(true);
        }
      }
    }
  });
});

describe('roadSectionProblem', () => {
  it('passes a road with one of its sections, and roads the table does not divide', () => {
    expect(roadSectionProblem(at('台北市', '大安區', '和平東路', 2))).toBeUndefined();
    expect(roadSectionProblem(at('臺北市', '大安區', '通化街'))).toBeUndefined();
    expect(roadSectionProblem(at('新竹縣', '竹北市', '光明六路'))).toBeUndefined();
  });

  it('asks for the section of a divided road, naming the ones there', () => {
    expect(roadSectionProblem(at('臺北市', '大安區', '和平東路'))).toEqual({
      code: 'ADDRESS.SECTION_REQUIRED',
      sections: [1, 2, 3],
      details: { road: '和平東路', district: '大安區', range: '一至三段', list: '1, 2, 3' },
    });
  });

  it('refuses a section the road does not have there', () => {
    expect(roadSectionProblem(at('台北市', '大安區', '和平東路', 5))).toMatchObject({
      code: 'ADDRESS.SECTION_UNKNOWN',
      details: { given: '五段', section: '5', range: '一至三段' },
    });
    expect(roadSectionProblem(at('台北市', '內湖區', '康寧路', 2))?.code).toBe('ADDRESS.SECTION_UNKNOWN');
  });

  it('words the sections as a run or a list', () => {
    expect(sectionRangeLabel([1, 2, 3])).toBe('一至三段');
    expect(sectionRangeLabel([5, 6, 7, 8, 9])).toBe('五至九段');
    expect(sectionRangeLabel([1, 3])).toBe('一、三段');
    expect(sectionRangeLabel([1, 2])).toBe('一、二段');
    expect(sectionRangeLabel([4])).toBe('四段');
  });
});

describe('assertRoadSection', () => {
  it('is a validation error on the section field with the sections in its details', () => {
    let error: unknown;
    try {
      assertRoadSection(at('台北市', '大安區', '和平東路'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ADDRESS.SECTION_REQUIRED', kind: 'validation', details: { path: 'address.section', sections: [1, 2, 3], road: '和平東路' } });
    expect(() => assertRoadSection(at('台北市', '大安區', '和平東路', 1))).not.toThrow();
  });
});

describe('sectionNumeral', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [23, '二十三'],
    [100, '100'],
  ])('writes %d as %s', (n, numeral) => expect(sectionNumeral(n)).toBe(numeral));
});

describe('splitRoadSection', () => {
  it('takes a Chinese, Arabic or full-width 段 off a road, spaces or not', () => {
    expect(splitRoadSection('和平東路二段')).toEqual({ road: '和平東路', section: 2 });
    expect(splitRoadSection('忠孝東路 十段')).toEqual({ road: '忠孝東路', section: 10 });
    expect(splitRoadSection('市民大道8段')).toEqual({ road: '市民大道', section: 8 });
    expect(splitRoadSection('迪化街 １ 段')).toEqual({ road: '迪化街', section: 1 });
  });

  it('takes off a 段 above ten too, for the table to say whether the road has it', () => {
    expect(splitRoadSection('和平東路12段')).toEqual({ road: '和平東路', section: 12 });
    expect(splitRoadSection('和平東路十二段')).toEqual({ road: '和平東路', section: 12 });
    expect(splitRoadSection('和平東路 二十段')).toEqual({ road: '和平東路', section: 20 });
    expect(splitRoadSection('和平東路二十三段')).toEqual({ road: '和平東路', section: 23 });
    expect(splitRoadSection('和平東路１１段')).toEqual({ road: '和平東路', section: 11 });
  });

  it('leaves a road without a 段 alone, and anything that is not a road and then its 段', () => {
    for (const road of ['和平東路', '二段', '十二段', '和平東路0段', '和平東路段', '光明里二段', '中山路二段一巷']) expect(splitRoadSection(road)).toBeUndefined();
  });
});
