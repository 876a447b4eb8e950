import { invoiceSchema as customerInvoiceSchema } from '../customers/customer';
import { exampleOf } from '../schema';
import { buyerOf, invoiceSchema, type Invoice, type InvoiceLine } from './invoice';
import { assertPrintable, invoiceProof, invoiceProofSchema, isPrintable, proofBarcode, proofPreview, proofQrCodes, QR_RIGHT_MAX_BYTES, recordPrint } from './proof';

const VERIFICATION = 'ehU8DinWePXYxFyQXuZf8g==';
const SELLER = { taxId: '24549210', name: '幸福氣瓦斯行' };
const line = (description: string, quantity: number, unitPrice: number): InvoiceLine => ({ description, quantity, unitPrice, amount: quantity * unitPrice });

/** The example invoice (B2B, 林記麵館, AB12345678, 2026-11-28 14:12 Taipei), changed as a test needs. */
const anInvoice = (changes: Partial<Invoice> = {}): Invoice => ({ ...invoiceSchema.parse(exampleOf(invoiceSchema)), ...changes });
const b2c = (changes: Partial<Invoice> = {}): Invoice =>
  anInvoice({ kind: 'B2C', buyer: { type: 'print' }, amounts: { salesAmount: 838, taxAmount: 42, totalAmount: 880 }, ...changes });

/**
 * The MOF's examples in 「電子發票證明聯一維及二維條碼規格說明」 v1.9 (as quoted by public implementations' golden tests):
 * barcode `10404UZ176908720122`; QR for AB11223344 of 102/05/23, 隨機碼 9999, sales 324 (0x144), total 340 (0x154),
 * B2C, seller 01234567, items 乾電池 1×105, 口罩 1×210, 牛奶 1×25: left
 * `AB112233441020523999900000144000001540000000001234567<24>:**********:3:3:1:乾電池:1:105:`, right `**口罩:1:210:牛奶:1:25`.
 */
describe('proof barcode and QR codes (MOF known answers)', () => {
  it('barcode: the period’s even month in ROC form, the number and the 隨機碼 (19 characters)', () => {
    expect(proofBarcode({ period: '2015-03/04', number: 'UZ17690872', randomNumber: '0122' })).toBe('10404UZ176908720122');
    expect(proofBarcode(anInvoice())).toBe('11512AB123456780427');
  });

  it('QR codes as the MOF example: figures, verification, counts, UTF-8, first item left, the rest right', () => {
    const qr = proofQrCodes(
      {
        number: 'AB11223344',
        randomNumber: '9999',
        issuedAt: '2013-05-23T04:30:00.000Z',
        amounts: { salesAmount: 324, taxAmount: 16, totalAmount: 340 },
        buyer: { type: 'print' },
        lines: [line('乾電池', 1, 105), line('口罩', 1, 210), line('牛奶', 1, 25)],
      },
      '01234567',
      VERIFICATION,
    );
    expect(qr.left).toBe(`AB112233441020523999900000144000001540000000001234567${VERIFICATION}:**********:3:3:1:乾電池:1:105:`);
    expect(qr.right).toBe('**口罩:1:210:牛奶:1:25');
  });

  it('B2B: the buyer’s 統一編號 in the left QR; one item leaves the right QR its marker only', () => {
    const qr = proofQrCodes(anInvoice(), SELLER.taxId, VERIFICATION);
    // 2026-11-28 Taipei = 1151128; sales 1676 = 0x68c, total 1760 = 0x6e0.
    expect(qr.left).toBe(`AB12345678115112804270000068c000006e02209913124549210${VERIFICATION}:**********:1:1:1:液化石油氣 20公斤:2:880`);
    expect(qr.right).toBe('**');
  });

  it('takes the date in Taipei: an invoice issued 2026-12-31T16:30Z is dated 115/01/01', () => {
    expect(proofQrCodes(b2c({ issuedAt: '2026-12-31T16:30:00.000Z' }), SELLER.taxId, VERIFICATION).left.slice(10, 17)).toBe('1160101');
  });

  it('replaces a colon in an item name, which would split the fields', () => {
    expect(proofQrCodes(b2c({ lines: [line('瓦斯:桶', 1, 880)] }), SELLER.taxId, VERIFICATION).left).toMatch(/:1:瓦斯：桶:1:880$/);
  });

  it('records only the items that fit the right QR, and says so in the counts', () => {
    const lines = Array.from({ length: 30 }, (_, i) => line(`液化石油氣 ${i + 1}公斤`, 1, 100 + i));
    const qr = proofQrCodes(b2c({ lines }), SELLER.taxId, VERIFICATION);
    expect(new TextEncoder().encode(qr.right).length).toBeLessThanOrEqual(QR_RIGHT_MAX_BYTES);
    const [, , recorded, total] = qr.left.split(':');
    expect(Number(total)).toBe(30);
    expect(Number(recorded)).toBe(1 + qr.right.slice(2).split(':').length / 3);
    expect(Number(recorded)).toBeLessThan(30);
  });
});

