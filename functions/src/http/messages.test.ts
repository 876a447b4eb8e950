import { statementMonthSchema } from '../domain/billing/statement';
import { closureDetails } from '../domain/closures';
import { domainMessages } from '../domain/messages';
import { calendarDateSchema, moneySchema, z } from '../domain/schema';
import { zodErrorMaps } from './endpoint';
import { LIST, MONEY, messageFor } from './messages';

describe('messageFor', () => {
  const closed = { ...closureDetails({ name: '春節', from: '2027-02-05', to: '2027-02-09' }), reopens: '2027-02-10', path: 'requestedDate', audience: 'others' };

  it('fills placeholders from the details, calendar dates as M/D and a pair of them as a range, in the caller’s language', () => {
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'zh-TW', 'fallback', closed)).toBe('春節（2/5–2/9）不配送，2/10 起恢復配送，請選擇其他日期');
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'en', 'fallback', closed)).toBe('We are closed 2/5–2/9 (春節) and deliver again from 2/10; please choose another day');
  });

  it('tells office staff refused a closed day that they may deliver through it (緊急配送), and nobody else', () => {
    const toStaff = { ...closed, audience: 'staff' };
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'zh-TW', 'fallback', toStaff)).toBe('春節（2/5–2/9）不配送，2/10 起恢復配送，請選擇其他日期；如須當天送達，請勾選「仍要緊急配送」並說明原因');
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'en', 'fallback', toStaff)).toBe(
      'We are closed 2/5–2/9 (春節) and deliver again from 2/10; please choose another day; to deliver that day anyway, tick “Deliver anyway (emergency delivery)” and say why',
    );
  });

  it('names a one-day closure by its day alone, and a name that says 休息 once', () => {
    const oneDay = { ...closureDetails({ name: '盤點休息', from: '2026-12-02', to: '2026-12-02' }), reopens: '2026-12-03', audience: 'others' };
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'zh-TW', 'fallback', oneDay)).toBe('盤點休息（12/2）不配送，12/3 起恢復配送，請選擇其他日期');
    expect(messageFor('CLOSURE.OVERLAPS', 'en', 'fallback', oneDay)).toBe('Overlaps 盤點休息 (12/2)');
  });

  it('names the districts of a closure that holds there only, after its name as the screens do, in every text about a closure', () => {
    const typhoon = { ...closureDetails({ name: '颱風假', from: '2026-12-01', to: '2026-12-01', districts: ['烏來區', '坪林區'] }), reopens: '2026-12-02', audience: 'staff' };
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'zh-TW', 'fallback', typhoon)).toBe(
      '颱風假（烏來區、坪林區）（12/1）不配送，12/2 起恢復配送，請選擇其他日期；如須當天送達，請勾選「仍要緊急配送」並說明原因',
    );
    expect(messageFor('ORDER.BUSINESS_CLOSED', 'en', 'fallback', { ...typhoon, audience: 'others' })).toBe(
      'We are closed 12/1 (颱風假 in 烏來區, 坪林區) and deliver again from 12/2; please choose another day',
    );
    expect(messageFor('CLOSURE.OVERLAPS', 'zh-TW', 'fallback', typhoon)).toBe('與「颱風假（烏來區、坪林區）」（12/1）重疊');
    expect(messageFor('ROUTE.CLOSED_DAY', 'zh-TW', 'fallback', { ...typhoon, count: 1, customers: '王小姐' })).toMatch(/^颱風假（烏來區、坪林區）（12\/1）不配送：/);
  });

  it('leaves a placeholder it has no detail for, and falls back for an unknown code', () => {
    expect(messageFor('CLOSURE.OVERLAPS', 'en', 'fallback', { name: '盤點', scope: 'company' })).toBe('Overlaps 盤點 ({days})');
    expect(messageFor('NO.SUCH_CODE', 'en', 'fallback', closed)).toBe('fallback');
    expect(messageFor('ORDER.NOT_FOUND', 'zh-TW', 'fallback')).toBe('找不到訂單');
  });
});

