/**
 * Customers brought over from a spreadsheet or an old system, one CSV row each. The columns are
 * recognised by their usual zh-TW or English headers, values in the spellings offices type (月結,
 * 週一、週日, 09:00-11:00, 20kg×3), and the address is read from one free-text cell. Every row is
 * checked with the same schema as the office form, so an imported customer is one the form could
 * have created; what is wrong is reported per row and column, in the file's own header names.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { plainCell } from '../csv';
import { CYLINDER_SIZES } from '../cylinders';
import { z, type LatLng } from '../schema';
import { roadSectionProblem, sectionLabel, taiwanLocationSchema, type RoadSectionProblem } from './address';
import { parseAddress } from './address-parser';
import { createCustomerInputSchema, type CreateCustomerInput, type Customer } from './customer';
import { normalisePhone } from './phone';
import { isValidTaxId } from './tax-id';

/**
 * One request imports at most this many rows: they are written in one transaction. Firestore no longer caps the writes
 * of a transaction at 500; its 10 MiB request limit holds about 3,000 customers, so 1,000 leaves room (and time).
 */
export const MAX_IMPORT_ROWS = 1000;

const IMPORT_FIELDS = [
  'code',
  'name',
  'contactName',
  'phones',
  'address',
  'type',
  'paymentTerms',
  'taxId',
  'companyTitle',
  'loveCode',
  'deliveryWindows',
  'closedDays',
  'floorsWithoutElevator',
  'cylinders',
  'autoDelivery',
  'notes',
  'lat',
  'lng',
] as const;
type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header spellings per field, compared after `headerKey` (so 客戶 名稱 and Name match too). */
const HEADERS: Readonly<Record<ImportField, readonly string[]>> = {
  code: ['客戶編號', '客戶代號', '編號', '代號', 'code', 'customercode'],
  name: ['客戶名稱', '名稱', '店名', '姓名', '客戶', 'name'],
  contactName: ['聯絡人', 'contact', 'contactname'],
  phones: ['電話', '手機', '市話', '行動電話', '聯絡電話', '電話2', 'phone', 'phones', 'mobile', 'phone2'],
  address: ['地址', '送貨地址', '配送地址', 'address'],
  type: ['類型', '客戶類型', '類別', 'type'],
  paymentTerms: ['付款方式', '付款', '收款方式', 'payment', 'paymentterms'],
  taxId: ['統一編號', '統編', 'taxid'],
  companyTitle: ['發票抬頭', '抬頭', 'companytitle', 'invoicetitle'],
  loveCode: ['愛心碼', '捐贈碼', 'lovecode', 'donationcode'],
  deliveryWindows: ['配送時段', '送貨時段', '時段', 'deliverywindows', 'windows'],
  closedDays: ['公休日', '公休', '休息日', 'closeddays', 'closed'],
  floorsWithoutElevator: ['無電梯樓層', '爬樓層數', '樓層無電梯', 'floorswithoutelevator'],
  cylinders: ['鋼瓶', '客戶端鋼瓶', '在場鋼瓶', 'cylinders'],
  autoDelivery: ['自動配送', 'autodelivery'],
  notes: ['備註', 'notes', 'note'],
  lat: ['緯度', 'lat', 'latitude'],
  lng: ['經度', 'lng', 'lon', 'longitude'],
};

const headerKey = (header: string): string => header.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '').replace(/臺/g, '台');

const FIELD_BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => HEADERS[field].map((h) => [headerKey(h), field] as const)),
);

export const importRequestSchema = z
  .object({
    /** The file's text, already decoded (the web app reads UTF-8 and Big5 files). */
    csv: z.string().min(1).max(2_000_000),
    /** Check and report only; nothing is written. */
    dryRun: z.boolean().default(true),
    /** `reject` writes nothing while a row is invalid; `skip` imports the valid rows and reports the others. */
    onInvalid: z.enum(['reject', 'skip']).default('reject'),
  })
  .openapi('CustomerImportRequest', {
    example: {
      csv: '客戶名稱,電話,地址,類型,付款方式\n林記麵館,0912-345-678,235新北市中和區中山路二段35巷12號1樓,餐廳,月結\n',
      dryRun: true,
      onInvalid: 'reject',
    },
  });
export type ImportRequest = z.infer<typeof importRequestSchema>;

