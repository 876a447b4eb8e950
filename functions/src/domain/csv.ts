/** CSV files for Excel, as the office opens them (statements, the customer list). */

/** Excel reads a file starting with this byte order mark as UTF-8; without it Chinese turns to mojibake. */
export const UTF8_BOM = '\uFEFF';

export type Cell = string | number;

/**
 * Quotes what CSV needs quoted, and defuses text a spreadsheet would run as a formula
 * (a customer named `=HYPERLINK(…)`), so an opened file shows only data.
 */
function cell(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvRow = (cells: readonly Cell[]): string => cells.map(cell).join(',');

/** Rows as a file: UTF-8 with BOM, CRLF line ends. */
export const csvFile = (rows: readonly (readonly Cell[])[]): string => `${UTF8_BOM}${rows.map(csvRow).join('\r\n')}\r\n`;
