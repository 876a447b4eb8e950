/**
 * MIG 4.1 (電子發票資料交換標準訊息建置指引 4.1) messages a self-issuing seller uploads to the MOF e-invoice platform
 * through the Turnkey program (3.2 or later, its 來源訊息版本 set to V4.1): F0401 (開立, B2B and B2C in one message
 * since MIG 4.0, replacing A0401 / C0401), F0501 (作廢, replacing A0501 / C0501), G0401 (開立折讓證明單, replacing B0401 /
 * D0401) and G0501 (作廢折讓證明單, replacing B0501 / D0501). F0701 (註銷) is not used: we void, we never cancel a B2C
 * invoice's carrier hand-over. Turnkey 3.1 was usable until 2025-12-31 and the tax bureaus ask
 * Turnkey sellers for MIG 4.1 / Turnkey 3.2 (a vendor's guide: cerp.gitbook.io/winton-clouderp, 「財政部電子發票MIG規範」;
 * MIG 4.1 PDF: einvoice.nat.gov.tw/static/ptl/ein_upload/download/5340.pdf, cited by the public projects below); the MOF
 * announcement's own text was not found, so the exact cut-over day is unverified. No XSD was at hand: what follows is the
 * agreement of public implementations, several of which validate against the 4.0 / 4.1 XSDs; docs/architecture.md
 * (Invoices, MOF upload) lists them and what is still open.
 *
 * - Namespace `urn:GEINV:eInvoiceMessage:<message>:4.1` (a 2026 MIG 4.1 certification report of a self-built Turnkey
 *   seller, these four messages at 4.1 accepted by the platform's test site; a Rust MIG 4.1 model, crate `tw_einvoice_core`).
 * - F0401 Main: InvoiceNumber, InvoiceDate, InvoiceTime, Seller (Identifier, Name, Address — mandatory for the seller),
 *   Buyer (Identifier, Name), [BuyerRemark, MainRemark, CustomsClearanceMark, Category, RelateNumber], InvoiceType,
 *   [GroupMark], DonateMark, [CarrierType, CarrierId1, CarrierId2], PrintMark, [NPOBAN], RandomNumber,
 *   [BondedAreaConfirm, ZeroTaxRateReason, Reserved1, Reserved2] — bracketed ones optional and unused (no zero-rated or
 *   tax-free sales: ZeroTaxRateReason / CustomsClearanceMark never apply to LPG sold at home).
 * - F0401 ProductItem: Description, Quantity, [Unit], UnitPrice, TaxType, Amount, SequenceNumber, [Remark,
 *   RelateNumber]. TaxType per line is mandatory (課稅別, 1 應稅); the MIG 4.0 XSD already had it (tihtw/taiwan-invoice
 *   `mig/product_item.go`, and a Django generator validating against the 4.0 F0401.xsd), so the 4.0 XML this file wrote
 *   before most likely lacked a required element. One 4.1 generator writes TaxType after SequenceNumber; the Rust model, the field
 *   tree transcribed from the 4.1 PDF and the other generators put it between UnitPrice and Amount, as here.
 * - F0401 Amount: SalesAmount, FreeTaxSalesAmount, ZeroTaxSalesAmount, TaxType, TaxRate, TaxAmount, TotalAmount.
 * - Amounts (MIG 4.1 checks unit price × quantity against the amount, and the tax, more strictly): every line's
 *   UnitPrice × Quantity is its Amount (to the XSD's 7 decimals) and the lines add up to SalesAmount. A B2B (三聯式)
 *   invoice states its lines without tax, as the paper 三聯式 does (單價, 金額 untaxed; 銷售額合計, 營業稅, 總計) and as
 *   the B2B samples of SL-PD/Einvoice_Erp_api (CHT/b2bJsonSample.md) and of a 4.1 Turnkey test generator add the
 *   lines up to the untaxed SalesAmount: the invoice's untaxed sales are shared by the lines' tax-included amounts,
 *   TaxAmount the 5 % on them. A B2C (二聯式) invoice states no tax of its own — SalesAmount the tax-included total,
 *   TaxAmount 0, its lines as charged — as e-invoice field guides describe B2C ("發票內容不計算稅額", SL-PD/einvoice
 *   Receipt.md); whether 4.1 now wants the tax stated on B2C too is unverified.
 * - B2C: the buyer is ten zeros, and the invoice is exactly one of printed (PrintMark Y), on a carrier (3J0002 手機條碼,
 *   CQ0001 自然人憑證; CarrierId1 and CarrierId2 both carry the code) or donated (DonateMark 1, NPOBAN): a consumer
 *   invoice with none of them goes to Turnkey's ERR.
 * - F0501: CancelInvoiceNumber, InvoiceDate, BuyerId, SellerId, CancelDate, CancelTime, CancelReason (20 characters).
 * - G0401: Main AllowanceNumber, AllowanceDate, Seller, Buyer, AllowanceType (2: the seller's 折讓證明通知單);
 *   ProductItem OriginalInvoiceDate, OriginalInvoiceNumber, OriginalDescription, Quantity, Unit, UnitPrice, Amount (tax
 *   excluded, whole NT$), Tax, AllowanceSequenceNumber, TaxType; Unit is optional in the 4.0 XSD, but the 2026
 *   certification report below had to send it for its G0401 to pass the 4.1 one, so every line has it (桶 for a line
 *   of cylinders, 式 for an allowance given as an amount); Amount TaxAmount, TotalAmount (the lines' Amount, tax
 *   excluded). An allowance states its tax for B2C too: the 401 return subtracts it. The seller's Address is optional in
 *   G0401 (XSD-validated generators omit it); we send it, as on the invoice.
 * - G0501: CancelAllowanceNumber, AllowanceType, AllowanceDate, BuyerId, SellerId, CancelDate, CancelTime, CancelReason —
 *   AllowanceType after the number, as the generators validating against the 4.0 and 4.1 XSDs write it.
 * - E0402 (空白未使用字軌號碼, `blank-track.ts`): root BranchTrackBlank; Main HeadBan, BranchBan (both the seller's 統一編號:
 *   no branches), InvoiceType (07), YearMonth (ROC year and the period's even month, `11512`), InvoiceTrack (the two
 *   letters); Details of BranchTrackBlankItem, InvoiceBeginNo and InvoiceEndNo (8 digits, no letters; a single number is
 *   one item with both the same). Names and order as the Go / C# / Python models (one validating against the 4.1 XSD)
 *   write them, and the namespace at 4.1 as the 2026 certification report's E0402 accepted by the test platform.
 * - Turnkey folders: the F / G messages go to `UpCast/B2SSTORAGE/<message>/SRC/`, E0402 to `UpCast/B2PMESSAGE/E0402/SRC/`
 *   (Turnkey scans the E messages there, not under B2SSTORAGE: the certification report, and every Turnkey client seen);
 *   Turnkey moves what it took to `BAK/` and what failed its XSD to `ERR/`.
 *
 * Extension point: a new message adds its type to `MIG_MESSAGE_TYPES`, its folder to `TURNKEY_FOLDERS`, its payload
 * to `UploadMessage` and a builder case in `migXml`.
 */
