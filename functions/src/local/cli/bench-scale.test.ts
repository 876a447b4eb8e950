import { findDuplicates, MAX_IMPORT_ROWS, readCustomerCsv } from '../../domain/customers/customer-import';
import { customerCsv } from './bench-scale';

describe('bench:api scale-up', () => {
  it('write import files the product reads without a problem, with the type and terms asked for row by row', () => {
    const csv = customerCsv('規模x-0', MAX_IMPORT_ROWS, 997_000_000, (i) => (i < 3 ? { type: '餐廳', terms: '月結' } : { type: '家庭', terms: i % 2 === 0 ? '轉帳' : '現金' }));
    const rows = readCustomerCsv(csv);
    expect(rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(rows.filter((r) => r.problems.length > 0 || !r.input)).toEqual([]);
    expect(rows.slice(0, 4).map((r) => [r.input?.type, r.input?.paymentTerms])).toEqual([
      ['restaurant', 'monthly'],
      ['restaurant', 'monthly'],
      ['restaurant', 'monthly'],
      ['household', 'cash'],
    ]);
    expect(rows[4]?.input?.paymentTerms).toBe('transfer');
  });

  it('give every row its own phone, so a full import creates every customer (none is a duplicate)', () => {
    const chunks = [0, MAX_IMPORT_ROWS].map((from) => customerCsv(`t-${from}`, MAX_IMPORT_ROWS, 997_000_000 + from, () => ({ type: '家庭', terms: '現金' })));
    const rows = chunks.flatMap((csv) => readCustomerCsv(csv));
    expect(rows).toHaveLength(2 * MAX_IMPORT_ROWS);
    expect(findDuplicates(rows, [])).toEqual(new Map());
  });
});