/** A problem with one cell; `message` is a catalogue code or a text already in the caller's language. */
export interface ImportProblem {
  /** The column as the file names it, or the field when the file has no such column. */
  readonly column: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, string>>;
}

/** Something the import changed on the way in that the office should know. */
export interface ImportNotice {
  readonly code: 'IMPORT.ADDRESS_RENAMED' | 'IMPORT.ADDRESS_EXTRA_TO_NOTES' | 'IMPORT.TAX_ID_PADDED';
  readonly details: Readonly<Record<string, string>>;
}

export interface ImportRow {
  /** The row's line in the spreadsheet (the header is line 1). */
  readonly line: number;
  /** The name and address cells as written, so an invalid row can still be recognised in a report. */
  readonly written: { readonly name?: string; readonly address?: string };
  readonly input?: CreateCustomerInput;
  readonly problems: readonly ImportProblem[];
  readonly notices: readonly ImportNotice[];
}

export class CustomerCsvError extends Error {
  constructor(
    readonly code: 'IMPORT.CSV_INVALID' | 'IMPORT.MISSING_COLUMNS' | 'IMPORT.NO_ROWS' | 'IMPORT.TOO_MANY_ROWS',
    readonly details: Readonly<Record<string, string>>,
  ) {
    super(code);
  }
}

const TYPES: Readonly<Record<string, CreateCustomerInput['type']>> = {
  家庭: 'household', 住家: 'household', 一般: 'household', 住宅: 'household', household: 'household',
  餐廳: 'restaurant', 餐飲: 'restaurant', 小吃: 'restaurant', 小吃店: 'restaurant', 飲食: 'restaurant', restaurant: 'restaurant',
  商業: 'commercial', 商家: 'commercial', 店家: 'commercial', 公司: 'commercial', 商店: 'commercial', commercial: 'commercial',
  工業: 'industrial', 工廠: 'industrial', industrial: 'industrial',
};
const TERMS: Readonly<Record<string, CreateCustomerInput['paymentTerms']>> = {
  現金: 'cash', 現付: 'cash', 貨到付款: 'cash', 付現: 'cash', cash: 'cash',
  月結: 'monthly', monthly: 'monthly',
  轉帳: 'transfer', 匯款: 'transfer', transfer: 'transfer',
};
const YES = new Set(['是', '要', 'y', 'yes', 'true', '1', 'v', 'o']);
const NO = new Set(['否', '不', 'n', 'no', 'false', '0', 'x']);
const WEEKDAYS: Readonly<Record<string, number>> = {
  日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6,
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
};

const pad2 = (n: string | undefined): string => (n ?? '0').padStart(2, '0');

/** `09:00-11:00、14:00~17:00` or `9-11`: windows; `undefined` when a part is not a window. */
function windowsOf(text: string): CreateCustomerInput['deliveryWindows'] | undefined {
  const parts = text.split(/[、,;；/\n]+/).map((p) => p.trim()).filter(Boolean);
  const windows = parts.map((p) => /^(\d{1,2})(?::(\d{2}))?\s*[-~～至到]\s*(\d{1,2})(?::(\d{2}))?$/.exec(p.normalize('NFKC')));
  if (windows.some((m) => !m)) return undefined;
  return windows.map((m) => ({ start: `${pad2(m?.[1])}:${pad2(m?.[2])}`, end: `${pad2(m?.[3])}:${pad2(m?.[4])}` }));
}

/** `週一、週日`, `星期一`, `一,日` or `Mon, Sun`. */
function closedDaysOf(text: string): number[] | undefined {
  const parts = text.split(/[、,;；/\s]+/).map((p) => p.replace(/^(週|星期|禮拜)/, '').toLowerCase().slice(0, 3)).filter(Boolean);
  const days = parts.map((p) => WEEKDAYS[p]);
  return days.every((d) => d !== undefined) ? (days as number[]) : undefined;
}

