import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const SLOW_MS = 60_000;

/** The command automated checks run, exactly as the contract spells it. */
async function forecastCli(input: string, horizon: string, output: string) {
  return run('npm', ['run', '--silent', 'forecast', '--', '--input', input, '--horizon', horizon, '--output', output], { cwd: ROOT });
}

describe('npm run forecast (the CLI contract)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lg-forecast-'));

  it('writes one finite, monotone row per series and step under the contract header', async () => {
    const input = join(dir, 'in.csv');
    const output = join(dir, 'out.csv');
    writeFileSync(input, 'id,p1,p2,p3,p4,p5,p6\na,1,0,,2,0,3\nb,,,,,,\nc,0,0,0,0,0,0\n"d,x",5,5,5,5,5,5\n');
    await forecastCli(input, '3', output);
    const rows: string[][] = parse(readFileSync(output, 'utf8'));
    expect(rows[0]).toEqual(['id', 'h', 'mean', 'q0.1', 'q0.2', 'q0.3', 'q0.4', 'q0.5', 'q0.6', 'q0.7', 'q0.8', 'q0.9']);
    const body = rows.slice(1);
    expect(body.map((row) => `${row[0]}/${row[1]}`)).toEqual(['a', 'b', 'c', 'd,x'].flatMap((id) => [1, 2, 3].map((h) => `${id}/${h}`)));
    for (const row of body) {
      const values = row.slice(2).map(Number);
      expect(values.every(Number.isFinite)).toBe(true);
      const quantiles = values.slice(1);
      expect(quantiles.every((q, k) => k === 0 || q >= (quantiles[k - 1] ?? -Infinity))).toBe(true);
    }
  }, SLOW_MS);

  it('exits non-zero with the offending line when the input is not numeric', async () => {
    const input = join(dir, 'bad.csv');
    writeFileSync(input, 'id,p1\na,1\nb,lots\n');
    await expect(forecastCli(input, '2', join(dir, 'never.csv'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('line 3') });
  }, SLOW_MS);
});
