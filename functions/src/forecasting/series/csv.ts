import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { QUANTILE_LEVELS, type NamedSeries, type SeriesForecast } from './types';

export class SeriesCsvError extends Error {
  readonly code = 'FORECAST.BAD_CSV';
}

/**
 * Parses `id,<period1>,<period2>,...` (RFC 4180: quoted ids may hold commas; a UTF-8 BOM, as
 * spreadsheets write it, is dropped) with one series per row; an empty cell is missing. Rows
 * shorter than the header are padded with missing values (series that stop early).
 */
export function parseSeriesCsv(text: string): { periods: string[]; series: NamedSeries[] } {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) throw new SeriesCsvError(error.message);
    throw error;
  }
  const header = rows[0];
  if (header === undefined) throw new SeriesCsvError('empty input: a header row is required');
  const periods = header.slice(1);
  const series = rows.slice(1).map((cells, row) => {
    if (cells.length > header.length) {
      throw new SeriesCsvError(`line ${row + 2}: ${cells.length} cells, but the header has ${header.length}`);
    }
    return { id: cells[0] ?? '', values: periods.map((_, col) => parseCell(cells[col + 1], row + 2, col + 2)) };
  });
  return { periods, series };
}

function parseCell(cell: string | undefined, line: number, column: number): number | null {
  const text = cell ?? '';
  if (text === '' || text.toUpperCase() === 'NA' || text.toUpperCase() === 'NAN') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new SeriesCsvError(`line ${line}, column ${column}: not a number: ${text}`);
  return value;
}

const FORECAST_COLUMNS = ['id', 'h', 'mean', ...QUANTILE_LEVELS.map((q) => `q${q}`)];
export const FORECAST_CSV_HEADER = FORECAST_COLUMNS.join(',');

/** Writes one row per series and step, header `id,h,mean,q0.1,...,q0.9`. */
export function formatForecastCsv(ids: readonly string[], forecasts: readonly SeriesForecast[]): string {
  const rows = forecasts.flatMap((forecast, i) =>
    forecast.steps.map((step, h) => [ids[i] ?? '', h + 1, formatNumber(step.mean), ...step.quantiles.map(formatNumber)]),
  );
  return stringify([FORECAST_COLUMNS, ...rows], { record_delimiter: '\n' });
}

function formatNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
