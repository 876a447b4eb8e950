import { aCustomer } from '../test-support/customer-mother';
import { savedByExcel } from '../test-support/excel';
import { customersCsv } from './customer-export';
import { readCustomerCsv } from './customer-import';
import type { Customer } from './customer';

const full = aCustomer()
  .withId('cust-1')
  .withCode('C00042')
  .with({
    name: '林記麵館',
    contactName: '林志明',
    phones: ['(02)2941-5566', '0912-345-678'],
    address: { city: '新北市', district: '中和區', road: '中山路', section: 2, lane: '35', alley: '3', number: '12之1', floor: 'B1' },
    type: 'restaurant',
    paymentTerms: 'monthly',
    invoice: { taxId: '22099131', companyTitle: '林記麵館' },
    deliveryWindows: [
      { start: '09:00', end: '11:00' },
      { start: '14:30', end: '17:00' },
    ],
    closedDays: [1, 0],
    floorsWithoutElevator: 3,
    cylindersOnSite: [
      { size: 20, count: 3, depositPaid: 3600 },
      { size: 50, count: 1, depositPaid: 0 },
    ],
    autoDelivery: true,
    notes: '後門卸貨, 週日公休\n"狗會叫"',
  })
  .build();
/** Donates their invoices: the 愛心碼 column comes back. */
const bare = aCustomer().withId('cust-2').withCode('C00043').with({ name: '王小美', contactName: undefined, phones: ['0922-111-222'], type: 'household', invoice: { loveCode: '168001' } }).build();
/** Located only to its district's centre: written without coordinates, so an import geocodes it again. */
const rough: Customer = { ...aCustomer().withId('cust-3').withCode('C00044').with({ name: '陳家', phones: ['0922-111-333'] }).build(), locationPrecision: 'district' };

/**
 * Text a spreadsheet would run as a formula, guarded on export, and digit codes Excel would read as numbers: a 統一編號
 * with leading zeros (Excel saves `00000070` as 70) on one, a 愛心碼 starting with 0 on the other.
 */
const dashed = aCustomer()
  .withId('cust-4')
  .withCode('C00045')
  .with({ name: '-林記', phones: ['0922-111-444'], invoice: { taxId: '00000070', companyTitle: '+林記有限公司' }, notes: '=後門' })
  .build();
const donor = aCustomer().withId('cust-5').withCode('C00046').with({ name: '@陳家', phones: ['0922-111-555'], invoice: { loveCode: '0801' } }).build();

/** What a customer's row must bring back: everything a caller can set, without what the system derives (an exact pin included). */
const editable = (c: Customer) => ({
  ...(c.location && c.locationPrecision !== 'district' ? { location: c.location } : {}),
  code: c.code,
  name: c.name,
  ...(c.contactName ? { contactName: c.contactName } : {}),
  phones: c.phones,
  address: Object.fromEntries(Object.entries(c.address).filter(([k]) => k !== 'full')),
  type: c.type,
  paymentTerms: c.paymentTerms,
  invoice: c.invoice,
  deliveryWindows: c.deliveryWindows,
  closedDays: c.closedDays,
  floorsWithoutElevator: c.floorsWithoutElevator,
  cylindersOnSite: c.cylindersOnSite,
  autoDelivery: c.autoDelivery,
  notes: c.notes,
});

describe('customersCsv', () => {
  it.each(['zh-TW', 'en'] as const)('writes customers the import reads back as the same customers (%s)', (locale) => {
    const rows = readCustomerCsv(customersCsv([full, bare, rough], locale));
    expect(rows.map((r) => r.problems)).toEqual([[], [], []]);
    expect(rows.map((r) => r.input)).toEqual([editable(full), editable(bare), editable(rough)]);
    expect(rows[2]?.input?.location).toBeUndefined();
  });

  it.each(['zh-TW', 'en'] as const)('gives the same customers back from the file Excel saves after opening it (%s)', (locale) => {
    const customers = [full, bare, rough, dashed, donor];
    const rows = readCustomerCsv(savedByExcel(customersCsv(customers, locale)));
    expect(rows.map((r) => r.problems)).toEqual(customers.map(() => []));
    expect(rows.map((r) => r.input)).toEqual(customers.map(editable));
  });

  it('gives the same customers back from the file as exported, digit codes and guarded text alike', () => {
    const rows = readCustomerCsv(customersCsv([dashed, donor], 'zh-TW'));
    expect(rows.map((r) => r.input)).toEqual([editable(dashed), editable(donor)]);
  });

  it('writes a file Excel opens as UTF-8, with the import template’s headers in the caller’s language', () => {
    const zh = customersCsv([full], 'zh-TW');
    expect(zh.startsWith('\uFEFF客戶編號,客戶名稱,聯絡人,電話,地址,')).toBe(true);
    expect(zh).toContain('新北市中和區中山路二段35巷3弄12之1號地下1樓,餐廳,月結,"=""22099131""",林記麵館,,09:00-11:00、14:30-17:00,週一、週日,3,20kg×3 押金3600、50kg×1,是,');
    expect(zh.endsWith(`"後門卸貨, 週日公休\n""狗會叫""",${full.location?.lat},${full.location?.lng}\r\n`)).toBe(true);
    expect(customersCsv([full], 'en')).toContain(',restaurant,monthly,"=""22099131""",林記麵館,,09:00-11:00/14:30-17:00,Mon/Sun,3,20kg×3 deposit3600/50kg×1,yes,');
  });

  it('writes a name a spreadsheet would run as a formula as plain text', () => {
    const risky = aCustomer().with({ name: '=HYPERLINK("http://x")' }).build();
    expect(customersCsv([risky], 'zh-TW')).toContain(`,"'=HYPERLINK(""http://x"")",`);
  });
});