/** `20kg×3、16kg×2 押金2400`: counts and the deposit held per size. */
function cylindersOf(text: string): CreateCustomerInput['cylindersOnSite'] | undefined {
  // A comma separates lines only before the next size: in 押金3,600 it groups thousands.
  const parts = text.normalize('NFKC').split(/[、;；/\n]+|,(?=\s*\d{1,2}\s*(?:kg|公斤)?\s*[x×*])/i).map((p) => p.trim()).filter(Boolean);
  const lines = parts.map((p) => /^(\d{1,2})\s*(?:kg|公斤)?\s*[x×*]\s*(\d{1,3})(?:\s*(?:押金|deposit)\s*(?:NT)?\$?\s*([\d,]+))?$/i.exec(p));
  if (lines.some((m) => !m || !(CYLINDER_SIZES as readonly number[]).includes(Number(m[1])))) return undefined;
  return lines.map((m) => ({ size: Number(m?.[1]) as (typeof CYLINDER_SIZES)[number], count: Number(m?.[2]), depositPaid: Number((m?.[3] ?? '0').replace(/,/g, '')) }));
}

/**
 * A 統一編號 whose leading zeros a spreadsheet dropped (`00000070` saved as `70`): digits only and fewer than 8 can only
 * be that, and the number padded back must pass the checksum; anything else stays as written, for the schema to refuse.
 */
function paddedTaxId(written: string): string | undefined {
  const padded = written.padStart(8, '0');
  return /^\d{1,7}$/.test(written) && isValidTaxId(padded) ? padded : undefined;
}

/**
 * Coordinates the file brings (both cells, decimal degrees in Taiwan) are a pin a person set: the customer is
 * located there instead of geocoded. One cell without the other, or a place outside Taiwan, is a mistake.
 */
function locationOf(lat: string | undefined, lng: string | undefined): LatLng | 'invalid' | undefined {
  if (lat === undefined && lng === undefined) return undefined;
  const place = taiwanLocationSchema.safeParse({ lat: Number(lat?.normalize('NFKC')), lng: Number(lng?.normalize('NFKC')) });
  return lat !== undefined && lng !== undefined && place.success ? place.data : 'invalid';
}

/** A 段 problem in a file's words: the 段 is written in the address cell, where the form has a select. */
const SECTION_PROBLEMS: Readonly<Record<RoadSectionProblem['code'], string>> = {
  'ADDRESS.SECTION_REQUIRED': 'IMPORT.SECTION_REQUIRED',
  'ADDRESS.SECTION_UNKNOWN': 'IMPORT.SECTION_UNKNOWN',
};

