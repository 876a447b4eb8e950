/**
 * 電子發票證明聯: the printed proof of an e-invoice, handed to a buyer whose invoice went neither to a carrier nor to a
 * charity (B2C `print`), and to every business buyer (B2B, 格式 25). Its content follows the MOF 「電子發票證明聯一維及
 * 二維條碼規格說明」 (v1.9): a Code 39 barcode and two QR codes, the left one carrying the invoice's figures and a
 * verification code only the seller can make (AES with its key: computed by an adapter and passed in, the domain holds
 * no secret), the right one the rest of the item list.
 *
 * The MOF allows one proof per invoice: a later print is marked 補印 (reprint), so each print is counted — and only
 * a print: looking at the proof before printing it (`proofPreview`) counts nothing.
 */
import { conflict, DomainError } from '../errors';
import { taipeiDate, taipeiDateTime } from '../clock';
import { instantSchema, moneySchema, z } from '../schema';
import { invoiceLineSchema, type Invoice, type InvoiceLine } from './invoice';
import { f0401Lines } from './mig';

/**
 * The seller as registered with the MOF e-invoice platform (`config.invoiceSeller`): printed on the proof (統一編號 and
 * name) and named in the MIG messages uploaded through Turnkey (`mig.ts`, with the address).
 */
export interface InvoiceSeller {
  /** 統一編號, 8 digits. */
  readonly taxId: string;
  readonly name: string;
  readonly address: string;
}

/**
 * The 24-character 檢驗碼 of an invoice (base64 of AES-128-CBC over number + 隨機碼 with the seller's key and the
 * MOF's fixed IV), made by whoever holds the key.
 */
export type QrVerification = (number: string, randomNumber: string) => string;

export const PROOF_TITLE = '電子發票證明聯';
/** 格式 25: the B2B proof (三聯式 e-invoice) shows its format code; a B2C one shows none. */
export const B2B_PROOF_FORMAT = '25';
/** The QR codes' 營業人自行使用區 (10 characters), which we do not use. */
const QR_CUSTOM_AREA = '**********';
/** 中文編碼參數: 1 = UTF-8. */
const QR_ENCODING_UTF8 = '1';
/** The right QR's start marker. */
const QR_RIGHT_MARKER = '**';
/**
 * The most UTF-8 bytes the right QR carries: both codes sit side by side on a 5.7 cm roll, so each must stay a small
 * QR version a receipt printer still prints legibly. Items that do not fit are left out and counted as such.
 */
export const QR_RIGHT_MAX_BYTES = 200;

export const invoiceProofSchema = z
  .object({
    title: z.literal(PROOF_TITLE),
    /** 補印: not the invoice's first proof. */
    reprint: z.boolean(),
    /** 格式 25 on a B2B proof. */
    format: z.literal(B2B_PROOF_FORMAT).optional(),
    sellerName: z.string(),
    sellerTaxId: z.string(),
    /** 115年11-12月 */
    periodLabel: z.string(),
    /** AB-12345678, as printed. */
    number: z.string(),
    /** Taipei time, `YYYY-MM-DD HH:mm:ss`. */
    issuedAt: z.string(),
    randomNumber: z.string(),
    totalAmount: moneySchema,
    /** B2B only: the buyer's 統一編號 (and the tax split printed with it). */
    buyerTaxId: z.string().optional(),
    buyerTitle: z.string().optional(),
    salesAmount: moneySchema.optional(),
    taxAmount: moneySchema.optional(),
    /** As the MOF's copy states them: B2C as charged, B2B without tax (a unit price may then have decimals). */
    lines: z.array(invoiceLineSchema.extend({ unitPrice: z.number().nonnegative() })),
    /** Code 39 text: ROC year + even month of the period (5), number (10), 隨機碼 (4). */
    barcode: z.string().length(19),
    qrLeft: z.string(),
    qrRight: z.string(),
  })
  .openapi('InvoiceProof', {
    example: {
      title: PROOF_TITLE,
      reprint: false,
      sellerName: '幸福氣瓦斯行',
      sellerTaxId: '24549210',
      periodLabel: '115年11-12月',
      number: 'AB-12345678',
      issuedAt: '2026-11-28 14:12:00',
      randomNumber: '0427',
      totalAmount: 880,
      lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: 880, amount: 880 }],
      barcode: '11512AB123456780427',
      qrLeft: 'AB123456781151128042700000346000003700000000024549210ehU8DinWePXYxFyQXuZf8g==:**********:1:1:1:液化石油氣 20公斤:1:880',
      qrRight: '**',
    },
  });