import type { Allowance } from './allowance';
import type { BlankTrack } from './blank-track';
import type { Invoice } from './invoice';
import { rocYearMonth } from './period';
import type { InvoiceSeller } from './proof';

export const MIG_VERSION = '4.1';
export const MIG_MESSAGE_TYPES = ['F0401', 'F0501', 'G0401', 'G0501', 'E0402'] as const;
export type MigMessageType = (typeof MIG_MESSAGE_TYPES)[number];

/** Where Turnkey picks up each message, under its `UpCast` folder. */
export const TURNKEY_FOLDERS: Readonly<Record<MigMessageType, string>> = {
  F0401: 'B2SSTORAGE/F0401/SRC',
  F0501: 'B2SSTORAGE/F0501/SRC',
  G0401: 'B2SSTORAGE/G0401/SRC',
  G0501: 'B2SSTORAGE/G0501/SRC',
  E0402: 'B2PMESSAGE/E0402/SRC',
};

/** When and why an invoice was voided or an allowance cancelled. */
export interface MigCancel {
  readonly at: string;
  readonly reason: string;
}

/**
 * What one upload carries: the invoice as issued or the allowance, for F0501 / G0501 when and why it was voided, for
 * E0402 the unused numbers of one 字軌.
 */
export type UploadMessage =
  | { readonly messageType: 'F0401'; readonly invoice: Invoice }
  | { readonly messageType: 'F0501'; readonly invoice: Invoice; readonly cancel: MigCancel }
  | { readonly messageType: 'G0401'; readonly allowance: Allowance }
  | { readonly messageType: 'G0501'; readonly allowance: Allowance; readonly cancel: MigCancel }
  | { readonly messageType: 'E0402'; readonly blank: BlankTrack };

