import { csvRow, digitCode, plainCell } from './csv';
import { csvCells, savedByExcel } from './test-support/excel';

const cellsOf = (row: string): string[] => csvCells(`${row}\r\n`)[0] ?? [];

describe('csv cells', () => {
  it('writes a digit code as a text formula Excel keeps, and reads it back as the code', () => {
    const row = csvRow([digitCode('0427'), digitCode('00000070'), digitCode(''), digitCode('/ABC1234'), '0427']);
    expect(row).toBe('"=""0427""","=""00000070""",,/ABC1234,0427');
    expect(cellsOf(row).map(plainCell)).toEqual(['0427', '00000070', '', '/ABC1234', '0427']);
    expect(cellsOf(savedByExcel(`${row}\r\n`))).toEqual(['0427', '00000070', '', '/ABC1234', '427']);
  });

  it.each(['=HYPERLINK("http://x")', '-林記', '+886912345678', '@sum', '\tx', "'=already", "''-twice"])(
    'guards %j with one leading quote and reads exactly that one back off',
    (value) => {
      const [written] = cellsOf(csvRow([value]));
      expect(written).toBe(`'${value}`);
      expect(plainCell(written ?? '')).toBe(value);
    },
  );

  it('leaves text that needs no guard as it is, a leading quote of its own included', () => {
    for (const value of ["'s Hertogenbosch", "it's", '林記', '=', '="0427"x']) {
      expect(plainCell(cellsOf(csvRow([value]))[0] ?? '')).toBe(value);
    }
  });
});
