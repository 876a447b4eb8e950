import { numberOption, parseArgs } from './args';

describe('parseArgs', () => {
  it('reads valued options, inline values, flags and positional arguments', () => {
    const args = parseArgs(['--format', 'solomon', '--time-limit=5', '--verbose', 'C101.txt'], ['verbose']);
    expect(args.options.get('format')).toBe('solomon');
    expect(numberOption(args, 'time-limit', 10)).toBe(5);
    expect(args.options.get('verbose')).toBe('true');
    expect(args.positional).toEqual(['C101.txt']);
  });

  it('falls back to the default and rejects a non-number', () => {
    expect(numberOption(parseArgs([]), 'seed', 1)).toBe(1);
    expect(() => numberOption(parseArgs(['--seed', 'x']), 'seed', 1)).toThrow('--seed must be a number');
  });
});
