/** CSV files for Excel, as the office opens them (statements, the customer list), and read back (the customer import). */

/** Excel reads a file starting with this byte order mark as UTF-8; without it Chinese turns to mojibake. */
export const UTF8_BOM = '\uFEFF';

/** A code made of digits (統一編號, 隨機碼, 愛心碼): text, although Excel would read `0427` as the number 427. */
export interface DigitCode {
  readonly digits: string;
}

export type Cell = string | number | DigitCode;

/** A cell for a column of digit codes; a value that is not all digits is written as ordinary text. */
export const digitCode = (digits: string): DigitCode => ({ digits });

/**
 * Text a spreadsheet would run as a formula (a customer named `=HYPERLINK(…)`), or text that already looks guarded,
 * which gets one more `'` so that taking one off (`plainCell`) gives back exactly what was written.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Quotes what CSV needs quoted, and defuses text a spreadsheet would run as a formula with a leading `'`, so an opened
 * file shows only data. Digit codes are written `="0427"`, which Excel and LibreOffice show as the text 0427: a plain
 * `0427` would open as 427, and a 統一編號 saved back that way fails its checksum on import.
 */
function cell(value: Cell): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return /^\d+$/.test(value.digits) ? `"=""${value.digits}"""` : cell(value.digits);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A cell read back as it was before `cell` wrote it: `="0427"` is the code 0427, and the `'` put before a formula
 * character is taken off (once, and only there: a name that starts with `'` otherwise keeps it). A file that went
 * through a spreadsheet holds `0427` itself (the formula's value) and the `'` still (Excel shows and saves it).
 */
export function plainCell(value: string): string {
  const code = /^="(\d+)"$/.exec(value);
  if (code?.[1] !== undefined) return code[1];
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export const csvRow = (cells: readonly Cell[]): string => cells.map(cell).join(',');

/** Rows as a file: UTF-8 with BOM, CRLF line ends. */
export const csvFile = (rows: readonly (readonly Cell[])[]): string => `${UTF8_BOM}${rows.map(csvRow).join('\r\n')}\r\n`;