describe('messageFor with money', () => {
  it('writes an amount as every screen writes money, with thousands separators, in both languages', () => {
    expect(messageFor('REFUND.EXCEEDS_CREDIT', 'zh-TW', 'fallback', { amount: 3901, credit: 3900 })).toBe('退款 NT$3,901 超過應退還客戶的 NT$3,900');
    expect(messageFor('INVOICE.ALLOWANCE_EXCEEDS_INVOICE', 'en', 'fallback', { remaining: 2040 })).toBe('The allowance exceeds the NT$2,040 left on the invoice');
    expect(messageFor('DEPOSIT.REFUND_EXCEEDS_HELD', 'zh-TW', 'fallback', { amount: 12000, size: 20, held: 3600 })).toBe('退還押金 NT$12,000 超過 20 公斤鋼瓶目前收取的押金 NT$3,600');
  });

  it('says what is wrong with an amount in the office’s words, not zod’s, whatever the parse’s error map', () => {
    const said = (value: unknown, locale: 'zh-TW' | 'en') =>
      (moneySchema.safeParse(value, { error: zodErrorMaps[locale] }).error?.issues ?? []).map((i) => messageFor(i.message, locale, i.message));
    expect(said(10.5, 'zh-TW')).toEqual(['金額須為整數新台幣元，不含小數']);
    expect(said(-5, 'zh-TW')).toEqual(['金額不可為負數']);
    expect(said(-5, 'en')).toEqual(['An amount cannot be negative']);
    expect(said(1200, 'zh-TW')).toEqual([]);
  });

  it('says what is wrong with a count, a capacity or a coordinate in the office’s words, not zod’s 「數值過小：預期 number 應為 >=1」', () => {
    const field = z.object({ count: z.number().int().min(1).max(20_000), lat: z.number().min(21.8).max(26.4), share: z.number().positive().lt(1) });
    const said = (value: unknown, locale: 'zh-TW' | 'en') =>
      (field.safeParse(value, { error: zodErrorMaps[locale] }).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${messageFor(i.message, locale, i.message)}`);
    expect(said({ count: 0, lat: 30, share: 0 }, 'zh-TW')).toEqual(['count: 不可小於 1', 'lat: 不可大於 26.4', 'share: 須大於 0']);
    expect(said({ count: 25_000, lat: 25, share: 1 }, 'zh-TW')).toEqual(['count: 不可大於 20,000', 'share: 須小於 1']);
    expect(said({ count: 2.5, lat: '25', share: 0.5 }, 'zh-TW')).toEqual(['count: 須為整數，不含小數', 'lat: 請填寫數字']);
    expect(said({ count: 0, share: 0.5 }, 'en')).toEqual(['count: Enter at least 1', 'lat: Enter a number']);
    expect(said({ count: 3, lat: 25, share: 0.5 }, 'zh-TW')).toEqual([]);
  });

  it('says a field left out is required, not zod’s 「預期為 string，但收到 undefined」, and a date or month left out how to write one', () => {
    const field = z.object({ customerId: z.string(), on: calendarDateSchema, month: statementMonthSchema });
    const said = (locale: 'zh-TW' | 'en') =>
      (field.safeParse({}, { error: zodErrorMaps[locale] }).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${messageFor(i.message, locale, i.message)}`);
    expect(said('zh-TW')).toEqual(['customerId: 此欄位必填', 'on: 請填寫日期，格式為 YYYY-MM-DD（例如 2026-11-30）', 'month: 月份格式須為 YYYY-MM（例如 2026-11）']);
    expect(said('en')).toEqual(['customerId: This field is required', 'on: Give a date as YYYY-MM-DD (e.g. 2026-11-30)', 'month: The month must be YYYY-MM (e.g. 2026-11)']);
  });

  it('says a text is too short, too long or empty in the office’s words, not zod’s 「數值過大：預期 string 應為 <=20 字元」', () => {
    const field = z.object({ q: z.string().trim().min(1).max(20), name: z.string().min(2) });
    const said = (value: unknown, locale: 'zh-TW' | 'en') =>
      (field.safeParse(value, { error: zodErrorMaps[locale] }).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${messageFor(i.message, locale, i.message)}`);
    expect(said({ q: 'x'.repeat(21), name: 'a' }, 'zh-TW')).toEqual(['q: 最多 20 個字', 'name: 至少 2 個字']);
    expect(said({ q: '  ', name: 'a' }, 'en')).toEqual(['q: This field is required', 'name: Enter at least 2 characters']);
    expect(said({ q: '王小明', name: '陳大' }, 'zh-TW')).toEqual([]);
  });

  it('keeps a field’s own code over the number words (a schema that says more, e.g. the truck’s capacity)', () => {
    const capacity = z.number().int().min(1, 'VEHICLE.CAPACITY_INVALID');
    expect(capacity.safeParse(0, { error: zodErrorMaps['zh-TW'] }).error?.issues[0]?.message).toBe('VEHICLE.CAPACITY_INVALID');
  });

  it('leaves no amount to be written raw: money in the texts goes through {…:money}', () => {
    const raw = Object.entries(domainMessages).filter(([, m]) => /NT\$\{|\{\w+\}\s*元/.test(`${m['zh-TW']} ${m.en}`));
    expect(raw.map(([code]) => code)).toEqual([]);
  });
});

describe('messageFor naming a code through the catalogue', () => {
  it('names the statuses of a refused change as the screens do, in the caller’s language', () => {
    const details = { id: 'ord-1', from: 'cancelled', to: 'confirmed', allowed: [] };
    expect(messageFor('ORDER.INVALID_TRANSITION', 'zh-TW', 'fallback', details)).toBe('這張訂單目前是「已取消」，無法改為「已確認」');
    expect(messageFor('ORDER.INVALID_TRANSITION', 'en', 'fallback', details)).toBe('This order is “Cancelled” and cannot become “Confirmed”');
  });

  it('shows the detail itself when the catalogue has no name for it', () => {
    expect(messageFor('ORDER.INVALID_TRANSITION', 'en', 'fallback', { from: 'archived', to: 'confirmed' })).toBe('This order is “archived” and cannot become “Confirmed”');
  });

  it('names each code of a list, written as a list: the items a service call found unsafe (停止供氣)', () => {
    const details = { since: '2026-11-27', items: ['hose', 'regulator'], audience: 'staff', source: 'serviceCall' };
    expect(messageFor('ORDER.SUPPLY_STOPPED', 'zh-TW', 'fallback', details)).toBe(
      '11/27 報修檢查發現瓦斯設備不安全（橡皮管（老化、長度、管束／安全夾）、調整器），已停止供氣，安全檢查合格前不能送瓦斯；請先安排安全檢查（只回收空瓶仍可建立）',
    );
    expect(messageFor('ORDER.SUPPLY_STOPPED', 'en', 'fallback', { ...details, audience: 'others' })).toBe(
      'A service visit on 11/27 found the gas installation unsafe (Hose (ageing, length, clips), Regulator), so the supply is stopped: no gas can be delivered until a safety inspection passes; we will call you to arrange the inspection. If it is urgent, please call us',
    );
  });

  it('says a safety inspection stopped the supply when one did, in the caller\'s language', () => {
    const details = { since: '2026-12-01', items: ['leakTest'], audience: 'staff', source: 'inspection' };
    expect(messageFor('ORDER.SUPPLY_STOPPED', 'zh-TW', 'fallback', details)).toBe(
      '12/1 安全檢查發現瓦斯設備不安全（漏氣測試（肥皂水或檢知器）），已停止供氣，安全檢查合格前不能送瓦斯；請先安排安全檢查（只回收空瓶仍可建立）',
    );
    expect(messageFor('ORDER.SUPPLY_STOPPED', 'en', 'fallback', details)).toMatch(/^A safety inspection on 12\/1 found the gas installation unsafe \(Leak test/);
  });

  it('names only prefixes the catalogue has entries under', () => {
    const prefixes = Object.values(domainMessages)
      .flatMap((m) => [...`${m['zh-TW']} ${m.en}`.matchAll(/\{\w+:([\w.]+)\}/g)].map((x) => x[1]))
      .filter((prefix) => prefix !== MONEY && prefix !== LIST);
    expect(prefixes.length).toBeGreaterThan(0);
    const codes = Object.keys(domainMessages);
    expect(prefixes.filter((prefix) => !codes.some((code) => code.startsWith(`${prefix}.`)))).toEqual([]);
  });
});

describe('messageFor with a count', () => {
  const forms = (text: string) => text.split('|').map((form) => form.trim());
  const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
  const entries = Object.entries(domainMessages);

  it('says one in the singular and more, or none, in the plural, counting a number, a number as text or a list', () => {
    expect(messageFor('IMPORT.HAS_INVALID_ROWS', 'en', 'fallback', { count: 1, lines: [4] })).toBe(
      '1 row is invalid, so nothing was imported; fix it or choose to skip it',
    );
    expect(messageFor('IMPORT.HAS_INVALID_ROWS', 'en', 'fallback', { count: 3, lines: [4, 5, 9] })).toBe(
      '3 rows are invalid, so nothing was imported; fix them or choose to skip them',
    );
    expect(messageFor('IMPORT.MISSING_COLUMNS', 'en', 'fallback', { columns: '電話', count: '1' })).toBe('The file lacks a required column: 電話');
    expect(messageFor('IMPORT.MISSING_COLUMNS', 'en', 'fallback', { columns: '地址、電話', count: '2' })).toBe('The file lacks required columns: 地址、電話');
    expect(messageFor('CYLINDER.ALREADY_REGISTERED', 'en', 'fallback', { serials: ['REG-1'], serialList: 'REG-1' })).toBe(
      'This serial is already registered; nothing was changed: REG-1',
    );
    expect(messageFor('STOCK.NOT_ENOUGH_FULL', 'en', 'fallback', { size: 50, have: 1, asked: 2 })).toBe('Not enough stock: 1 full 50 kg cylinder on hand, cannot take 2');
    expect(messageFor('STOCK.NOT_ENOUGH_EMPTY', 'en', 'fallback', { size: 20, have: 0, asked: 1 })).toBe('Not enough stock: 0 empty 20 kg cylinders on hand, cannot take 1');
    expect(messageFor('DEPOSIT.DOOR_EXCEEDS_DUE', 'en', 'fallback', { size: 20, dueCount: 1, count: 2 })).toBe(
      'After this delivery only 1 of the 20 kg cylinders lacks a deposit, not 2; the delivery was not recorded, report it again as it happened',
    );
  });

  it('answers zh-TW in its one form, whatever the count', () => {
    expect(messageFor('IMPORT.HAS_INVALID_ROWS', 'zh-TW', 'fallback', { count: 1 })).toBe('有 1 筆資料有誤，未匯入任何客戶；請修正後再匯入，或選擇略過有誤的資料');
    expect(messageFor('STOCK.NOT_ENOUGH_FULL', 'zh-TW', 'fallback', { size: 50, have: 3, asked: 5 })).toBe('庫存不足：50 公斤實瓶只有 3 支，無法減少 5 支');
  });

  it('counts with a detail exactly where English has two forms; zh-TW has one, naming what both English forms name', () => {
    expect(entries.filter(([, m]) => (m.countedBy !== undefined) !== m.en.includes('|') || forms(m.en).length > 2).map(([code]) => code)).toEqual([]);
    expect(entries.filter(([, m]) => m['zh-TW'].includes('|')).map(([code]) => code)).toEqual([]);
    const counted = entries.filter(([, m]) => m.countedBy !== undefined);
    expect(counted.filter(([, m]) => placeholders(m['zh-TW']).join() !== placeholders(m.en).join()).map(([code]) => code)).toEqual([]);
    expect(counted.map(([code]) => code).sort()).toEqual([
      'AUDIT.EXPORT_TOO_LARGE',
      'BOOKS.INVOICE_RUNS_DUE',
      'BOOKS.UNREISSUED_INVOICES',
      'BOOKS.UNSETTLED_DAYS',
      'CUSTOMER.BUYER_CHANGE_UNINVOICED',
      'CUSTOMER.ERASE_HAS_BRANCHES',
      'CUSTOMER.HAS_OPEN_ORDERS',
      'CUSTOMER.OPEN_SERVICE_CALLS',
      'CUSTOMER.ORDERS_ON_A_TRUCK',
      'CUSTOMER.PAYER_HAS_BRANCHES',
      'CUSTOMER.PAYER_UNINVOICED',
      'CUSTOMER.TRANSFER_DELIVERED_AFTER',
      'CUSTOMER.TRANSFER_HAS_BRANCHES',
      'CUSTOMER.TRANSFER_OPEN_BEFORE',
      'CUSTOMER.TRANSFER_OPEN_SERVICE_CALLS',
      'CUSTOMER.TRANSFER_ORDERS_ON_A_TRUCK',
      'CYLINDER.ALREADY_REGISTERED',
      'CYLINDER.BATCH_REFUSED',
      'DEPOSIT.ABOVE_STANDARD',
      'DEPOSIT.AT_BRANCH',
      'DEPOSIT.CYLINDERS_ON_SITE',
      'DEPOSIT.DOOR_AMOUNT_OUT_OF_RANGE',
      'DEPOSIT.DOOR_EXCEEDS_DUE',
      'IMPORT.HAS_INVALID_ROWS',
      'IMPORT.MISSING_COLUMNS',
      'IMPORT.TOO_MANY_ROWS',
      'ROUTE.CLOSED_DAY',
      'STOCK.MORE_BACK_THAN_AT_PLANT',
      'STOCK.NOT_ENOUGH_EMPTY',
      'STOCK.NOT_ENOUGH_FULL',
    ]);
  });

  it('reads every two-form text in its first form for one and its second for two', () => {
    const misread = entries.flatMap(([code, m]) => {
      const by = m.countedBy;
      if (by === undefined) return [];
      const [one = '', other = ''] = forms(m.en);
      const asIs = Object.fromEntries(placeholders(m.en).map((p) => [p, `{${p}}`]));
      const read = (count: number) => messageFor(code, 'en', 'fallback', { ...asIs, [by]: count });
      const fill = (form: string, count: number) => form.replaceAll(`{${by}}`, String(count));
      return read(1) === fill(one, 1) && read(2) === fill(other, 2) ? [] : [code];
    });
    expect(misread).toEqual([]);
  });
});
