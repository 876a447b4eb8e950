import { exampleOf } from '../schema';
import { AMOUNT_ALLOWANCE_DESCRIPTION, allowanceSchema, type Allowance } from './allowance';
import { invoiceSchema, type Invoice, type InvoiceBuyer } from './invoice';
import { apportion, e0402Xml, escapeXml, f0401Lines, f0401Xml, f0501Xml, g0401Xml, g0501Xml, MIG_VERSION, migXml, taipeiDateTime, TURNKEY_FOLDERS, turnkeyFileName, unitPriceOf } from './mig';
import { allowanceCancelUpload, allowanceUpload, applyResult, blankUpload, isOverdue, issueUpload, markDelivered, uploadFile, uploadMessage, voidUpload } from './mig-upload';
import type { InvoiceSeller } from './proof';
import { b2bAmounts, b2bAmountsFromTotal, b2cAmounts } from './tax';

const SELLER: InvoiceSeller = { taxId: '24536806', name: '幸福氣瓦斯行', address: '新北市中和區景平路100號' };
const b2b = invoiceSchema.parse(exampleOf(invoiceSchema));
const b2c = (buyer: InvoiceBuyer): Invoice => ({ ...b2b, kind: 'B2C', buyer, amounts: { salesAmount: 1676, taxAmount: 84, totalAmount: 1760 } });

/**
 * The element paths of a document in order, checking along the way that it is well formed as far as tags go (every
 * element closed in order, one root). No XML parser is installed in the repository, and the structure is all we ask of it.
 */
function elementPaths(xml: string): string[] {
  const paths: string[] = [];
  const open: string[] = [];
  for (const [, closing, name] of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z][\w]*)[^>]*>/g)) {
    if (closing) {
      expect(open.pop()).toBe(name);
    } else {
      open.push(name!);
      paths.push(open.join('/'));
    }
  }
  expect(open).toEqual([]);
  return paths;
}
const textOf = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
const textsOf = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
const numbersOf = (xml: string, name: string): number[] => textsOf(xml, name).map(Number);

/** F0401 MIG 4.1 Main elements in XSD sequence order (see the sources cited in mig.ts); optional ones marked by the case. */
const F0401_MAIN_ORDER = ['InvoiceNumber', 'InvoiceDate', 'InvoiceTime', 'Seller', 'Buyer', 'InvoiceType', 'DonateMark', 'CarrierType', 'CarrierId1', 'CarrierId2', 'PrintMark', 'NPOBAN', 'RandomNumber'];
const mainElements = (xml: string) => elementPaths(xml).filter((p) => /^Invoice\/Main\/\w+$/.test(p)).map((p) => p.split('/')[2]!);
const inSequence = (names: string[]) => names.every((n, i) => i === 0 || F0401_MAIN_ORDER.indexOf(names[i - 1]!) < F0401_MAIN_ORDER.indexOf(n));

