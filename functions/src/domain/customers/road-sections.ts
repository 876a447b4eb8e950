import { normalisePlaceName } from './place-name';

/**
 * Roads that are divided into 段 (sections) in the service area, per city and district: 和平東路42號 without its 段
 * is any of three places kilometres apart, so an address on such a road must name one that the road has there.
 *
 * Where the data comes from: 台北市 is every road with sections in the 中華郵政 3+2 郵遞區號 road list (Zip32, 2016
 * edition), by district, since the post office lists exactly the sections that lie in each district (和平東路 一至三段
 * in 大安區, 四段 in 文山區). 北投區's 大度路 is left out: the list has it both with and without 段. 新北市 was merged from
 * towns that each kept their own 中山路 or 中正路, so a name there says nothing outside its district; its entries are the
 * demo districts' sectioned roads and other well-known ones, not the whole post office list: a road missing here is
 * accepted as before, never refused. The gazetteer (`DISTRICT_CENTRES`) knows districts only, so there was nothing to
 * derive this from.
 *
 * Written `road:sections` (section numbers, comma-separated), names with 台 rather than 臺. This file imports nothing
 * but the place-name rule: the SPA's address form reads the same table to offer a road's sections, and splits a typed
 * 段 off the road the same way.
 */
export const ROADS_WITH_SECTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  台北市: {
    中正區: ['中山北路:1', '中華路:1,2', '仁愛路:1,2', '信義路:1,2', '八德路:1', '南昌路:1,2', '和平西路:1,2', '市民大道:1,2,3', '忠孝東路:1,2',
      '忠孝西路:1', '新生南路:1', '杭州南路:1,2', '武昌街:1', '汀州路:1,2,3', '漢口街:1', '濟南路:1,2', '羅斯福路:1,2,3,4', '貴陽街:1', '辛亥路:1',
      '重慶南路:1,2,3', '金山南路:1', '長沙街:1', '開封街:1'],
    大同區: ['市民大道:1', '延平北路:1,2,3,4', '忠孝西路:2', '承德路:1,2,3', '環河北路:1,2', '迪化街:1,2', '通河西街:1', '重慶北路:1,2,3'],
    中山區: ['中山北路:1,2,3,4', '內湖路:1', '八德路:2', '南京東路:1,2,3', '堤頂大道:2', '市民大道:2,3', '建國北路:1,2,3', '建國南路:1', '復興南路:1',
      '新生北路:1,2,3', '民權東路:1,2,3', '民生東路:1,2,3', '長安東路:1,2'],
    松山區: ['八德路:2,3,4', '南京東路:3,4,5', '基隆路:1', '市民大道:4,5,6', '復興南路:1', '敦化南路:1', '民權東路:3,4,5', '民生東路:3,4,5', '長安東路:2'],
    大安區: ['仁愛路:3,4', '信義路:2,3,4', '八德路:2', '和平東路:1,2,3', '基隆路:2,3,4', '大安路:1,2', '安和路:1,2', '市民大道:3,4', '建國南路:1,2',
      '復興南路:1,2', '忠孝東路:3,4', '敦化南路:1,2', '新生北路:1', '新生南路:1,2,3', '杭州南路:2', '濟南路:3', '羅斯福路:2,3,4', '辛亥路:1,2,3', '金山南路:2'],
    萬華區: ['中華路:1,2', '和平西路:2,3', '忠孝西路:2', '武昌街:2', '汀州路:1', '漢口街:2', '環河南路:1,2,3', '西園路:1,2', '貴陽街:2', '長沙街:2', '開封街:2'],
    信義區: ['仁愛路:4', '信義路:4,5,6', '和平東路:3', '基隆路:1,2', '市民大道:5,6', '忠孝東路:4,5'],
    士林區: ['中山北路:4,5,6,7', '中社路:1,2', '仰德大道:1,2,3,4', '延平北路:5,6,7,8,9', '忠誠路:1,2', '承德路:4,5', '環河北路:3', '至善路:1,2,3',
      '至誠路:1,2', '芝玉路:1,2', '通河東街:1,2', '通河西街:1,2', '重慶北路:4', '陽明路:1,2'],
    北投區: ['三合街:1,2', '中央北路:1,2,3,4', '中央南路:1,2', '中山北路:7', '北投路:1,2', '崇仁路:1', '承德路:6,7', '東華街:1,2', '永興路:1,2', '湖山路:1,2',
      '石牌路:1,2', '立農街:1,2', '致遠一路:1,2', '西安街:1,2', '豐年路:1,2', '陽明路:1,2'],
    內湖區: ['內湖路:1,2,3', '南京東路:6', '堤頂大道:1,2', '康寧路:1,3', '成功路:2,3,4,5', '民權東路:6', '環山路:1,2,3', '舊宗路:1,2'],
    文山區: ['和平東路:4', '忠順街:1,2', '指南路:1,2,3', '新光路:1,2', '木新路:2,3', '木柵路:1,2,3,4,5', '汀州路:4', '秀明路:1,2', '羅斯福路:4,5,6',
      '興隆路:1,2,3,4', '萬美街:1,2', '辛亥路:4,5,6,7'],
    南港區: ['八德路:4', '南港路:1,2,3', '市民大道:7,8', '忠孝東路:5,6,7', '成功路:1', '研究院路:1,2,3,4', '舊莊街:1,2'],
  },
  新北市: {
    板橋區: ['文化路:1,2', '中山路:1,2', '民生路:1,2,3', '縣民大道:1,2,3', '四川路:1,2', '三民路:1,2', '南雅南路:1,2', '大觀路:1,2,3', '長江路:1,2,3'],
    中和區: ['中山路:2,3', '興南路:1,2'],
    永和區: ['永和路:1,2', '保福路:1,2', '秀朗路:1,2,3', '中山路:1', '成功路:1,2'],
    新莊區: ['中華路:1,2', '中山路:1,2,3'],
    三重區: ['重新路:1,2,3,4,5', '三和路:1,2,3,4', '忠孝路:1,2,3', '光復路:1,2', '自強路:1,2,3,4,5', '重陽路:1,2,3,4'],
    新店區: ['北新路:1,2,3', '中興路:1,2,3', '安康路:1,2,3'],
    土城區: ['中央路:1,2,3,4', '金城路:1,2,3', '學府路:1,2', '明德路:1,2', '中華路:1,2'],
    汐止區: ['大同路:1,2,3', '新台五路:1,2', '民權街:1,2', '汐萬路:1,2,3'],
    樹林區: ['中山路:1,2,3'],
  },
};