/** One spreadsheet row → the create input, or what is wrong with it. */
function readRow(cells: ReadonlyMap<ImportField, readonly { header: string; value: string }[]>, line: number, options: ReadOptions): ImportRow {
  const problems: ImportProblem[] = [];
  const notices: ImportNotice[] = [];
  const first = (field: ImportField) => cells.get(field)?.find((c) => c.value !== '');
  const columnOf = (field: ImportField) => cells.get(field)?.[0]?.header ?? field;
  const problem = (field: ImportField, message: string, details?: Record<string, string>) =>
    problems.push({ column: columnOf(field), message, ...(details ? { details } : {}) });

  const lookup = <T>(field: ImportField, table: Readonly<Record<string, T>>, code: string): T | undefined => {
    const cell = first(field);
    if (!cell) return undefined;
    const value = table[headerKey(cell.value)];
    if (value === undefined) problem(field, code, { value: cell.value });
    return value;
  };
  const parsed = <T>(field: ImportField, read: (text: string) => T | undefined, code: string): T | undefined => {
    const cell = first(field);
    if (!cell) return undefined;
    const value = read(cell.value);
    if (value === undefined) problem(field, code, { value: cell.value });
    return value;
  };

  const notes: string[] = [];
  const addressCell = first('address');
  let address: CreateCustomerInput['address'] | undefined;
  if (!addressCell) problem('address', 'IMPORT.REQUIRED');
  else {
    const result = parseAddress(addressCell.value);
    if (!result.ok) problem('address', result.code, result.details);
    else {
      address = result.value.address;
      // Checked here rather than left to createCustomer, so the row reports it like its other problems.
      const section = roadSectionProblem(address);
      if (section) problem('address', SECTION_PROBLEMS[section.code], { ...section.details, example: `${address.road}${sectionLabel(section.sections[0] ?? 1)}` });
      if (result.value.renamed) notices.push({ code: 'IMPORT.ADDRESS_RENAMED', details: result.value.renamed });
      if (result.value.extra) {
        notes.push(result.value.extra);
        notices.push({ code: 'IMPORT.ADDRESS_EXTRA_TO_NOTES', details: { text: result.value.extra } });
      }
    }
  }
  const phones = (cells.get('phones') ?? []).flatMap((c) => c.value.split(/[/、,;；\n]+/).map((p) => p.trim()).filter(Boolean));
  const unknownPhones = phones.filter((p) => !normalisePhone(p));
  if (unknownPhones.length > 0) problem('phones', 'CUSTOMER.PHONE_INVALID', { value: unknownPhones.join('、') });
  const autoDelivery = parsed('autoDelivery', (t) => (YES.has(headerKey(t)) ? true : NO.has(headerKey(t)) ? false : undefined), 'IMPORT.YES_NO_INVALID');
  const floors = parsed('floorsWithoutElevator', (t) => (/^\d{1,2}$/.test(t.normalize('NFKC').trim()) ? Number(t.normalize('NFKC')) : undefined), 'IMPORT.NUMBER_INVALID');
  const location = locationOf(first('lat')?.value, first('lng')?.value);
  if (location === 'invalid') problem(first('lat') ? 'lat' : 'lng', 'IMPORT.LOCATION_INVALID', { value: [first('lat')?.value, first('lng')?.value].filter(Boolean).join(', ') });
  const writtenTaxId = first('taxId')?.value.normalize('NFKC').trim();
  const padded = writtenTaxId ? paddedTaxId(writtenTaxId) : undefined;
  if (writtenTaxId && padded) notices.push({ code: 'IMPORT.TAX_ID_PADDED', details: { from: writtenTaxId, to: padded } });
  const companyTitle = first('companyTitle')?.value;
  const loveCode = first('loveCode')?.value.normalize('NFKC').trim();
  const ownNotes = first('notes')?.value;

  const candidate = {
    ...(first('code') ? { code: first('code')?.value.normalize('NFKC').toUpperCase() } : {}),
    name: first('name')?.value ?? '',
    ...(first('contactName') ? { contactName: first('contactName')?.value } : {}),
    phones,
    address,
    ...(location && location !== 'invalid' ? { location } : {}),
    type: lookup('type', TYPES, 'IMPORT.TYPE_UNKNOWN') ?? 'household',
    paymentTerms: lookup('paymentTerms', TERMS, 'IMPORT.PAYMENT_TERMS_UNKNOWN') ?? 'cash',
    invoice: { ...(writtenTaxId ? { taxId: padded ?? writtenTaxId } : {}), ...(companyTitle ? { companyTitle } : {}), ...(loveCode ? { loveCode } : {}) },
    deliveryWindows: parsed('deliveryWindows', windowsOf, 'IMPORT.WINDOWS_INVALID') ?? [],
    closedDays: parsed('closedDays', closedDaysOf, 'IMPORT.CLOSED_DAYS_INVALID') ?? [],
    floorsWithoutElevator: floors ?? 0,
    cylindersOnSite: parsed('cylinders', cylindersOf, 'IMPORT.CYLINDERS_INVALID') ?? [],
    autoDelivery: autoDelivery ?? false,
    notes: [ownNotes, ...notes].filter(Boolean).join('\n'),
  };
  if (!first('name')) problem('name', 'IMPORT.REQUIRED');
  if (phones.length === 0) problem('phones', 'IMPORT.REQUIRED');
  const written = { ...(first('name') ? { name: first('name')?.value } : {}), ...(addressCell ? { address: addressCell.value } : {}) };
  if (problems.length > 0) return { line, written, problems, notices };

  const checked = createCustomerInputSchema.safeParse(candidate, options.error ? { error: options.error } : undefined);
  if (!checked.success) {
    const fieldOf = (path: readonly PropertyKey[]): ImportField => {
      const top = String(path[0]);
      if (top === 'invoice') return path[1] === 'companyTitle' || path[1] === 'loveCode' ? path[1] : 'taxId';
      if (top === 'cylindersOnSite') return 'cylinders';
      return (IMPORT_FIELDS as readonly string[]).includes(top) ? (top as ImportField) : 'notes';
    };
    for (const issue of checked.error.issues) problem(fieldOf(issue.path), issue.message);
    return { line, written, problems, notices };
  }
  return { line, written, input: checked.data, problems, notices };
}

