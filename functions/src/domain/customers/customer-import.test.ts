import { CustomerCsvError, findDuplicates, MAX_IMPORT_ROWS, readCustomerCsv, runningCodeNumber } from './customer-import';

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

const HEADER = '客戶編號,客戶名稱,聯絡人,電話,手機,地址,類型,付款方式,統一編號,配送時段,公休日,鋼瓶,自動配送,備註';

describe('readCustomerCsv', () => {
  it('reads a row in the spellings an office types into a customer the form could have created', () => {
    const [row] = readCustomerCsv(
      csv(HEADER, 'c00042,林記麵館,林志明,(02)2941-5566,0912345678,235 新北市中和區中山路二段35巷12號1樓,餐廳,月結,22099131,"09:00-11:00、14:00~17:00",週一、週日,"20kg×3 押金3,600、16kg×1",是,後門卸貨'),
    );
    expect(row).toMatchObject({ line: 2, problems: [], notices: [] });
    expect(row?.input).toEqual({
      code: 'C00042',
      name: '林記麵館',
      contactName: '林志明',
      phones: ['(02)2941-5566', '0912-345-678'],
      address: { city: '新北市', district: '中和區', road: '中山路', section: 2, lane: '35', number: '12', floor: '1' },
      type: 'restaurant',
      paymentTerms: 'monthly',
      invoice: { taxId: '22099131' },
      deliveryWindows: [
        { start: '09:00', end: '11:00' },
        { start: '14:00', end: '17:00' },
      ],
      closedDays: [1, 0],
      floorsWithoutElevator: 0,
      cylindersOnSite: [
        { size: 20, count: 3, depositPaid: 3600 },
        { size: 16, count: 1, depositPaid: 0 },
      ],
      autoDelivery: true,
      notes: '後門卸貨',
    });
  });

  it('needs only name, phone and address, and recognises English headers and a UTF-8 BOM', () => {
    const [row] = readCustomerCsv(`\uFEFFName,Phone,Address\n王小美,0922-111-222,台北市大安區復興南路一段100號\n`);
    expect(row?.input).toMatchObject({ name: '王小美', type: 'household', paymentTerms: 'cash', autoDelivery: false, notes: '' });
    expect(row?.input?.code).toBeUndefined();
  });

  it('keeps what the address fields have no place for in the notes, and says what it changed', () => {
    const [row] = readCustomerCsv(csv('名稱,電話,地址,備註', '陳家小吃,0911-000-111,台北縣中和市中原里5鄰中山路二段12號(後門),週日公休'));
    expect(row?.input?.address).toMatchObject({ city: '新北市', district: '中和區', road: '中山路' });
    expect(row?.input?.notes).toBe('週日公休\n中原里 5鄰 後門');
    expect(row?.notices).toEqual([
      { code: 'IMPORT.ADDRESS_RENAMED', details: { from: '台北縣中和市', to: '新北市中和區' } },
      { code: 'IMPORT.ADDRESS_EXTRA_TO_NOTES', details: { text: '中原里 5鄰 後門' } },
    ]);
  });

  it("reports a sectioned road's missing or unknown 段 as a problem of the row's address", () => {
    const rows = readCustomerCsv(
      csv('名稱,電話,地址', '甲,0911-000-111,台北市大安區和平東路42號', '乙,0911-000-112,臺北市大安區和平東路五段42號', '丙,0911-000-113,台北市大安區和平東路二段42號', '丁,0911-000-114,台北市大安區和平東路十二段42號'),
    );
    const details = { road: '和平東路', district: '大安區', range: '一至三段', list: '1, 2, 3', example: '和平東路一段' };
    expect(rows.map((r) => r.problems)).toEqual([
      [{ column: '地址', message: 'IMPORT.SECTION_REQUIRED', details }],
      [{ column: '地址', message: 'IMPORT.SECTION_UNKNOWN', details: { ...details, given: '五段', section: '5' } }],
      [],
      [{ column: '地址', message: 'IMPORT.SECTION_UNKNOWN', details: { ...details, given: '十二段', section: '12' } }],
    ]);
    expect(rows[0]?.input).toBeUndefined();
    expect(rows[2]?.input?.address).toMatchObject({ road: '和平東路', section: 2 });
  });

  it('reports every problem of a row under the column name the file uses', () => {
    const [row] = readCustomerCsv(
      csv(HEADER, 'X1,,王,12345,,台北市中和區中山路1號,魚市場,賒帳,12345678,早上,週八,30kg×2,也許,'),
    );
    expect(row?.input).toBeUndefined();
    expect(row?.problems).toEqual(
      expect.arrayContaining([
        { column: '客戶名稱', message: 'IMPORT.REQUIRED' },
        { column: '電話', message: 'CUSTOMER.PHONE_INVALID', details: { value: '12345' } },
        { column: '地址', message: 'ADDRESS.DISTRICT_UNKNOWN', details: { city: '台北市' } },
        { column: '類型', message: 'IMPORT.TYPE_UNKNOWN', details: { value: '魚市場' } },
        { column: '付款方式', message: 'IMPORT.PAYMENT_TERMS_UNKNOWN', details: { value: '賒帳' } },
        { column: '配送時段', message: 'IMPORT.WINDOWS_INVALID', details: { value: '早上' } },
        { column: '公休日', message: 'IMPORT.CLOSED_DAYS_INVALID', details: { value: '週八' } },
        { column: '鋼瓶', message: 'IMPORT.CYLINDERS_INVALID', details: { value: '30kg×2' } },
        { column: '自動配送', message: 'IMPORT.YES_NO_INVALID', details: { value: '也許' } },
      ]),
    );
  });

  it('checks the rest with the form’s own schema (code, tax id checksum, window order)', () => {
    const [row] = readCustomerCsv(csv('編號,名稱,電話,地址,統編,時段', 'X1,王,0912-345-678,台北市大安區復興南路一段1號,12345678,11-9'));
    expect(row?.problems).toEqual(
      expect.arrayContaining([
        { column: '編號', message: 'CUSTOMER.CODE_INVALID' },
        { column: '統編', message: 'CUSTOMER.TAX_ID_INVALID' },
        { column: '時段', message: 'TIME.WINDOW_END_BEFORE_START' },
      ]),
    );
  });

  it('reads a 愛心碼 column into the invoice settings, refused beside a 統一編號 or when not 3–7 digits', () => {
    const rows = readCustomerCsv(
      csv('名稱,電話,地址,統編,愛心碼', '王,0912-345-678,台北市大安區復興南路一段1號,,１６８００１', '李,0912-345-679,台北市大安區復興南路一段2號,22099131,168001', '陳,0912-345-670,台北市大安區復興南路一段3號,,12'),
    );
    expect(rows[0]?.input?.invoice).toEqual({ loveCode: '168001' });
    expect(rows[1]?.problems).toEqual([{ column: '愛心碼', message: 'CUSTOMER.INVOICE_LOVE_CODE_ALONE' }]);
    expect(rows[2]?.problems).toEqual([{ column: '愛心碼', message: 'INVOICE.LOVE_CODE_INVALID' }]);
  });

  it('puts back the leading zeros of a 統一編號 a spreadsheet cut short when the 8 digits are a valid number, saying so', () => {
    const rows = readCustomerCsv(
      csv('名稱,電話,地址,統編', '甲,0912-000-001,台北市大安區復興南路一段1號,70', '乙,0912-000-002,台北市大安區復興南路一段2號,4595257', '丙,0912-000-003,台北市大安區復興南路一段3號,1234567'),
    );
    expect(rows.map((r) => r.input?.invoice)).toEqual([{ taxId: '00000070' }, { taxId: '04595257' }, undefined]);
    expect(rows[0]?.notices).toEqual([{ code: 'IMPORT.TAX_ID_PADDED', details: { from: '70', to: '00000070' } }]);
    // 01234567 fails the checksum: not a number Excel shortened, so the row says what was written is wrong.
    expect(rows[2]?.problems).toEqual([{ column: '統編', message: 'CUSTOMER.TAX_ID_INVALID' }]);
  });

  it('reads the cells an export wrote for Excel as their values: a digit code as text, text behind its formula guard', () => {
    const [row] = readCustomerCsv(csv('名稱,電話,地址,統編,備註', `'-林記,0912-000-001,台北市大安區復興南路一段1號,"=""00000070""",'=後門`));
    expect(row?.input).toMatchObject({ name: '-林記', invoice: { taxId: '00000070' }, notes: '=後門' });
    expect(row?.notices).toEqual([]);
  });

  it('takes coordinates the file brings as the customer\'s pin, and refuses half a pair or a place outside Taiwan', () => {
    const rows = readCustomerCsv(
      csv(
        '名稱,電話,地址,緯度,經度',
        '甲,0912-000-001,新北市板橋區文化路一段1號,25.0135,121.4627',
        '乙,0912-000-002,新北市板橋區文化路一段2號,,',
        '丙,0912-000-003,新北市板橋區文化路一段3號,25.0135,',
        '丁,0912-000-004,新北市板橋區文化路一段4號,35.68,139.76',
      ),
    );
    expect(rows[0]?.input?.location).toEqual({ lat: 25.0135, lng: 121.4627 });
    expect(rows[1]?.input).toBeDefined();
    expect(rows[1]?.input?.location).toBeUndefined();
    expect(rows[2]?.problems).toEqual([{ column: '緯度', message: 'IMPORT.LOCATION_INVALID', details: { value: '25.0135' } }]);
    expect(rows[3]?.problems).toEqual([{ column: '緯度', message: 'IMPORT.LOCATION_INVALID', details: { value: '35.68, 139.76' } }]);
  });

  it('numbers rows by their spreadsheet line and skips blank lines', () => {
    const rows = readCustomerCsv(csv('名稱,電話,地址', '甲,0912-000-001,新北市板橋區文化路一段1號', ',,', '乙,0912-000-002,新北市板橋區文化路一段2號'));
    expect(rows.map((r) => [r.line, r.input?.name])).toEqual([
      [2, '甲'],
      [4, '乙'],
    ]);
  });

  it('refuses a file it cannot use as a whole, saying why', () => {
    const refused = (text: string) => {
      try {
        readCustomerCsv(text);
      } catch (e) {
        return e instanceof CustomerCsvError ? { code: e.code, details: e.details } : e;
      }
      return 'accepted';
    };
    expect(refused('名稱,地址\n甲,新北市板橋區文化路一段1號\n')).toEqual({ code: 'IMPORT.MISSING_COLUMNS', details: { columns: '電話', count: '1' } });
    expect(refused('名稱,電話,地址\n')).toEqual({ code: 'IMPORT.NO_ROWS', details: {} });
    expect(refused('名稱,電話,地址\n"甲,0912\n')).toMatchObject({ code: 'IMPORT.CSV_INVALID' });
    const many = ['名稱,電話,地址', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `客${i},0912-000-001,新北市板橋區文化路一段${i + 1}號`)];
    expect(refused(many.join('\n'))).toEqual({ code: 'IMPORT.TOO_MANY_ROWS', details: { rows: String(MAX_IMPORT_ROWS + 1), max: String(MAX_IMPORT_ROWS) } });
  });
});

