import { invalid } from '../errors';
import { z } from '../schema';
import { normalisePlaceName } from './place-name';
import { MAX_SECTION, roadSections, sectionNumeral, splitRoadSection } from './road-sections';

export { normalisePlaceName };

/** 段 are written with Chinese numerals: 4 → 四段, 12 → 十二段. */
export const sectionLabel = (section: number): string => `${sectionNumeral(section)}段`;

/** 12, 12-3 or 12之3 (之 is the written form of a sub-number), normalised to 之. */
const subNumber = z
  .string()
  .trim()
  .regex(/^\d{1,5}(?:(?:之|-)\d{1,3})?$/, 'ADDRESS.INVALID_NUMBER')
  .transform((s) => s.replace('-', '之'));

const placeName = z.string().trim().min(2).max(20).transform(normalisePlaceName);

const addressFields = z.object({
  city: placeName,
  district: placeName,
  /** Road or street including its suffix: 中山路, 迪化街, 縣民大道. */
  road: z.string().trim().min(2).max(30),
  section: z.number().int().min(1).max(MAX_SECTION).optional(),
  lane: subNumber.optional(),
  alley: subNumber.optional(),
  number: subNumber,
  /** 3, 3之1 or B1 (basement). */
  floor: z
    .string()
    .trim()
    .regex(/^B?\d{1,3}(?:之\d{1,2})?$/, 'ADDRESS.INVALID_FLOOR')
    .optional(),
});

/**
 * An address as written: a 段 typed into the road (和平東路二段) is moved to `section`, so the road is the table's and
 * the 段 check applies; a road naming another 段 than `section` is refused there. A 段 beyond any road's (十二段) is
 * moved only off a road the table divides, whose check then refuses it; on another road it stays written, accepted as
 * such roads always are. Only addresses being written go through this: stored ones are read with `addressSchema`, as
 * they were stored.
 */
export const addressInputSchema = addressFields.transform((address, ctx) => {
  const typed = splitRoadSection(address.road);
  if (!typed || (typed.section > MAX_SECTION && !roadSections(address.city, address.district, typed.road))) return address;
  if (address.section !== undefined && address.section !== typed.section) {
    ctx.addIssue({ code: 'custom', message: 'ADDRESS.SECTION_CONFLICT', path: ['section'], input: address.section });
    return z.NEVER;
  }
  return { ...address, road: typed.road, section: typed.section };
});
export type AddressInput = z.infer<typeof addressInputSchema>;

export const addressSchema = addressFields.extend({ full: z.string().min(1) });
export type Address = z.infer<typeof addressSchema>;

const floorLabel = (floor: string): string => (floor.startsWith('B') ? `地下${floor.slice(1)}樓` : `${floor}樓`);

/** The zh-TW postal spelling: 新北市中和區中山路二段12巷3弄5號4樓. */
export function formatAddress(a: AddressInput): string {
  return [
    a.city,
    a.district,
    a.road,
    a.section ? sectionLabel(a.section) : '',
    a.lane ? `${a.lane}巷` : '',
    a.alley ? `${a.alley}弄` : '',
    `${a.number}號`,
    a.floor ? floorLabel(a.floor) : '',
  ].join('');
}

export const withFullAddress = (a: AddressInput): Address => ({ ...a, full: formatAddress(a) });

/** Taiwan including its outlying islands (Kinmen lies west of 119°E). */
export const taiwanLocationSchema = z.object({
  lat: z.number().min(21.8).max(26.4),
  lng: z.number().min(118.1).max(122.1),
});

/** 一至三段 for a run of three or more, else the sections listed: 一、三段, 四段. */
export function sectionRangeLabel(sections: readonly number[]): string {
  const first = sections[0] ?? 1;
  const last = sections[sections.length - 1] ?? first;
  const numeral = (s: number) => sectionLabel(s).slice(0, -1);
  if (sections.length >= 3 && last - first === sections.length - 1) return `${numeral(first)}至${sectionLabel(last)}`;
  return `${sections.map(numeral).join('、')}段`;
}

/** What is wrong with an address's 段: the code and texts a message shows (a CSV row's problems carry text only). */
export interface RoadSectionProblem {
  readonly code: 'ADDRESS.SECTION_REQUIRED' | 'ADDRESS.SECTION_UNKNOWN';
  readonly sections: readonly number[];
  readonly details: Readonly<Record<string, string>>;
}

/**
 * A road that `road-sections.ts` divides in that district needs one of its sections there: none, or one it does not
 * have (和平東路五段), is a problem. Roads the table does not know pass as they always have.
 */
export function roadSectionProblem(address: Pick<AddressInput, 'city' | 'district' | 'road' | 'section'>): RoadSectionProblem | undefined {
  const sections = roadSections(address.city, address.district, address.road);
  if (!sections || (address.section !== undefined && sections.includes(address.section))) return undefined;
  const details = {
    road: address.road,
    district: normalisePlaceName(address.district),
    range: sectionRangeLabel(sections),
    list: sections.join(', '),
    ...(address.section !== undefined ? { given: sectionLabel(address.section), section: String(address.section) } : {}),
  };
  return { code: address.section === undefined ? 'ADDRESS.SECTION_REQUIRED' : 'ADDRESS.SECTION_UNKNOWN', sections, details };
}

/**
 * Checked when an address is written, not in the schema: customers stored before the check, without their 段, must
 * still load. A field error on the section (`path`), the road's sections there in the details for a client to offer.
 * @throws DomainError `ADDRESS.SECTION_REQUIRED` / `ADDRESS.SECTION_UNKNOWN` (validation).
 */
export function assertRoadSection(address: AddressInput, path = 'address.section'): void {
  const problem = roadSectionProblem(address);
  if (!problem) return;
  throw invalid(problem.code, `${address.road} in ${address.district} has sections ${problem.details.list ?? ''}, not ${address.section ?? 'none'}`, {
    ...problem.details,
    sections: problem.sections,
    path,
  });
}

export const addressMessages = {
  'ADDRESS.INVALID_NUMBER': { 'zh-TW': '門牌號碼格式不正確（例：12、12之3）', en: 'Invalid house number (e.g. 12, 12之3)' },
  'ADDRESS.INVALID_FLOOR': { 'zh-TW': '樓層格式不正確（例：3、3之1、B1）', en: 'Invalid floor (e.g. 3, 3之1, B1)' },
  'ADDRESS.SECTION_CONFLICT': {
    'zh-TW': '路名寫的段別與所選的段別不同，段別請只填一處',
    en: 'The road names another section than the one chosen; give the section once',
  },
  'ADDRESS.SECTION_REQUIRED': {
    'zh-TW': '{road}須填段別（{district}為{range}），請選擇段別',
    en: '{road} needs its section (in {district}: {list}); choose one',
  },
  'ADDRESS.SECTION_UNKNOWN': {
    'zh-TW': '{district}的{road}沒有{given}（段別為{range}），請重新選擇段別',
    en: '{road} in {district} has no section {section} (its sections: {list}); choose another',
  },
} as const;
