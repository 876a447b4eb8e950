import { parse } from 'csv-parse/sync';
import { UTF8_BOM } from '../csv';

/** A CSV file's cells as a program reading it sees them (CSV quoting undone, BOM dropped). */
export const csvCells = (text: string): string[][] => parse(text, { bom: true, record_delimiter: ['\r\n', '\n'], relax_column_count: true });

/**
 * What an office's Excel leaves of a CSV file opened and saved again as CSV: `="0427"` is a formula whose value, the
 * text 0427, is saved; a cell that reads as a number becomes that number (`0427` → 427, `00000070` → 70); a leading `'`
 * is not a text marker in a CSV, so it stays, shown and saved. Everything else is saved as it was.
 */
export function savedByExcel(text: string): string {
  const saved = csvCells(text).map((row) =>
    row.map((value) => {
      const formula = /^="(.*)"$/.exec(value);
      if (formula?.[1] !== undefined) return formula[1];
      return /^-?\d+(\.\d+)?$/.test(value) ? String(Number(value)) : value;
    }),
  );
  // Saved as Excel writes CSV (UTF-8 with BOM): quoted only where CSV needs it, with no formula guard of its own.
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${UTF8_BOM}${saved.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