type SectionTable = ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;

const TABLE: SectionTable = new Map(
  Object.entries(ROADS_WITH_SECTIONS).flatMap(([city, districts]) =>
    Object.entries(districts).map(([district, roads]) => {
      const byRoad = new Map(roads.map((spec) => {
        const [road = spec, sections = ''] = spec.split(':');
        return [road, sections.split(',').map(Number)] as const;
      }));
      return [`${city}/${district}`, byRoad] as const;
    }),
  ),
);

/** The 段 the road has in that district (臺 / 台 either way); undefined for a road this table does not divide. */
export function roadSections(city: string, district: string, road: string): readonly number[] | undefined {
  return TABLE.get(`${normalisePlaceName(city)}/${normalisePlaceName(district)}`)?.get(normalisePlaceName(road));
}


/** The highest 段 any road has: the section field's bound, and the table's. */
export const MAX_SECTION = 10;

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 段 are written with Chinese numerals: 四, 十, 十二, 二十一 (1 to 99; beyond, the digits). */
export function sectionNumeral(section: number): string {
  if (!Number.isInteger(section) || section < 1 || section > 99) return String(section);
  const tens = Math.floor(section / 10);
  return `${tens > 1 ? DIGITS[tens] : ''}${tens > 0 ? '十' : ''}${DIGITS[section % 10]}`;
}

/** A 段 number as written: a Chinese numeral of 1 to 99 (十二, 二十) or digits, full-width too (12, １２). */
export const SECTION_NUMBER = '[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]|[1-9１-９][0-9０-９]*';

/** The value of a `SECTION_NUMBER`. */
export function sectionNumberValue(text: string): number {
  const digit = (d: string) => DIGITS.indexOf(d as (typeof DIGITS)[number]);
  const ten = text.indexOf('十');
  if (ten >= 0) return (digit(text.slice(0, ten)) || 1) * 10 + digit(text.slice(ten + 1));
  return digit(text) > 0 ? digit(text) : Number(text.normalize('NFKC'));
}

/** A road as the parser reads one (`address-parser.ts`' STREET), then its 段. */
const ROAD_THEN_SECTION = new RegExp(`^(.+?(?:路|街|大道))\\s*(${SECTION_NUMBER})\\s*段$`, 'u');

/**
 * A road typed with its 段 on (和平東路二段, 和平東路2段, 和平東路 二段, 和平東路十二段), as the road and the section
 * apart, whatever the number: whether the road has that section is the table's to say; undefined for a road without
 * one. Only a road ending in 路, 街 or 大道 before the 段 is split, so nothing else is taken apart.
 */
export function splitRoadSection(road: string): { readonly road: string; readonly section: number } | undefined {
  const m = ROAD_THEN_SECTION.exec(road.trim());
  if (!m?.[1] || !m[2]) return undefined;
  return { road: m[1], section: sectionNumberValue(m[2]) };
}