describe('F0401 (開立發票)', () => {
  it('writes a B2B invoice with the buyer’s 統一編號, the tax split and a printed copy, in MIG 4.1’s element order', () => {
    const xml = f0401Xml(b2b, SELLER);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Invoice xmlns="urn:GEINV:eInvoiceMessage:F0401:4.1">/);
    expect(elementPaths(xml)).toEqual([
      'Invoice',
      'Invoice/Main',
      'Invoice/Main/InvoiceNumber',
      'Invoice/Main/InvoiceDate',
      'Invoice/Main/InvoiceTime',
      'Invoice/Main/Seller',
      'Invoice/Main/Seller/Identifier',
      'Invoice/Main/Seller/Name',
      'Invoice/Main/Seller/Address',
      'Invoice/Main/Buyer',
      'Invoice/Main/Buyer/Identifier',
      'Invoice/Main/Buyer/Name',
      'Invoice/Main/InvoiceType',
      'Invoice/Main/DonateMark',
      'Invoice/Main/PrintMark',
      'Invoice/Main/RandomNumber',
      'Invoice/Details',
      'Invoice/Details/ProductItem',
      'Invoice/Details/ProductItem/Description',
      'Invoice/Details/ProductItem/Quantity',
      'Invoice/Details/ProductItem/UnitPrice',
      'Invoice/Details/ProductItem/TaxType',
      'Invoice/Details/ProductItem/Amount',
      'Invoice/Details/ProductItem/SequenceNumber',
      'Invoice/Amount',
      'Invoice/Amount/SalesAmount',
      'Invoice/Amount/FreeTaxSalesAmount',
      'Invoice/Amount/ZeroTaxSalesAmount',
      'Invoice/Amount/TaxType',
      'Invoice/Amount/TaxRate',
      'Invoice/Amount/TaxAmount',
      'Invoice/Amount/TotalAmount',
    ]);
    expect(textOf(xml, 'InvoiceNumber')).toBe('AB12345678');
    // Issued 2026-11-28T06:12:00Z: 14:12 in Taipei.
    expect(textOf(xml, 'InvoiceDate')).toBe('20261128');
    expect(textOf(xml, 'InvoiceTime')).toBe('14:12:00');
    expect(xml).toContain('<Buyer>\n      <Identifier>22099131</Identifier>\n      <Name>林記麵館</Name>');
    expect(xml).toContain('<Identifier>24536806</Identifier>');
    expect(textOf(xml, 'InvoiceType')).toBe('07');
    expect(textOf(xml, 'DonateMark')).toBe('0');
    expect(textOf(xml, 'PrintMark')).toBe('Y');
    expect(textOf(xml, 'RandomNumber')).toBe('0427');
    expect(textOf(xml, 'SequenceNumber')).toBe('001');
    // The line without tax: 2 × NT$880 charged is 1676 untaxed, 838 each.
    expect(textOf(xml, 'Quantity')).toBe('2');
    expect(textOf(xml, 'UnitPrice')).toBe('838');
    expect(numbersOf(xml, 'Amount')).toEqual([1676]);
    expect(numbersOf(xml, 'TaxType')).toEqual([1, 1]);
    expect(textOf(xml, 'SalesAmount')).toBe('1676');
    expect(textOf(xml, 'TaxRate')).toBe('0.05');
    expect(textOf(xml, 'TaxAmount')).toBe('84');
    expect(textOf(xml, 'TotalAmount')).toBe('1760');
  });

  it('writes a B2C invoice to a mobile barcode with ten zeros for the buyer, the carrier twice, not printed, and no tax of its own', () => {
    const xml = f0401Xml(b2c({ type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC+123' }), SELLER);
    const main = mainElements(xml);
    expect(main).toEqual(['InvoiceNumber', 'InvoiceDate', 'InvoiceTime', 'Seller', 'Buyer', 'InvoiceType', 'DonateMark', 'CarrierType', 'CarrierId1', 'CarrierId2', 'PrintMark', 'RandomNumber']);
    expect(inSequence(main)).toBe(true);
    expect(xml).toContain('<Identifier>0000000000</Identifier>');
    expect(textOf(xml, 'CarrierType')).toBe('3J0002');
    expect(textOf(xml, 'CarrierId1')).toBe('/ABC+123');
    expect(textOf(xml, 'CarrierId2')).toBe('/ABC+123');
    expect(textOf(xml, 'PrintMark')).toBe('N');
    expect(textOf(xml, 'SalesAmount')).toBe('1760');
    expect(textOf(xml, 'TaxAmount')).toBe('0');
    expect(textOf(xml, 'TotalAmount')).toBe('1760');
  });

  it('names a 自然人憑證 carrier CQ0001', () => {
    const xml = f0401Xml(b2c({ type: 'carrier', carrierType: 'citizen', carrierCode: 'AB12345678901234' }), SELLER);
    expect(textOf(xml, 'CarrierType')).toBe('CQ0001');
    expect(textOf(xml, 'CarrierId1')).toBe('AB12345678901234');
  });

  it('marks a donation with DonateMark 1 and the 愛心碼 as NPOBAN after PrintMark, not printed', () => {
    const xml = f0401Xml(b2c({ type: 'donation', loveCode: '168001' }), SELLER);
    const main = mainElements(xml);
    expect(main.slice(-4)).toEqual(['DonateMark', 'PrintMark', 'NPOBAN', 'RandomNumber']);
    expect(inSequence(main)).toBe(true);
    expect(textOf(xml, 'DonateMark')).toBe('1');
    expect(textOf(xml, 'PrintMark')).toBe('N');
    expect(textOf(xml, 'NPOBAN')).toBe('168001');
    expect(xml).not.toContain('<CarrierType>');
  });

  it('prints a B2C invoice asked for on paper, with neither carrier nor donation', () => {
    const xml = f0401Xml(b2c({ type: 'print' }), SELLER);
    expect(textOf(xml, 'PrintMark')).toBe('Y');
    expect(textOf(xml, 'DonateMark')).toBe('0');
    expect(xml).not.toMatch(/<CarrierType>|<NPOBAN>/);
    expect(xml).toContain(`<Name>${b2b.customer.name}</Name>`);
  });

  it('numbers several lines 001, 002 in order', () => {
    const lines = [
      { description: '液化石油氣 20公斤', quantity: 1, unitPrice: 880, amount: 880 },
      { description: '液化石油氣 50公斤', quantity: 2, unitPrice: 2000, amount: 4000 },
    ];
    const xml = f0401Xml({ ...b2b, lines }, SELLER);
    expect([...xml.matchAll(/<SequenceNumber>(\d+)<\/SequenceNumber>/g)].map((m) => m[1])).toEqual(['001', '002']);
    expect([...xml.matchAll(/<Description>([^<]+)<\/Description>/g)].map((m) => m[1])).toEqual(['液化石油氣 20公斤', '液化石油氣 50公斤']);
  });

  it('escapes the XML specials in names and descriptions, so a title like 「A&B <股>」 stays one text node', () => {
    const xml = f0401Xml({ ...b2b, buyer: { type: 'business', taxId: '22099131', title: `A&B <股> "林" 's` } }, { ...SELLER, name: 'X&Y' });
    expect(xml).toContain('<Name>A&amp;B &lt;股&gt; &quot;林&quot; &apos;s</Name>');
    expect(xml).toContain('<Name>X&amp;Y</Name>');
    expect(() => elementPaths(xml)).not.toThrow();
  });
});

/** A B2B invoice of the given lines, made out as the product issues one: the whole untaxed sales whose 5 % makes the total. */
const b2bOf = (lines: Invoice['lines']): Invoice => ({ ...b2b, lines, amounts: b2bAmountsFromTotal(lines.reduce((s, l) => s + l.amount, 0)) });
const line = (quantity: number, unitPrice: number): Invoice['lines'][number] => ({ description: '液化石油氣 20公斤', quantity, unitPrice, amount: quantity * unitPrice });
/** Each ProductItem's quantity, unit price and amount, as written. */
const items = (xml: string) => {
  const quantities = numbersOf(xml, 'Quantity');
  const prices = numbersOf(xml, 'UnitPrice');
  // The Amount block is a container (its children on their own lines), so only the lines' Amount elements carry text.
  const amounts = numbersOf(xml, 'Amount');
  return quantities.map((quantity, i) => ({ quantity, unitPrice: prices[i]!, amount: amounts[i]! }));
};
/** MIG 4.1's check of a line: unit price × quantity is the amount, to the unit price's 7 decimals. */
const expectPriceTimesQuantity = ({ quantity, unitPrice, amount }: { quantity: number; unitPrice: number; amount: number }) => {
  expect(Math.round(unitPrice * quantity)).toBe(amount);
  expect(Math.abs(unitPrice * quantity - amount)).toBeLessThanOrEqual(quantity * 5e-8 + 1e-9);
};

describe('F0401 amounts (MIG 4.1: unit price × quantity = amount, lines add up to the sales, the tax 5 % of them)', () => {
  it('states a B2B invoice’s lines without tax: the untaxed sales shared by the lines, each price × quantity its amount', () => {
    const invoice = b2bOf([line(1, 880), line(3, 700)]);
    expect(invoice.amounts).toEqual({ salesAmount: 2838, taxAmount: 142, totalAmount: 2980 });
    const xml = f0401Xml(invoice, SELLER);
    expect(items(xml)).toEqual([
      { quantity: 1, unitPrice: 838, amount: 838 },
      { quantity: 3, unitPrice: 666.6666667, amount: 2000 },
    ]);
    items(xml).forEach(expectPriceTimesQuantity);
    expect(Number(textOf(xml, 'SalesAmount'))).toBe(838 + 2000);
    expect(textOf(xml, 'TaxAmount')).toBe('142');
    expect(textOf(xml, 'TotalAmount')).toBe('2980');
  });

  it('keeps every B2B invoice consistent: lines add up to SalesAmount, price × quantity = amount, sales + tax = total, tax = round(5 %) but for the one total in 21 that has no such sales', () => {
    let irregular = 0;
    for (let a = 1; a <= 400; a++) {
      const lines = [line(3, a), line(1 + (a % 7), (a * 37) % 997)];
      const invoice = b2bOf(lines);
      const xml = f0401Xml(invoice, SELLER);
      const written = items(xml);
      written.forEach(expectPriceTimesQuantity);
      const sales = Number(textOf(xml, 'SalesAmount'));
      const tax = Number(textOf(xml, 'TaxAmount'));
      expect(written.reduce((s, l) => s + l.amount, 0)).toBe(sales);
      expect(written.every((l) => l.amount >= 0)).toBe(true);
      expect(sales + tax).toBe(Number(textOf(xml, 'TotalAmount')));
      expect(sales + tax).toBe(invoice.amounts.totalAmount);
      if (b2bAmounts(sales).totalAmount === invoice.amounts.totalAmount) expect(tax).toBe(Math.round(sales * 0.05));
      else {
        irregular++;
        expect(Math.abs(tax - Math.round(sales * 0.05))).toBe(1);
      }
    }
    expect(irregular).toBeGreaterThan(0);
  });

  it('states the invoice’s own split for a total no whole untaxed sales reaches (NT$31: 30 + 1, a dollar under round(5 %))', () => {
    const xml = f0401Xml(b2bOf([line(1, 31)]), SELLER);
    expect([textOf(xml, 'SalesAmount'), textOf(xml, 'TaxAmount'), textOf(xml, 'TotalAmount')]).toEqual(['30', '1', '31']);
    expect(items(xml)).toEqual([{ quantity: 1, unitPrice: 30, amount: 30 }]);
  });

  it('states a B2C invoice’s lines as charged, tax included, adding up to SalesAmount = the total, with no tax of its own', () => {
    const xml = f0401Xml({ ...b2c({ type: 'print' }), lines: [line(1, 880), line(3, 700)], amounts: b2cAmounts(2980) }, SELLER);
    expect(items(xml)).toEqual([
      { quantity: 1, unitPrice: 880, amount: 880 },
      { quantity: 3, unitPrice: 700, amount: 2100 },
    ]);
    items(xml).forEach(({ quantity, unitPrice, amount }) => expect(unitPrice * quantity).toBe(amount));
    expect([textOf(xml, 'SalesAmount'), textOf(xml, 'TaxAmount'), textOf(xml, 'TotalAmount')]).toEqual(['2980', '0', '2980']);
  });

  it('writes every line taxable (課稅別 1) at 5 %, as the invoice', () => {
    const xml = f0401Xml(b2bOf([line(1, 880), line(2, 2000)]), SELLER);
    expect(textsOf(xml, 'TaxType')).toEqual(['1', '1', '1']);
    expect(textOf(xml, 'TaxRate')).toBe('0.05');
    expect([textOf(xml, 'FreeTaxSalesAmount'), textOf(xml, 'ZeroTaxSalesAmount')]).toEqual(['0', '0']);
  });

  it('makes every B2C invoice exactly one of printed, on a carrier or donated (one with none goes to Turnkey’s ERR)', () => {
    const buyers: InvoiceBuyer[] = [
      { type: 'print' },
      { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC+123' },
      { type: 'carrier', carrierType: 'citizen', carrierCode: 'AB12345678901234' },
      { type: 'donation', loveCode: '168001' },
    ];
    for (const buyer of buyers) {
      const xml = f0401Xml(b2c(buyer), SELLER);
      const ways = [textOf(xml, 'PrintMark') === 'Y', textOf(xml, 'CarrierType') !== undefined, textOf(xml, 'DonateMark') === '1'];
      expect(ways.filter(Boolean)).toHaveLength(1);
    }
  });

  it('shares the untaxed sales among the lines in the order they were charged', () => {
    expect(f0401Lines(b2bOf([line(2, 880), line(1, 1), line(1, 880)])).map((l) => l.amount)).toEqual([1676, 1, 838]);
  });
});

describe('amount helpers', () => {
  it('apportions whole dollars by largest remainder: exact sum, none negative, the earlier line on a tie', () => {
    expect(apportion(142, [880, 2100])).toEqual([42, 100]);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(1676, [1760, 1])).toEqual([1675, 1]);
    expect(apportion(5, [0, 0])).toEqual([0, 5]);
    for (let total = 0; total < 200; total++) {
      const shares = apportion(total, [1, 7, 999, 3]);
      expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
      expect(shares.every((x) => x >= 0)).toBe(true);
    }
  });

  it('writes a unit price with as many decimals as it needs, at most 7, never as an exponent', () => {
    expect(unitPriceOf(1676, 2)).toBe('838');
    expect(unitPriceOf(2000, 3)).toBe('666.6666667');
    expect(unitPriceOf(5, 4)).toBe('1.25');
    expect(unitPriceOf(1, 100_000)).toBe('0.00001');
    expect(unitPriceOf(1, 30_000_000)).toBe('0');
  });

  it('names MIG 4.1 in every message’s namespace', () => {
    expect(MIG_VERSION).toBe('4.1');
    const cancel = { at: '2027-01-21T00:00:00.000Z', reason: '開錯' };
    const allowance = allowanceSchema.parse(exampleOf(allowanceSchema));
    for (const xml of [f0401Xml(b2b, SELLER), f0501Xml(b2b, cancel, SELLER), g0401Xml(allowance, SELLER), g0501Xml(allowance, cancel, SELLER)]) {
      expect(xml).toMatch(/ xmlns="urn:GEINV:eInvoiceMessage:(F0401|F0501|G0401|G0501):4\.1">/);
    }
  });
});

describe('F0501 (作廢發票)', () => {
  it('names the number, the invoice’s date, both parties and when and why it was voided, in order', () => {
    const xml = f0501Xml(b2b, { at: '2026-12-01T17:05:09.000Z', reason: '統一編號開錯，重新開立' }, SELLER);
    expect(xml).toMatch(/<CancelInvoice xmlns="urn:GEINV:eInvoiceMessage:F0501:4.1">/);
    expect(elementPaths(xml)).toEqual([
      'CancelInvoice',
      'CancelInvoice/CancelInvoiceNumber',
      'CancelInvoice/InvoiceDate',
      'CancelInvoice/BuyerId',
      'CancelInvoice/SellerId',
      'CancelInvoice/CancelDate',
      'CancelInvoice/CancelTime',
      'CancelInvoice/CancelReason',
    ]);
    expect(textOf(xml, 'CancelInvoiceNumber')).toBe('AB12345678');
    expect(textOf(xml, 'InvoiceDate')).toBe('20261128');
    expect(textOf(xml, 'BuyerId')).toBe('22099131');
    expect(textOf(xml, 'SellerId')).toBe('24536806');
    // 17:05 UTC on the 1st is 01:05 on the 2nd in Taipei.
    expect(textOf(xml, 'CancelDate')).toBe('20261202');
    expect(textOf(xml, 'CancelTime')).toBe('01:05:09');
    expect(textOf(xml, 'CancelReason')).toBe('統一編號開錯，重新開立');
  });

  it('gives a consumer’s invoice ten zeros as BuyerId and keeps the reason within MIG’s 20 characters', () => {
    const xml = f0501Xml(b2c({ type: 'print' }), { at: '2026-12-01T00:00:00.000Z', reason: '一二三四五六七八九十一二三四五六七八九十超出' }, SELLER);
    expect(textOf(xml, 'BuyerId')).toBe('0000000000');
    expect(textOf(xml, 'CancelReason')).toBe('一二三四五六七八九十一二三四五六七八九十');
  });
});

/** The example allowance: B2B, one returned 20 kg cylinder of invoice AB12345678 (880 = 838 + 42 tax), 20 Jan 2027. */
const b2bAllowance = allowanceSchema.parse(exampleOf(allowanceSchema));
const b2cAllowance: Allowance = {
  ...b2bAllowance,
  kind: 'B2C',
  buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC+123' },
  customer: { id: 'cust-0002', code: 'C0002', name: '王小姐' },
  lines: [
    { description: '液化石油氣 20公斤', quantity: 1, unitPrice: 880, amount: 880, invoiceLine: 0 },
    { description: '液化石油氣 50公斤', quantity: 3, unitPrice: 700, amount: 2100, invoiceLine: 1 },
  ],
  amounts: b2cAmounts(2980),
};

describe('G0401 (開立折讓證明單)', () => {
  it('writes a B2B allowance: its number and Taipei date, both parties, the seller’s 通知單 type, each line against the original invoice, in the XSD’s order', () => {
    const xml = g0401Xml(b2bAllowance, SELLER);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Allowance xmlns="urn:GEINV:eInvoiceMessage:G0401:4.1">/);
    expect(elementPaths(xml)).toEqual([
      'Allowance',
      'Allowance/Main',
      'Allowance/Main/AllowanceNumber',
      'Allowance/Main/AllowanceDate',
      'Allowance/Main/Seller',
      'Allowance/Main/Seller/Identifier',
      'Allowance/Main/Seller/Name',
      'Allowance/Main/Seller/Address',
      'Allowance/Main/Buyer',
      'Allowance/Main/Buyer/Identifier',
      'Allowance/Main/Buyer/Name',
      'Allowance/Main/AllowanceType',
      'Allowance/Details',
      'Allowance/Details/ProductItem',
      'Allowance/Details/ProductItem/OriginalInvoiceDate',
      'Allowance/Details/ProductItem/OriginalInvoiceNumber',
      'Allowance/Details/ProductItem/OriginalDescription',
      'Allowance/Details/ProductItem/Quantity',
      'Allowance/Details/ProductItem/Unit',
      'Allowance/Details/ProductItem/UnitPrice',
      'Allowance/Details/ProductItem/Amount',
      'Allowance/Details/ProductItem/Tax',
      'Allowance/Details/ProductItem/AllowanceSequenceNumber',
      'Allowance/Details/ProductItem/TaxType',
      'Allowance/Amount',
      'Allowance/Amount/TaxAmount',
      'Allowance/Amount/TotalAmount',
    ]);
    expect(textOf(xml, 'AllowanceNumber')).toBe('AL202701200001');
    // Issued 2027-01-20T03:00Z, 11:00 in Taipei; the invoice 2026-11-28T06:12Z, 14:12 in Taipei.
    expect(textOf(xml, 'AllowanceDate')).toBe('20270120');
    expect(textOf(xml, 'OriginalInvoiceDate')).toBe('20261128');
    expect(textOf(xml, 'OriginalInvoiceNumber')).toBe('AB12345678');
    expect(xml).toContain('<Seller>\n      <Identifier>24536806</Identifier>\n      <Name>幸福氣瓦斯行</Name>\n      <Address>新北市中和區景平路100號</Address>');
    expect(xml).toContain('<Buyer>\n      <Identifier>22099131</Identifier>\n      <Name>林記麵館</Name>');
    expect(textOf(xml, 'AllowanceType')).toBe('2');
    expect(textOf(xml, 'OriginalDescription')).toBe('液化石油氣 20公斤');
    expect(textOf(xml, 'Quantity')).toBe('1');
    expect(textOf(xml, 'Unit')).toBe('桶');
    // Tax excluded: 880 tax-included is 838 + 42.
    expect(textOf(xml, 'UnitPrice')).toBe('838');
    expect(textOf(xml, 'Amount')).toBe('838');
    expect(textOf(xml, 'Tax')).toBe('42');
    expect(textOf(xml, 'AllowanceSequenceNumber')).toBe('001');
    expect(textOf(xml, 'TaxType')).toBe('1');
    expect(textOf(xml, 'TaxAmount')).toBe('42');
    expect(textOf(xml, 'TotalAmount')).toBe('838');
  });

  it('writes a B2C allowance with ten zeros and the consumer’s name, its tax stated and shared by the lines so they add up to the allowance exactly', () => {
    const xml = g0401Xml(b2cAllowance, SELLER);
    expect(xml).toContain('<Buyer>\n      <Identifier>0000000000</Identifier>\n      <Name>王小姐</Name>');
    expect(b2cAllowance.amounts).toEqual({ salesAmount: 2838, taxAmount: 142, totalAmount: 2980 });
    const amounts = numbersOf(xml, 'Amount');
    const taxes = numbersOf(xml, 'Tax');
    expect(taxes).toEqual([42, 100]);
    expect(amounts).toEqual([838, 2000]);
    expect(taxes.reduce((s, t) => s + t, 0)).toBe(Number(textOf(xml, 'TaxAmount')));
    expect(amounts.reduce((s, a) => s + a, 0)).toBe(Number(textOf(xml, 'TotalAmount')));
    expect(textOf(xml, 'UnitPrice')).toBe('838');
    expect(numbersOf(xml, 'UnitPrice')).toEqual([838, 666.6666667]);
    expect([...xml.matchAll(/<AllowanceSequenceNumber>(\d+)<\/AllowanceSequenceNumber>/g)].map((m) => m[1])).toEqual(['001', '002']);
  });

  it('gives every line its 單位: 桶 for cylinders, 式 for an allowance given as an amount', () => {
    expect([...g0401Xml(b2cAllowance, SELLER).matchAll(/<Unit>(.+?)<\/Unit>/g)].map((m) => m[1])).toEqual(['桶', '桶']);
    const byAmount: Allowance = { ...b2bAllowance, lines: [{ description: AMOUNT_ALLOWANCE_DESCRIPTION, quantity: 1, unitPrice: 880, amount: 880 }] };
    expect(textOf(g0401Xml(byAmount, SELLER), 'Unit')).toBe('式');
  });
});

describe('G0501 (作廢折讓證明單)', () => {
  it('names the allowance’s number, the seller’s 通知單 type, its date, both parties and when and why it was cancelled, in order, the reason within 20 characters', () => {
    const xml = g0501Xml(b2cAllowance, { at: '2027-01-20T16:30:00.000Z', reason: '折讓金額開錯，重新開立，請見新的折讓證明單' }, SELLER);
    expect(xml).toMatch(/<CancelAllowance xmlns="urn:GEINV:eInvoiceMessage:G0501:4.1">/);
    expect(elementPaths(xml)).toEqual([
      'CancelAllowance',
      'CancelAllowance/CancelAllowanceNumber',
      'CancelAllowance/AllowanceType',
      'CancelAllowance/AllowanceDate',
      'CancelAllowance/BuyerId',
      'CancelAllowance/SellerId',
      'CancelAllowance/CancelDate',
      'CancelAllowance/CancelTime',
      'CancelAllowance/CancelReason',
    ]);
    expect(textOf(xml, 'CancelAllowanceNumber')).toBe('AL202701200001');
    expect(textOf(xml, 'AllowanceType')).toBe('2');
    expect(textOf(xml, 'AllowanceDate')).toBe('20270120');
    expect(textOf(xml, 'BuyerId')).toBe('0000000000');
    expect(textOf(xml, 'SellerId')).toBe('24536806');
    expect(textOf(xml, 'CancelDate')).toBe('20270121');
    expect(textOf(xml, 'CancelTime')).toBe('00:30:00');
    expect(textOf(xml, 'CancelReason')).toBe('折讓金額開錯，重新開立，請見新的折讓證明');
  });

  it('gives a business buyer’s 統一編號 as BuyerId', () => {
    expect(textOf(g0501Xml(b2bAllowance, { at: '2027-01-21T00:00:00.000Z', reason: '開錯' }, SELLER), 'BuyerId')).toBe('22099131');
  });
});

describe('Turnkey hand-over', () => {
  it('names a file per message and number, in the message’s UpCast folder', () => {
    expect(turnkeyFileName('F0401', 'AB12345678')).toBe('F0401_AB12345678.xml');
    expect(turnkeyFileName('G0401', 'AL202701200001')).toBe('G0401_AL202701200001.xml');
    expect(TURNKEY_FOLDERS).toEqual({
      F0401: 'B2SSTORAGE/F0401/SRC',
      F0501: 'B2SSTORAGE/F0501/SRC',
      G0401: 'B2SSTORAGE/G0401/SRC',
      G0501: 'B2SSTORAGE/G0501/SRC',
      // Turnkey scans the E messages under B2PMESSAGE, not B2SSTORAGE.
      E0402: 'B2PMESSAGE/E0402/SRC',
    });
  });

  it('reads instants as Taipei date and time', () => {
    expect(taipeiDateTime('2026-12-31T16:30:00.000Z')).toEqual({ date: '20270101', time: '00:30:00' });
  });

  it('escapes and drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0000b\u0007c&')).toBe('abc&amp;');
  });
});