export interface ReadOptions {
  /** Writes the schema's own messages (too long, too short…) in the caller's language. */
  readonly error?: z.core.$ZodErrorMap;
}

/** Reads the whole file: every data row, valid or not, with its spreadsheet line. */
export function readCustomerCsv(text: string, options: ReadOptions = {}): ImportRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) throw new CustomerCsvError('IMPORT.CSV_INVALID', { reason: error.message });
    throw error;
  }
  const [header, ...rows] = records;
  const fields = (header ?? []).map((h) => FIELD_BY_HEADER.get(headerKey(h)));
  const missing = (['name', 'phones', 'address'] as const).filter((f) => !fields.includes(f));
  if (missing.length > 0) throw new CustomerCsvError('IMPORT.MISSING_COLUMNS', { columns: missing.map((f) => HEADERS[f][0]).join('、'), count: String(missing.length) });
  const dataRows = rows.filter((cells) => cells.some((c) => c !== ''));
  if (dataRows.length === 0) throw new CustomerCsvError('IMPORT.NO_ROWS', {});
  if (dataRows.length > MAX_IMPORT_ROWS) throw new CustomerCsvError('IMPORT.TOO_MANY_ROWS', { rows: String(dataRows.length), max: String(MAX_IMPORT_ROWS) });
  return rows.flatMap((cells, i) => {
    if (!cells.some((c) => c !== '')) return [];
    const byField = new Map<ImportField, { header: string; value: string }[]>();
    fields.forEach((field, col) => {
      if (!field) return;
      byField.set(field, [...(byField.get(field) ?? []), { header: header?.[col] ?? field, value: plainCell(cells[col] ?? '') }]);
    });
    return [readRow(byField, i + 2, options)];
  });
}

/** Who a row would duplicate: a customer already stored, or an earlier row of the same file. */
export type ImportDuplicate = { readonly kind: 'customer'; readonly id: string; readonly code: string; readonly name: string } | { readonly kind: 'row'; readonly line: number };

/** What duplicates are looked for in among the stored customers. */
export type StoredContact = Pick<Customer, 'id' | 'code' | 'name' | 'phones'>;

/** The national digits of each phone: how a stored customer and a row are compared. */
const phoneDigits = (phones: readonly string[]): string[] => phones.map((p) => normalisePhone(p)?.digits ?? p);

/**
 * A row is a duplicate when its code or one of its phones belongs to a stored customer or to an
 * earlier row: importing the same file twice, or a file listing a customer twice, creates nobody twice.
 */
export function findDuplicates(rows: readonly ImportRow[], stored: readonly StoredContact[]): Map<number, ImportDuplicate> {
  const ref = (c: StoredContact) => ({ id: c.id, code: c.code, name: c.name });
  const byCode = new Map(stored.map((c) => [c.code, ref(c)]));
  const byPhone = new Map(stored.flatMap((c) => phoneDigits(c.phones).map((digits) => [digits, ref(c)] as const)));
  const duplicates = new Map<number, ImportDuplicate>();
  const seenCodes = new Map<string, number>();
  const seenPhones = new Map<string, number>();
  for (const row of rows) {
    if (!row.input) continue;
    const phones = phoneDigits(row.input.phones);
    const match = (row.input.code ? byCode.get(row.input.code) : undefined) ?? phones.map((p) => byPhone.get(p)).find(Boolean);
    const earlier = (row.input.code ? seenCodes.get(row.input.code) : undefined) ?? phones.map((p) => seenPhones.get(p)).find((l) => l !== undefined);
    if (match) duplicates.set(row.line, { kind: 'customer', ...match });
    else if (earlier !== undefined) duplicates.set(row.line, { kind: 'row', line: earlier });
    else {
      if (row.input.code) seenCodes.set(row.input.code, row.line);
      for (const p of phones) seenPhones.set(p, row.line);
    }
  }
  return duplicates;
}

/** The number in a code of the running form (C00042 → 42), so automatic codes can skip past imported ones. */
export const runningCodeNumber = (code: string): number | undefined => {
  const m = /^C(\d{5})$/.exec(code);
  return m ? Number(m[1]) : undefined;
};

