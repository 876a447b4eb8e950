import { QUANTILE_LEVELS, type NamedSeries, type SeriesForecast } from './types';

export class SeriesCsvError extends Error {
  readonly code = 'FORECAST.BAD_CSV';
}

/**
 * Parses `id,<period1>,<period2>,...` with one series per row; an empty cell is missing.
 * Rows shorter than the header are padded with missing values (series that stop early).
 */
export function parseSeriesCsv(text: string): { periods: string[]; series: NamedSeries[] } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0];
  if (header === undefined) throw new SeriesCsvError('empty input: a header row is required');
  const periods = header.split(',').slice(1).map((cell) => cell.trim());
  const series = lines.slice(1).map((line, row) => {
    const cells = line.split(',');
    const id = (cells[0] ?? '').trim();
    const values = periods.map((_, col) => parseCell(cells[col + 1], row + 2, col + 2));
    return { id, values };
  });
  return { periods, series };
}

function parseCell(cell: string | undefined, line: number, column: number): number | null {
  const text = (cell ?? '').trim();
  if (text === '' || text.toUpperCase() === 'NA' || text.toUpperCase() === 'NAN') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new SeriesCsvError(`line ${line}, column ${column}: not a number: ${text}`);
  return value;
}

export const FORECAST_CSV_HEADER = ['id', 'h', 'mean', ...QUANTILE_LEVELS.map((q) => `q${q}`)].join(',');

/** Writes one row per series and step, header `id,h,mean,q0.1,...,q0.9`. */
export function formatForecastCsv(ids: readonly string[], forecasts: readonly SeriesForecast[]): string {
  const rows = [FORECAST_CSV_HEADER];
  forecasts.forEach((forecast, i) => {
    forecast.steps.forEach((step, h) => {
      rows.push([ids[i] ?? '', h + 1, formatNumber(step.mean), ...step.quantiles.map(formatNumber)].join(','));
    });
  });
  return rows.join('\n') + '\n';
}

function formatNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