describe('proof content', () => {
  it('B2C: title, period, dashed number, Taipei date-time, 隨機碼, total, seller; no buyer, no format', () => {
    const proof = invoiceProof(b2c(), SELLER, VERIFICATION, 1);
    expect(proof).toMatchObject({
      title: '電子發票證明聯',
      reprint: false,
      periodLabel: '115年11-12月',
      number: 'AB-12345678',
      issuedAt: '2026-11-28 14:12:00',
      randomNumber: '0427',
      totalAmount: 880,
      sellerTaxId: '24549210',
      sellerName: '幸福氣瓦斯行',
      barcode: '11512AB123456780427',
    });
    expect(proof).not.toHaveProperty('buyerTaxId');
    expect(proof).not.toHaveProperty('format');
    expect(proof.qrLeft).toContain('00000000' + SELLER.taxId + VERIFICATION);
    expect(invoiceProofSchema.safeParse(proof).success).toBe(true);
  });

  it('B2B: 格式 25, the buyer’s 統一編號 and title, the tax split', () => {
    const proof = invoiceProof(anInvoice(), SELLER, VERIFICATION, 1);
    expect(proof).toMatchObject({ format: '25', buyerTaxId: '22099131', buyerTitle: '林記麵館', salesAmount: 1676, taxAmount: 84, totalAmount: 1760 });
  });

  it('B2B: lines and QR items without tax, as the MOF upload (F0401) states them; B2C lines as charged', () => {
    const proof = invoiceProof(anInvoice(), SELLER, VERIFICATION, 1);
    expect(proof.lines).toEqual([{ description: '液化石油氣 20公斤', quantity: 2, unitPrice: 838, amount: 1676 }]);
    expect(proof.qrLeft).toMatch(/:液化石油氣 20公斤:2:838$/);
    const odd = invoiceProof(anInvoice({ lines: [line('液化石油氣 20公斤', 3, 880)], amounts: { salesAmount: 2514, taxAmount: 126, totalAmount: 2640 } }), SELLER, VERIFICATION, 1);
    expect(odd.lines[0]).toMatchObject({ quantity: 3, unitPrice: 838, amount: 2514 });
    expect(invoiceProofSchema.safeParse(proof).success).toBe(true);
    expect(invoiceProof(b2c(), SELLER, VERIFICATION, 1).lines).toEqual(b2c().lines);
  });

  it('a second print is a 補印', () => {
    expect(invoiceProof(b2c(), SELLER, VERIFICATION, 2).reprint).toBe(true);
  });
});

describe('which invoices get a proof', () => {
  it('print and business buyers do; carrier and donation ones never, with the reason', () => {
    expect(isPrintable(b2c())).toBe(true);
    expect(isPrintable(anInvoice())).toBe(true);
    const carrier = b2c({ buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' } });
    const donated = b2c({ buyer: { type: 'donation', loveCode: '168001' } });
    expect(isPrintable(carrier)).toBe(false);
    expect(() => assertPrintable(carrier)).toThrow(expect.objectContaining({ code: 'INVOICE.NOT_PRINTABLE', kind: 'precondition', details: { reason: 'carrier', target: '/ABC1234' } }));
    expect(() => assertPrintable(donated)).toThrow(expect.objectContaining({ code: 'INVOICE.NOT_PRINTABLE', details: { reason: 'donation', target: '168001' } }));
  });

  it('a void invoice is refused as a conflict', () => {
    expect(() => assertPrintable(b2c({ status: 'void' }))).toThrow(expect.objectContaining({ code: 'INVOICE.VOID_NOT_PRINTABLE', kind: 'conflict' }));
  });

  it('the preview shows the next print’s proof and counts nothing: the first before any print, a 補印 after one', () => {
    const unprinted = b2c();
    expect(proofPreview(unprinted, SELLER, VERIFICATION)).toEqual({ proof: invoiceProof(unprinted, SELLER, VERIFICATION, 1), printCount: 0, reprint: false });
    const printed = recordPrint(unprinted, new Date('2026-11-28T07:00:00Z'));
    expect(proofPreview(printed, SELLER, VERIFICATION)).toMatchObject({ printCount: 1, reprint: true, proof: { reprint: true }, printedAt: '2026-11-28T07:00:00.000Z' });
    expect(() => proofPreview(b2c({ status: 'void' }), SELLER, VERIFICATION)).toThrow(expect.objectContaining({ code: 'INVOICE.VOID_NOT_PRINTABLE' }));
  });

  it('recording a print keeps the first print’s time and counts every print', () => {
    const first = recordPrint(b2c(), new Date('2026-11-28T07:00:00Z'));
    const second = recordPrint(first, new Date('2026-11-29T07:00:00Z'));
    expect(first).toMatchObject({ printedAt: '2026-11-28T07:00:00.000Z', printCount: 1 });
    expect(second).toMatchObject({ printedAt: '2026-11-28T07:00:00.000Z', printCount: 2 });
    expect(() => recordPrint(b2c({ buyer: { type: 'donation', loveCode: '168001' } }), new Date())).toThrow(expect.objectContaining({ code: 'INVOICE.NOT_PRINTABLE' }));
  });
});

describe('a customer’s 愛心碼', () => {
  it('makes their B2C invoices donations, which get no proof', () => {
    const buyer = buyerOf({ name: '王小明', invoice: { loveCode: '168001' } });
    expect(buyer).toEqual({ type: 'donation', loveCode: '168001' });
    expect(isPrintable(b2c({ buyer }))).toBe(false);
  });

  it('stands alone: not with a 統一編號 or a carrier, and 3–7 digits', () => {
    expect(customerInvoiceSchema.safeParse({ loveCode: '168001' }).success).toBe(true);
    for (const other of [{ taxId: '22099131' }, { carrier: '/ABC1234' }]) {
      const result = customerInvoiceSchema.safeParse({ loveCode: '168001', ...other });
      expect(result.error?.issues).toEqual([expect.objectContaining({ message: 'CUSTOMER.INVOICE_LOVE_CODE_ALONE', path: ['loveCode'] })]);
    }
    expect(customerInvoiceSchema.safeParse({ loveCode: '12' }).error?.issues[0]?.message).toBe('INVOICE.LOVE_CODE_INVALID');
  });
});
