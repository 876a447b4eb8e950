import en from '../locales/en.json';
import zhTW from '../locales/zh-TW.json';
import { csvTemplate, decodeCsvFile } from './customer-import';

describe('reading an office CSV file', () => {
  it('reads UTF-8 and drops the BOM Excel writes', () => {
    const bytes = new TextEncoder().encode('\uFEFF客戶名稱,電話\r\n林記,0912\r\n');
    expect(decodeCsvFile(bytes)).toBe('客戶名稱,電話\r\n林記,0912\r\n');
  });

  it('reads Big5 when the bytes are not UTF-8', () => {
    const big5 = Uint8Array.from([0xab, 0xc8, 0xa4, 0xe1, 0xa6, 0x57, 0xba, 0xd9, 0x2c, 0xb9, 0x71, 0xb8, 0xdc]);
    expect(decodeCsvFile(big5)).toBe('客戶名稱,電話');
  });

  it('offers templates whose header names the required columns and whose example fills every column', () => {
    for (const messages of [zhTW, en]) {
      const { templateHeader, templateExample } = messages.customers.import;
      const [header = '', example = ''] = csvTemplate(templateHeader, templateExample).replace('\uFEFF', '').split('\r\n');
      expect(header.split(',').length).toBe(18);
      expect(example.split(',').length).toBe(18);
    }
    expect(zhTW.customers.import.templateHeader.split(',')).toEqual(expect.arrayContaining(['客戶名稱', '電話', '地址']));
    expect(en.customers.import.templateHeader.split(',')).toEqual(expect.arrayContaining(['name', 'phone', 'address']));
  });
});
