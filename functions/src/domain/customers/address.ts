import { z } from '../schema';

/** 臺 and 台 are interchangeable in place names; we store the everyday 台 so equal places compare equal. */
export const normalisePlaceName = (name: string): string => name.trim().replace(/臺/g, '台');

const CHINESE_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

/** 段 are written with Chinese numerals: 4 → 四段. */
export const sectionLabel = (section: number): string => `${CHINESE_NUMERALS[section] ?? String(section)}段`;

/** 12, 12-3 or 12之3 (之 is the written form of a sub-number), normalised to 之. */
const subNumber = z
  .string()
  .trim()
  .regex(/^\d{1,5}(?:(?:之|-)\d{1,3})?$/, 'ADDRESS.INVALID_NUMBER')
  .transform((s) => s.replace('-', '之'));

const placeName = z.string().trim().min(2).max(20).transform(normalisePlaceName);

export const addressInputSchema = z.object({
  city: placeName,
  district: placeName,
  /** Road or street including its suffix: 中山路, 迪化街, 縣民大道. */
  road: z.string().trim().min(2).max(30),
  section: z.number().int().min(1).max(10).optional(),
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
export type AddressInput = z.infer<typeof addressInputSchema>;

export const addressSchema = addressInputSchema.extend({ full: z.string().min(1) });
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

export const addressMessages = {
  'ADDRESS.INVALID_NUMBER': { 'zh-TW': '門牌號碼格式不正確（例：12、12之3）', en: 'Invalid house number (e.g. 12, 12之3)' },
  'ADDRESS.INVALID_FLOOR': { 'zh-TW': '樓層格式不正確（例：3、3之1、B1）', en: 'Invalid floor (e.g. 3, 3之1, B1)' },
} as const;