export type InvoiceProof = z.infer<typeof invoiceProofSchema>;

/** What a print answers: the proof and how many times the invoice's proof has been printed, this one included. */
export const printedProofSchema = z
  .object({ proof: invoiceProofSchema, printCount: z.number().int().min(1), reprint: z.boolean(), printedAt: instantSchema })
  .openapi('PrintedInvoiceProof');
export type PrintedProof = z.infer<typeof printedProofSchema>;

/**
 * What the print view shows before anything is printed: the proof the next print would give (補印 if it is not the
 * first) and the prints so far. Reading it counts nothing.
 */
export const proofPreviewSchema = z
  .object({
    proof: invoiceProofSchema,
    /** Prints so far; 0 before the first. */
    printCount: z.number().int().min(0),
    /** The next print is a 補印. */
    reprint: z.boolean(),
    /** The first print's time, once printed. */
    printedAt: instantSchema.optional(),
  })
  .openapi('InvoiceProofPreview');
export type ProofPreview = z.infer<typeof proofPreviewSchema>;

const rocYear = (adYear: number): string => String(adYear - 1911).padStart(3, '0');
const hex8 = (amount: number): string => amount.toString(16).padStart(8, '0');
/** The QR fields are `:`-separated, so an item name must not hold one (the MOF asks for none; a full-width one reads the same). */
const qrItem = (line: InvoiceLine): string => `${line.description.replaceAll(':', '：')}:${line.quantity}:${line.unitPrice}`;
const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** The Code 39 text: the period's even month in ROC form (`11512`), the number, the 隨機碼. */
export function proofBarcode(invoice: Pick<Invoice, 'period' | 'number' | 'randomNumber'>): string {
  return `${rocYear(Number(invoice.period.slice(0, 4)))}${invoice.period.slice(8, 10)}${invoice.number}${invoice.randomNumber}`;
}

/**
 * The two QR texts. Left: number (10), ROC issue date yyyMMdd (7), 隨機碼 (4), sales and total as 8 hex digits, buyer
 * 統一編號 (`00000000` for B2C), seller 統一編號, the 24-character verification, then `:`-separated the custom area,
 * the items recorded in the two codes, the invoice's item count, the encoding, and the first item; right: `**` and the
 * other items, as many as fit (`QR_RIGHT_MAX_BYTES`).
 */
export function proofQrCodes(
  invoice: Pick<Invoice, 'number' | 'randomNumber' | 'issuedAt' | 'amounts' | 'buyer' | 'lines'>,
  sellerTaxId: string,
  verification: string,
): { readonly left: string; readonly right: string } {
  const date = taipeiDate(new Date(invoice.issuedAt));
  const buyerTaxId = invoice.buyer.type === 'business' ? invoice.buyer.taxId : '00000000';
  const [first, ...rest] = invoice.lines.map(qrItem);
  const onRight: string[] = [];
  for (const item of rest) {
    if (utf8Bytes(QR_RIGHT_MARKER + [...onRight, item].join(':')) > QR_RIGHT_MAX_BYTES) break;
    onRight.push(item);
  }
  const recorded = (first === undefined ? 0 : 1) + onRight.length;
  const head = [
    invoice.number,
    rocYear(Number(date.slice(0, 4))),
    date.slice(5, 7),
    date.slice(8, 10),
    invoice.randomNumber,
    hex8(invoice.amounts.salesAmount),
    hex8(invoice.amounts.totalAmount),
    buyerTaxId,
    sellerTaxId,
    verification,
  ].join('');
  const items = first === undefined ? [] : [first];
  // As the MOF's example: a left code whose items continue on the right ends with the separator.
  const left = [head, QR_CUSTOM_AREA, recorded, invoice.lines.length, QR_ENCODING_UTF8, ...items].join(':') + (onRight.length > 0 ? ':' : '');
  return { left, right: QR_RIGHT_MARKER + onRight.join(':') };
}