export const customerImportMessages = {
  'IMPORT.CSV_INVALID': { 'zh-TW': '檔案不是有效的 CSV：{reason}', en: 'The file is not valid CSV: {reason}' },
  'IMPORT.MISSING_COLUMNS': {
    'zh-TW': '檔案缺少必要欄位：{columns}',
    en: 'The file lacks a required column: {columns} | The file lacks required columns: {columns}',
    countedBy: 'count',
  },
  'IMPORT.NO_ROWS': { 'zh-TW': '檔案沒有任何客戶資料列', en: 'The file has no customer rows' },
  'IMPORT.TOO_MANY_ROWS': {
    'zh-TW': '檔案有 {rows} 筆，每次最多匯入 {max} 筆，請分檔匯入',
    en: 'The file has {rows} row; import at most {max} at a time | The file has {rows} rows; import at most {max} at a time',
    countedBy: 'rows',
  },
  'IMPORT.HAS_INVALID_ROWS': {
    'zh-TW': '有 {count} 筆資料有誤，未匯入任何客戶；請修正後再匯入，或選擇略過有誤的資料',
    en: '{count} row is invalid, so nothing was imported; fix it or choose to skip it | {count} rows are invalid, so nothing was imported; fix them or choose to skip them',
    countedBy: 'count',
  },
  'IMPORT.REQUIRED': { 'zh-TW': '必填', en: 'Required' },
  'IMPORT.TYPE_UNKNOWN': { 'zh-TW': '不認得的類型「{value}」（家庭、餐廳、商業、工業）', en: 'Unknown type "{value}" (household, restaurant, commercial, industrial)' },
  'IMPORT.PAYMENT_TERMS_UNKNOWN': { 'zh-TW': '不認得的付款方式「{value}」（現金、月結、轉帳）', en: 'Unknown payment terms "{value}" (cash, monthly, transfer)' },
  'IMPORT.WINDOWS_INVALID': { 'zh-TW': '配送時段格式不正確「{value}」（例：09:00-11:00、14:00-17:00）', en: 'Invalid delivery windows "{value}" (e.g. 09:00-11:00, 14:00-17:00)' },
  'IMPORT.CLOSED_DAYS_INVALID': { 'zh-TW': '公休日格式不正確「{value}」（例：週一、週日）', en: 'Invalid closed days "{value}" (e.g. Mon, Sun)' },
  'IMPORT.CYLINDERS_INVALID': { 'zh-TW': '鋼瓶格式不正確「{value}」（例：20kg×3、16kg×2 押金2400）', en: 'Invalid cylinders "{value}" (e.g. 20kg×3, 16kg×2 deposit 2400)' },
  'IMPORT.YES_NO_INVALID': { 'zh-TW': '請填「是」或「否」，而不是「{value}」', en: 'Use yes or no, not "{value}"' },
  'IMPORT.LOCATION_INVALID': {
    'zh-TW': '緯度與經度須一起填寫，且位於台灣（例：25.0330, 121.5654），而不是「{value}」',
    en: 'Give latitude and longitude together, in Taiwan (e.g. 25.0330, 121.5654), not "{value}"',
  },
  'IMPORT.NUMBER_INVALID': { 'zh-TW': '請填整數，而不是「{value}」', en: 'Use a whole number, not "{value}"' },
  'IMPORT.SECTION_REQUIRED': {
    'zh-TW': '{road}在{district}分段（{range}），請在地址寫出段別，例：{example}',
    en: '{road} in {district} is divided into sections ({list}); write the section in the address, e.g. {example}',
  },
  'IMPORT.SECTION_UNKNOWN': {
    'zh-TW': '{district}的{road}沒有{given}（只有{range}），請更正地址中的段別',
    en: '{road} in {district} has no section {section} (only {list}); correct the section in the address',
  },
  'IMPORT.ADDRESS_RENAMED': { 'zh-TW': '舊制地址「{from}」已改為「{to}」', en: 'Old address form "{from}" read as "{to}"' },
  'IMPORT.ADDRESS_EXTRA_TO_NOTES': { 'zh-TW': '地址中的「{text}」已移到備註', en: '"{text}" from the address was moved to the notes' },
  'IMPORT.TAX_ID_PADDED': { 'zh-TW': '統一編號「{from}」已補回開頭的 0 為「{to}」', en: 'Tax ID "{from}" read as "{to}" (leading zeros restored)' },
} as const;
