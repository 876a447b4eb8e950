/** Pure pieces of `npm run bench:api`: the request bodies it sends and the table it prints. */
import type { CreateOrderInput } from '../../domain/orders';

/** The figures of one scenario, from autocannon's result. */
export interface ScenarioFigures {
  readonly name: string;
  /** Median and mean of the per-second request counts. */
  readonly rpsMedian: number;
  readonly rpsMean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly ok: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** What the answers were checked against, e.g. "812 orders = 812 × 2xx". */
  readonly check: string;
}

/**
 * One order for the office to create. `tag` goes into the notes so the benchmark can count its own
 * orders afterwards; the customer must have no closed day on `requestedDate`.
 */
export function benchOrderBody(customerId: string, requestedDate: string, tag: string): CreateOrderInput {
  return {
    customerId,
    items: [{ size: 20, quantity: 1 }],
    emptiesToCollect: [{ size: 20, quantity: 1 }],
    requestedDate,
    priority: 'normal',
    notes: tag,
  };
}

const COLUMNS: readonly { readonly title: string; readonly cell: (f: ScenarioFigures) => string }[] = [
  { title: 'scenario', cell: (f) => f.name },
  { title: 'req/s med', cell: (f) => f.rpsMedian.toFixed(0) },
  { title: 'req/s avg', cell: (f) => f.rpsMean.toFixed(1) },
  { title: 'p50 ms', cell: (f) => String(f.p50) },
  { title: 'p90 ms', cell: (f) => String(f.p90) },
  { title: 'p99 ms', cell: (f) => String(f.p99) },
  { title: 'max ms', cell: (f) => String(f.max) },
  { title: '2xx', cell: (f) => String(f.ok) },
  { title: 'non-2xx', cell: (f) => String(f.non2xx) },
  { title: 'errors', cell: (f) => String(f.errors) },
  { title: 'check', cell: (f) => f.check },
];

/** A plain-text table: text columns left-aligned, figures right-aligned, the last column free. */
export function formatTable(rows: readonly ScenarioFigures[]): string {
  const cells = [COLUMNS.map((c) => c.title), ...rows.map((r) => COLUMNS.map((c) => c.cell(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)));
  const numeric = (i: number) => i > 0 && i < COLUMNS.length - 1;
  return cells
    .map((line) =>
      line
        .map((cell, i) => (i === COLUMNS.length - 1 ? cell : numeric(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