/** Why an invoice gets no proof: it lives in the buyer's carrier, or it was donated. Null when it is printable. */
function notPrintableReason(invoice: Pick<Invoice, 'buyer'>): 'carrier' | 'donation' | null {
  return invoice.buyer.type === 'carrier' || invoice.buyer.type === 'donation' ? invoice.buyer.type : null;
}

export const isPrintable = (invoice: Pick<Invoice, 'buyer' | 'status'>): boolean => invoice.status === 'issued' && notPrintableReason(invoice) === null;

/**
 * Checks a proof may be printed for the invoice.
 * @throws `INVOICE.VOID_NOT_PRINTABLE` (409) for a void invoice; `INVOICE.NOT_PRINTABLE` (422, `details.reason`
 *   `carrier` | `donation`) for one that went to a carrier or a charity, which the buyer never gets on paper.
 */
export function assertPrintable(invoice: Pick<Invoice, 'id' | 'number' | 'buyer' | 'status'>): void {
  if (invoice.status === 'void') throw conflict('INVOICE.VOID_NOT_PRINTABLE', `Invoice ${invoice.id} is void`, { number: invoice.number });
  const reason = notPrintableReason(invoice);
  if (reason === 'carrier') {
    throw new DomainError('INVOICE.NOT_PRINTABLE', 'precondition', `Invoice ${invoice.id} is in the buyer's carrier`, { reason, target: invoice.buyer.type === 'carrier' ? invoice.buyer.carrierCode : '' });
  }
  if (reason === 'donation') {
    throw new DomainError('INVOICE.NOT_PRINTABLE', 'precondition', `Invoice ${invoice.id} was donated`, { reason, target: invoice.buyer.type === 'donation' ? invoice.buyer.loveCode : '' });
  }
}

/** The invoice once another proof is printed at `now`: the first print's time is kept, the prints counted. @throws see `assertPrintable` */
export function recordPrint(invoice: Invoice, now: Date): Invoice {
  assertPrintable(invoice);
  return { ...invoice, printedAt: invoice.printedAt ?? now.toISOString(), printCount: (invoice.printCount ?? 0) + 1 };
}

/** The print view's preview: the next print's proof, nothing counted. @throws see `assertPrintable` */
export function proofPreview(invoice: Invoice, seller: Pick<InvoiceSeller, 'taxId' | 'name'>, verification: string): ProofPreview {
  const printCount = invoice.printCount ?? 0;
  const proof = invoiceProof(invoice, seller, verification, printCount + 1);
  return { proof, printCount, reprint: proof.reprint, ...(invoice.printedAt ? { printedAt: invoice.printedAt } : {}) };
}

/**
 * The proof's content. `reprint` once the invoice's proof was printed before this print (`printCount` counts this
 * one). @throws see `assertPrintable`
 */
export function invoiceProof(invoice: Invoice, seller: Pick<InvoiceSeller, 'taxId' | 'name'>, verification: string, printCount: number): InvoiceProof {
  assertPrintable(invoice);
  // The buyer's paper and its QR state the lines as the MOF's copy (F0401) does: a B2B line without tax.
  const lines = f0401Lines(invoice).map((l) => ({ ...l, unitPrice: Number(l.unitPrice) }));
  const qr = proofQrCodes({ ...invoice, lines }, seller.taxId, verification);
  const b2b = invoice.buyer.type === 'business' ? invoice.buyer : null;
  return {
    title: PROOF_TITLE,
    reprint: printCount > 1,
    ...(b2b ? { format: B2B_PROOF_FORMAT } : {}),
    sellerName: seller.name,
    sellerTaxId: seller.taxId,
    periodLabel: invoice.periodLabel,
    number: `${invoice.number.slice(0, 2)}-${invoice.number.slice(2)}`,
    issuedAt: taipeiDateTime(new Date(invoice.issuedAt)),
    randomNumber: invoice.randomNumber,
    totalAmount: invoice.amounts.totalAmount,
    ...(b2b ? { buyerTaxId: b2b.taxId, buyerTitle: b2b.title, salesAmount: invoice.amounts.salesAmount, taxAmount: invoice.amounts.taxAmount } : {}),
    lines,
    barcode: proofBarcode(invoice),
    qrLeft: qr.left,
    qrRight: qr.right,
  };
}