describe('findDuplicates', () => {
  const rows = readCustomerCsv(
    csv(
      '編號,名稱,電話,地址',
      'C00001,甲,0912-000-001,新北市板橋區文化路一段1號',
      ',乙,(02)2222-3333,新北市板橋區文化路一段2號',
      ',乙分店,02-22223333 / 0912-000-009,新北市板橋區文化路一段3號',
      ',丙,0912-000-003,新北市板橋區文化路一段4號',
      'C00001,甲again,0912-000-004,新北市板橋區文化路一段5號',
    ),
  );

  it('marks rows that match a stored customer by code or phone, or an earlier row of the file', () => {
    const stored = { id: 'cust-9', code: 'C00009', name: '丙記' };
    const duplicates = findDuplicates(rows, [{ ...stored, phones: ['0912-000-003'] }]);
    expect(Object.fromEntries(duplicates)).toEqual({
      4: { kind: 'row', line: 3 },
      5: { kind: 'customer', ...stored },
      6: { kind: 'row', line: 2 },
    });
  });
});

describe('runningCodeNumber', () => {
  it('reads the number of running codes only', () => {
    expect(runningCodeNumber('C00042')).toBe(42);
    expect(runningCodeNumber('AB123')).toBeUndefined();
    expect(runningCodeNumber('C000420')).toBeUndefined();
  });
});