describe('E0402 空白未使用字軌號碼', () => {
  const blank = { period: '2026-11/12', track: 'LG', ranges: [{ from: 412, to: 412 }, { from: 4988, to: 4999 }] };

  it('writes BranchTrackBlank: the seller as head office and branch, 07, the ROC year and even month, the 字軌, and each run as 8 digits', () => {
    expect(e0402Xml(blank, SELLER)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<BranchTrackBlank xmlns="urn:GEINV:eInvoiceMessage:E0402:${MIG_VERSION}">`,
        '  <Main>',
        '    <HeadBan>24536806</HeadBan>',
        '    <BranchBan>24536806</BranchBan>',
        '    <InvoiceType>07</InvoiceType>',
        '    <YearMonth>11512</YearMonth>',
        '    <InvoiceTrack>LG</InvoiceTrack>',
        '  </Main>',
        '  <Details>',
        '    <BranchTrackBlankItem>',
        '      <InvoiceBeginNo>00000412</InvoiceBeginNo>',
        '      <InvoiceEndNo>00000412</InvoiceEndNo>',
        '    </BranchTrackBlankItem>',
        '    <BranchTrackBlankItem>',
        '      <InvoiceBeginNo>00004988</InvoiceBeginNo>',
        '      <InvoiceEndNo>00004999</InvoiceEndNo>',
        '    </BranchTrackBlankItem>',
        '  </Details>',
        '</BranchTrackBlank>',
        '',
      ].join('\n'),
    );
  });

  it('is one record per 字軌 and period, named by both (the letters come back in other years), about no invoice', () => {
    const upload = blankUpload(blank, new Date('2026-12-31T22:00:00Z'));
    expect(upload).toEqual({ id: 'E0402-LG11512', messageType: 'E0402', status: 'pending', createdAt: '2026-12-31T22:00:00.000Z', blank });
    expect(uploadFile(upload, SELLER)).toMatchObject({ fileName: 'E0402_LG11512.xml', xml: e0402Xml(blank, SELLER) });
    expect(() => uploadMessage({ ...upload, blank: undefined })).toThrow('E0402-LG11512 carries no blank');
  });
});

describe('upload records', () => {
  const now = new Date('2026-11-28T06:12:00.000Z');
  const later = (hours: number) => new Date(now.getTime() + hours * 3600_000);

  it('builds an F0401 record per issued invoice and an F0501 per void, each turned into its XML', () => {
    const issued = issueUpload(b2b, now);
    expect(issued).toMatchObject({ id: 'F0401-AB12345678', messageType: 'F0401', invoiceId: b2b.id, status: 'pending', createdAt: now.toISOString() });
    expect(migXml(uploadMessage(issued), SELLER)).toBe(f0401Xml(b2b, SELLER));
    const voided = voidUpload(b2b, '開錯', later(1));
    expect(voided).toMatchObject({ id: 'F0501-AB12345678', messageType: 'F0501', cancel: { at: later(1).toISOString(), reason: '開錯' } });
    expect(migXml(uploadMessage(voided), SELLER)).toBe(f0501Xml(b2b, { at: later(1).toISOString(), reason: '開錯' }, SELLER));
  });

  it('builds a G0401 record per allowance and a G0501 per cancel, named by the allowance’s number, each with its Turnkey file', () => {
    const issued = allowanceUpload(b2b, b2bAllowance, now);
    expect(issued).toMatchObject({ id: 'G0401-AL202701200001', messageType: 'G0401', invoiceId: b2b.id, invoiceNumber: 'AB12345678', status: 'pending', allowance: b2bAllowance });
    expect(uploadFile(issued, SELLER)).toMatchObject({ id: issued.id, fileName: 'G0401_AL202701200001.xml', xml: g0401Xml(b2bAllowance, SELLER) });
    const cancelled = allowanceCancelUpload({ invoice: b2b, allowance: b2bAllowance }, '開錯', later(1));
    expect(cancelled).toMatchObject({ id: 'G0501-AL202701200001', messageType: 'G0501', cancel: { at: later(1).toISOString(), reason: '開錯' } });
    expect(uploadFile(cancelled, SELLER)).toMatchObject({ fileName: 'G0501_AL202701200001.xml', xml: g0501Xml(b2bAllowance, { at: later(1).toISOString(), reason: '開錯' }, SELLER) });
    expect(uploadFile(issueUpload(b2b, now), SELLER)).toMatchObject({ fileName: 'F0401_AB12345678.xml', xml: f0401Xml(b2b, SELLER) });
    expect(() => uploadMessage({ ...issued, allowance: undefined })).toThrow('G0401-AL202701200001 carries no allowance');
  });

  it('moves pending → delivered → accepted or rejected once; a repeat changes nothing', () => {
    const pending = issueUpload(b2b, now);
    const delivered = markDelivered(pending, later(1))!;
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: later(1).toISOString() });
    expect(markDelivered(delivered, later(2))).toBeNull();
    const rejected = applyResult(delivered, { id: delivered.id, status: 'rejected', error: 'E0401 發票不存在' }, later(3))!;
    expect(rejected).toMatchObject({ status: 'rejected', error: 'E0401 發票不存在', resultAt: later(3).toISOString() });
    expect(applyResult(rejected, { id: rejected.id, status: 'accepted' }, later(4))).toBeNull();
    expect(applyResult(pending, { id: pending.id, status: 'accepted' }, later(1))).toMatchObject({ status: 'accepted' });
  });

  it('is overdue once pending or delivered for more than 24 hours, never once decided', () => {
    const pending = issueUpload(b2b, now);
    expect(isOverdue(pending, later(24))).toBe(false);
    expect(isOverdue(pending, later(24.1))).toBe(true);
    expect(isOverdue(markDelivered(pending, later(1))!, later(25))).toBe(true);
    expect(isOverdue(applyResult(pending, { id: pending.id, status: 'accepted' }, later(1))!, later(48))).toBe(false);
  });
});