/** A consumer's Buyer Identifier: MIG's ten zeros. */
export const CONSUMER_IDENTIFIER = '0000000000';
const CARRIER_CODES = { mobile: '3J0002', citizen: 'CQ0001' } as const;
/** 課稅別 1 應稅: LPG is taxed at the standard 5 %, every line and every invoice. */
const TAXABLE = '1';
/** InvoiceType 07: an e-invoice of the general tax rate (08 is the special rate, which LPG never is). */
const GENERAL_TAX_INVOICE = '07';
/** AllowanceType 2: the seller's 折讓證明通知單 (1 would be one the buyer issued). */
const SELLER_ALLOWANCE = '2';

/** Text for element content: the five XML specials escaped, and characters XML 1.0 cannot carry dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `yyyyMMdd` and `HH:mm:ss` of an instant in Taipei (UTC+8, no daylight saving). */
export function taipeiDateTime(iso: string): { date: string; time: string } {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return { date: shifted.slice(0, 10).replace(/-/g, ''), time: shifted.slice(11, 19) };
}

type Node = readonly [name: string, content: string | number | readonly Node[]];
const el = (name: string, content: string | number | readonly Node[]): Node => [name, content];

function render(node: Node, depth: number): string {
  const [name, content] = node;
  const pad = '  '.repeat(depth);
  if (typeof content !== 'object') return `${pad}<${name}>${escapeXml(String(content))}</${name}>`;
  return `${pad}<${name}>\n${content.map((child) => render(child, depth + 1)).join('\n')}\n${pad}</${name}>`;
}

