/**
 * The 供氣安全檢查 checklist a safety technician (安全技術人員) walks through at a customer's LPG installation
 * (消防法 §15-1), in the order it is printed on the form and shown on screen.
 */
import { z } from '../schema';

export const SAFETY_ITEMS = [
  'cylinderPlacement',
  'cylinderSecured',
  'cylinderInspectionDate',
  'regulator',
  'hose',
  'piping',
  'leakTest',
  'appliances',
  'waterHeater',
  'ventilation',
  'storedQuantity',
  'gasAlarm',
] as const;
export type SafetyItem = (typeof SAFETY_ITEMS)[number];

/**
 * Recommended, not required by law: a `needsFix` on it is written down and told to the customer, but neither fails the
 * inspection nor stays open for a re-check.
 */
export const ADVISORY_ITEMS: ReadonlySet<SafetyItem> = new Set<SafetyItem>(['gasAlarm']);

/**
 * `ok` passed; `fixedOnSite` was wrong and the technician put it right there (e.g. a new hose clip); `needsFix` is wrong and
 * the customer must fix it before the re-check; `notApplicable` does not exist at this customer (no water heater).
 */
export const ITEM_RESULTS = ['ok', 'fixedOnSite', 'needsFix', 'notApplicable'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export const SAFETY_ITEM_LABELS: Readonly<Record<SafetyItem, { readonly 'zh-TW': string; readonly en: string }>> = {
  cylinderPlacement: { 'zh-TW': '容器置於室外通風處、直立、避免日曬', en: 'Cylinders outdoors, ventilated, upright, out of the sun' },
  cylinderSecured: { 'zh-TW': '容器固定防傾倒', en: 'Cylinders secured against tipping' },
  cylinderInspectionDate: { 'zh-TW': '容器檢驗期限未逾期', en: 'Cylinder inspection date not expired' },
  regulator: { 'zh-TW': '調整器', en: 'Regulator' },
  hose: { 'zh-TW': '橡皮管（老化、長度、管束／安全夾）', en: 'Hose (ageing, length, clips)' },
  piping: { 'zh-TW': '管線／開關（管線老化、開關漏氣）', en: 'Piping and valves (ageing pipes, leaking valves)' },
  leakTest: { 'zh-TW': '漏氣測試（肥皂水或檢知器）', en: 'Leak test (soapy water or detector)' },
  appliances: { 'zh-TW': '燃氣器具與可燃物距離', en: 'Gas appliances clear of combustibles' },
  waterHeater: { 'zh-TW': '熱水器未裝於浴室或密閉空間', en: 'Water heater not in a bathroom or closed space' },
  ventilation: { 'zh-TW': '通風', en: 'Ventilation' },
  storedQuantity: { 'zh-TW': '備用量（家庭 ≤ 40 公斤、營業 ≤ 80 公斤）', en: 'Stored gas (household ≤ 40 kg, business ≤ 80 kg)' },
  gasAlarm: { 'zh-TW': '瓦斯漏氣警報器／遮斷器（建議）', en: 'Gas leak alarm / shut-off (advised)' },
};

export const itemResultSchema = z
  .object({
    item: z.enum(SAFETY_ITEMS),
    result: z.enum(ITEM_RESULTS),
    note: z.string().trim().min(1).max(200).optional(),
  })
  .openapi('SafetyItemResult', { example: { item: 'hose', result: 'fixedOnSite', note: '更換安全夾' } });
export type ItemResultEntry = z.infer<typeof itemResultSchema>;

/** Every checklist item exactly once, whatever the order sent; stored in checklist order. */
export const checklistSchema = z
  .array(itemResultSchema)
  .refine((entries) => entries.length === SAFETY_ITEMS.length && new Set(entries.map((e) => e.item)).size === SAFETY_ITEMS.length, 'SAFETY.ITEMS_INCOMPLETE')
  .transform((entries) => [...entries].sort((a, b) => SAFETY_ITEMS.indexOf(a.item) - SAFETY_ITEMS.indexOf(b.item)));

/** Items the customer still has to fix: required ones marked `needsFix`, in checklist order. */
export const openItemsOf = (entries: readonly ItemResultEntry[]): SafetyItem[] =>
  entries.filter((e) => e.result === 'needsFix' && !ADVISORY_ITEMS.has(e.item)).map((e) => e.item);
