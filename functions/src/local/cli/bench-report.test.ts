import { createOrderInputSchema } from '../../domain/orders';
import { benchOrderBody, formatTable, type ScenarioFigures } from './bench-report';

const row = (name: string, over: Partial<ScenarioFigures> = {}): ScenarioFigures => ({
  name,
  rpsMedian: 151,
  rpsMean: 150.44,
  p50: 60,
  p90: 95,
  p99: 180,
  max: 412,
  ok: 1504,
  non2xx: 0,
  errors: 0,
  check: 'status ok',
  ...over,
});

describe('bench:api report', () => {
  it('build an order body the API schema accepts unchanged, tagged in its notes', () => {
    const body = benchOrderBody('cust-0001', '2030-01-15', 'bench-api create x');
    expect(createOrderInputSchema.parse(body)).toEqual(body);
    expect(body.notes).toBe('bench-api create x');
  });

  it('align figures right under their headers and leave the check column free', () => {
    const lines = formatTable([row('health'), row('order-create', { rpsMedian: 9, max: 12_345, check: 'OK: 90 orders' })]).split('\n');
    expect(lines).toHaveLength(3);
    const header = lines[0] as string;
    const maxEnd = header.indexOf('max ms') + 'max ms'.length;
    expect(lines.map((l) => l.slice(maxEnd - 6, maxEnd))).toEqual(['max ms', '   412', ' 12345']);
    expect(lines[2]?.endsWith('  OK: 90 orders')).toBe(true);
    expect(lines[1]?.startsWith('health        ')).toBe(true);
  });
});
