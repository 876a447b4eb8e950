import { FORECAST_CSV_HEADER, formatForecastCsv, parseSeriesCsv, SeriesCsvError } from './csv';

describe('parseSeriesCsv', () => {
  it('reads empty cells as missing and pads rows that stop early', () => {
    const { periods, series } = parseSeriesCsv('id,2001-01,2001-02,2001-03\r\na,1,,3\nb,0\n');
    expect(periods).toEqual(['2001-01', '2001-02', '2001-03']);
    expect(series).toEqual([
      { id: 'a', values: [1, null, 3] },
      { id: 'b', values: [0, null, null] },
    ]);
  });

  it('rejects a cell that is not a number, naming its line', () => {
    expect(() => parseSeriesCsv('id,p1\na,x\n')).toThrow(SeriesCsvError);
    expect(() => parseSeriesCsv('id,p1\na,x\n')).toThrow(/line 2/);
  });

  it('reads quoted ids holding commas and quotes, and drops a spreadsheet BOM', () => {
    const { periods, series } = parseSeriesCsv('\uFEFFid,p1,p2\n"part 7, left","1"\n"say ""hi""",2,3\n');
    expect(periods).toEqual(['p1', 'p2']);
    expect(series).toEqual([
      { id: 'part 7, left', values: [1, null] },
      { id: 'say "hi"', values: [2, 3] },
    ]);
  });

  it('rejects a row with more cells than the header, and a broken quote, with the line', () => {
    expect(() => parseSeriesCsv('id,p1\na,1,2\n')).toThrow(/line 2/);
    expect(() => parseSeriesCsv('id,p1\n"a,1\n')).toThrow(SeriesCsvError);
  });

  it('rejects an input without a header', () => {
    expect(() => parseSeriesCsv('\n')).toThrow(SeriesCsvError);
  });
});

describe('formatForecastCsv', () => {
  it('writes the exact contract header and one row per series and step', () => {
    const step = { mean: 0.5, quantiles: [0, 0, 0, 0, 0, 1, 1, 1, 2] };
    const text = formatForecastCsv(['a'], [{ steps: [step, step] }]);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('id,h,mean,q0.1,q0.2,q0.3,q0.4,q0.5,q0.6,q0.7,q0.8,q0.9');
    expect(FORECAST_CSV_HEADER).toBe(lines[0]);
    expect(lines.slice(1)).toEqual(['a,1,0.5,0,0,0,0,0,1,1,1,2', 'a,2,0.5,0,0,0,0,0,1,1,1,2']);
  });

  it('quotes ids that need it, so the output reads back', () => {
    const step = { mean: 1, quantiles: [1, 1, 1, 1, 1, 1, 1, 1, 1] };
    const text = formatForecastCsv(['part 7, left'], [{ steps: [step] }]);
    expect(text.split('\n')[1]).toBe('"part 7, left",1,1,1,1,1,1,1,1,1,1,1');
  });
});