function document(root: string, messageType: MigMessageType, children: readonly Node[]): string {
  const body = children.map((child) => render(child, 1)).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="urn:GEINV:eInvoiceMessage:${messageType}:${MIG_VERSION}">\n${body}\n</${root}>\n`;
}

const buyerIdentifier = ({ buyer }: Pick<Allowance, 'buyer'>): string => (buyer.type === 'business' ? buyer.taxId : CONSUMER_IDENTIFIER);
const buyerName = ({ buyer, customer }: Pick<Allowance, 'buyer' | 'customer'>): string => (buyer.type === 'business' ? buyer.title : customer.name);
const sellerNode = (seller: InvoiceSeller): Node => el('Seller', [el('Identifier', seller.taxId), el('Name', seller.name), el('Address', seller.address)]);
const sequence = (i: number): string => String(i + 1).padStart(3, '0');
// MIG's CancelReason holds 20 characters; the full reason stays on the invoice or allowance.
const cancelReason = (reason: string): string => [...reason].slice(0, 20).join('');

/**
 * `total` whole dollars shared by `weights` (whole dollars too) in proportion, by largest remainder: each share is the
 * floor of its exact part, the dollars left go one each to the largest remainders (the earlier line on a tie), so the
 * shares add up to `total` exactly and none is negative. Integer arithmetic, so no share is off by a float's rounding.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum === 0) return weights.map((_, i) => (i === weights.length - 1 ? total : 0));
  const parts = weights.map((w, i) => {
    const product = total * w;
    const share = Math.floor(product / sum);
    return { i, share, remainder: product - share * sum };
  });
  let left = total - parts.reduce((s, p) => s + p.share, 0);
  for (const p of [...parts].sort((a, b) => b.remainder - a.remainder || a.i - b.i)) {
    if (left <= 0) break;
    p.share++;
    left--;
  }
  return parts.map((p) => p.share);
}

/**
 * A line's unit price from its amount: as many decimals as it needs, at most the XSD's 7, so price × quantity rounds to
 * the amount (written out in full: never an exponent).
 */
export const unitPriceOf = (amount: number, quantity: number): string =>
  (amount / quantity).toFixed(7).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** A line as MIG states it: the amount, and the unit price that makes it with the quantity. */
interface MigLine {
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: string;
  readonly amount: number;
}

/**
 * The invoice's lines as F0401 states them. B2C: as charged (tax included), adding up to the total. B2B: without tax, the
 * untaxed sales shared by the lines' tax-included amounts, adding up to SalesAmount.
 */
export function f0401Lines(invoice: Pick<Invoice, 'buyer' | 'lines' | 'amounts'>): MigLine[] {
  if (invoice.buyer.type !== 'business') return invoice.lines.map((l) => ({ ...l, unitPrice: String(l.unitPrice) }));
  const untaxed = apportion(invoice.amounts.salesAmount, invoice.lines.map((l) => l.amount));
  return invoice.lines.map((l, i) => {
    const amount = untaxed[i] ?? 0;
    return { description: l.description, quantity: l.quantity, unitPrice: unitPriceOf(amount, l.quantity), amount };
  });
}

/** F0401 開立發票. */
export function f0401Xml(invoice: Invoice, seller: InvoiceSeller): string {
  const { buyer } = invoice;
  const issued = taipeiDateTime(invoice.issuedAt);
  const b2b = buyer.type === 'business';
  const main: Node[] = [
    el('InvoiceNumber', invoice.number),
    el('InvoiceDate', issued.date),
    el('InvoiceTime', issued.time),
    sellerNode(seller),
    el('Buyer', [el('Identifier', buyerIdentifier(invoice)), el('Name', buyerName(invoice))]),
    el('InvoiceType', GENERAL_TAX_INVOICE),
    el('DonateMark', buyer.type === 'donation' ? '1' : '0'),
    ...(buyer.type === 'carrier'
      ? [el('CarrierType', CARRIER_CODES[buyer.carrierType]), el('CarrierId1', buyer.carrierCode), el('CarrierId2', buyer.carrierCode)]
      : []),
    // B2B invoices go out on paper (三聯式), as a B2C one asked for on paper; carrier and donation ones are not printed.
    el('PrintMark', b2b || buyer.type === 'print' ? 'Y' : 'N'),
    ...(buyer.type === 'donation' ? [el('NPOBAN', buyer.loveCode)] : []),
    el('RandomNumber', invoice.randomNumber),
  ];
  const details = f0401Lines(invoice).map((line, i) =>
    el('ProductItem', [
      el('Description', line.description),
      el('Quantity', line.quantity),
      el('UnitPrice', line.unitPrice),
      el('TaxType', TAXABLE),
      el('Amount', line.amount),
      el('SequenceNumber', sequence(i)),
    ]),
  );
  const { salesAmount, taxAmount, totalAmount } = invoice.amounts;
  const amount: Node[] = [
    el('SalesAmount', b2b ? salesAmount : totalAmount),
    el('FreeTaxSalesAmount', 0),
    el('ZeroTaxSalesAmount', 0),
    el('TaxType', TAXABLE),
    el('TaxRate', '0.05'),
    el('TaxAmount', b2b ? taxAmount : 0),
    el('TotalAmount', totalAmount),
  ];
  return document('Invoice', 'F0401', [el('Main', main), el('Details', details), el('Amount', amount)]);
}

/** F0501 作廢發票. */
export function f0501Xml(invoice: Invoice, cancel: MigCancel, seller: InvoiceSeller): string {
  const cancelled = taipeiDateTime(cancel.at);
  return document('CancelInvoice', 'F0501', [
    el('CancelInvoiceNumber', invoice.number),
    el('InvoiceDate', taipeiDateTime(invoice.issuedAt).date),
    el('BuyerId', buyerIdentifier(invoice)),
    el('SellerId', seller.taxId),
    el('CancelDate', cancelled.date),
    el('CancelTime', cancelled.time),
    el('CancelReason', cancelReason(cancel.reason)),
  ]);
}

/** 單位 of an allowance line that reduces an invoice line of cylinders. */
const CYLINDER_UNIT = '桶';
/** 單位 of the one line of an allowance given as an amount (`AMOUNT_ALLOWANCE_DESCRIPTION`). */
const AMOUNT_ALLOWANCE_UNIT = '式';

/** G0401 開立折讓證明單 (the seller's 折讓證明通知單), against one invoice. */
export function g0401Xml(allowance: Allowance, seller: InvoiceSeller): string {
  // Each line's tax: the allowance's tax shared by the lines' tax-included amounts, so the lines add up to its split exactly.
  const taxes = apportion(allowance.amounts.taxAmount, allowance.lines.map((l) => l.amount));
  const invoiceDate = taipeiDateTime(allowance.invoiceIssuedAt).date;
  const main: Node[] = [
    el('AllowanceNumber', allowance.number),
    el('AllowanceDate', taipeiDateTime(allowance.issuedAt).date),
    sellerNode(seller),
    el('Buyer', [el('Identifier', buyerIdentifier(allowance)), el('Name', buyerName(allowance))]),
    el('AllowanceType', SELLER_ALLOWANCE),
  ];
  const details = allowance.lines.map((line, i) => {
    const tax = taxes[i] ?? 0;
    const amount = line.amount - tax;
    return el('ProductItem', [
      el('OriginalInvoiceDate', invoiceDate),
      el('OriginalInvoiceNumber', allowance.invoiceNumber),
      el('OriginalDescription', line.description),
      el('Quantity', line.quantity),
      el('Unit', line.invoiceLine === undefined ? AMOUNT_ALLOWANCE_UNIT : CYLINDER_UNIT),
      el('UnitPrice', unitPriceOf(amount, line.quantity)),
      el('Amount', amount),
      el('Tax', tax),
      el('AllowanceSequenceNumber', sequence(i)),
      el('TaxType', TAXABLE),
    ]);
  });
  const amount: Node[] = [el('TaxAmount', allowance.amounts.taxAmount), el('TotalAmount', allowance.amounts.salesAmount)];
  return document('Allowance', 'G0401', [el('Main', main), el('Details', details), el('Amount', amount)]);
}

/** G0501 作廢折讓證明單. */
export function g0501Xml(allowance: Allowance, cancel: MigCancel, seller: InvoiceSeller): string {
  const cancelled = taipeiDateTime(cancel.at);
  return document('CancelAllowance', 'G0501', [
    el('CancelAllowanceNumber', allowance.number),
    el('AllowanceType', SELLER_ALLOWANCE),
    el('AllowanceDate', taipeiDateTime(allowance.issuedAt).date),
    el('BuyerId', buyerIdentifier(allowance)),
    el('SellerId', seller.taxId),
    el('CancelDate', cancelled.date),
    el('CancelTime', cancelled.time),
    el('CancelReason', cancelReason(cancel.reason)),
  ]);
}

/** 8 digits, as MIG writes a number without its letters. */
const digits = (n: number): string => String(n).padStart(8, '0');

/** E0402 空白未使用字軌號碼: the numbers of one 字軌 the seller left unused in the period. */
export function e0402Xml(blank: BlankTrack, seller: InvoiceSeller): string {
  return document('BranchTrackBlank', 'E0402', [
    el('Main', [
      el('HeadBan', seller.taxId),
      el('BranchBan', seller.taxId),
      el('InvoiceType', GENERAL_TAX_INVOICE),
      el('YearMonth', rocYearMonth(blank.period)),
      el('InvoiceTrack', blank.track),
    ]),
    el('Details', blank.ranges.map((r) => el('BranchTrackBlankItem', [el('InvoiceBeginNo', digits(r.from)), el('InvoiceEndNo', digits(r.to))]))),
  ]);
}

/** The message's XML, whichever type it is. */
export function migXml(message: UploadMessage, seller: InvoiceSeller): string {
  switch (message.messageType) {
    case 'F0401':
      return f0401Xml(message.invoice, seller);
    case 'F0501':
      return f0501Xml(message.invoice, message.cancel, seller);
    case 'G0401':
      return g0401Xml(message.allowance, seller);
    case 'G0501':
      return g0501Xml(message.allowance, message.cancel, seller);
    case 'E0402':
      return e0402Xml(message.blank, seller);
  }
}

/** Turnkey's file for a message: `<message>_<invoice or allowance number, or E0402's 字軌 and 期別>.xml`, one message per file. */
export const turnkeyFileName = (messageType: MigMessageType, number: string): string => `${messageType}_${number}.xml`;
