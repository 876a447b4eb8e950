/**
 * MIG 4.0 (電子發票資料交換標準訊息建置指引) messages a self-issuing seller uploads to the MOF e-invoice platform through
 * the Turnkey program: F0401 (開立, B2B and B2C in one message since MIG 4.0, replacing A0401 / C0401) and F0501 (作廢,
 * replacing A0501 / C0501). F0701 (註銷) is not used: we void, we never cancel a B2C invoice's carrier hand-over.
 *
 * What the XML is based on (element names and order, as the XSD's sequences require):
 * - F0401 Main / Details / Amount: the Freemarker template of an F0401 generator in the public code corpus (Seller and
 *   Buyer Identifier, Name, Address …; InvoiceType, DonateMark, CarrierType, CarrierId1, CarrierId2, PrintMark, NPOBAN,
 *   RandomNumber in that order; ProductItem Description, Quantity, UnitPrice, Amount, SequenceNumber; Amount
 *   SalesAmount, FreeTaxSalesAmount, ZeroTaxSalesAmount, TaxType, TaxRate, TaxAmount, TotalAmount), cross-checked with a
 *   Turnkey test-data generator (F0401 / F0501 of MIG 4.1, which adds a TaxType per ProductItem; 4.0 does not have it)
 *   and the C# `F0401Model` (InvoiceNumber, InvoiceDate, InvoiceTime, Seller, Buyer …).
 * - B2C amounts: a B2C (二聯式) invoice states no tax of its own — SalesAmount is the tax-included total and TaxAmount 0 —
 *   as e-invoice field guides describe B2C ("發票內容不計算稅額", SL-PD/einvoice Receipt.md); B2B states the split.
 * - Carrier codes: 3J0002 手機條碼, CQ0001 自然人憑證; both CarrierId1 and CarrierId2 carry the code. Buyer Identifier of a
 *   consumer: ten zeros.
 * - Turnkey folders: MIG 4.x messages go to `UpCast/B2SSTORAGE/<message>/SRC/` (Turnkey 3.9 manual's directory layout,
 *   as quoted in a public Turnkey integration's notes); Turnkey moves what it took to `BAK/` and what failed its XSD to `ERR/`.
 *
 * - G0401 (開立折讓證明單, MIG 4.0's merger of B0401 / D0401) and G0501 (作廢折讓證明單, of B0201 / D0501): the element
 *   sequences of the MIG 3.1 B0401 / B0201 models of a public Turnkey client (atbox-zz/TurnkeySystemV2,
 *   Protocols/B0401/B0401Data.cs, Protocols/B0201/B0201Data.cs), which MIG 4.0 kept: Main AllowanceNumber,
 *   AllowanceDate, Seller, Buyer, AllowanceType; ProductItem OriginalInvoiceDate, OriginalInvoiceNumber,
 *   OriginalDescription, Quantity, UnitPrice, Amount (tax excluded), Tax, AllowanceSequenceNumber, TaxType; Amount
 *   TaxAmount, TotalAmount (the sum of the lines' Amount, tax excluded); CancelAllowance CancelAllowanceNumber,
 *   AllowanceDate, BuyerId, SellerId, CancelDate, CancelTime, CancelReason. AllowanceType 2 is the seller's
 *   折讓證明通知單 (1 would be one the buyer issued). An allowance states its tax for B2C too: the 401 return subtracts it.
 *
 * Extension point: a new message adds its type to `MIG_MESSAGE_TYPES`, its folder to `TURNKEY_FOLDERS`, its payload
 * to `UploadMessage` and a builder case in `migXml`.
 */
import type { Allowance } from './allowance';
import type { Invoice } from './invoice';
import type { InvoiceSeller } from './proof';

export const MIG_VERSION = '4.0';
export const MIG_MESSAGE_TYPES = ['F0401', 'F0501', 'G0401', 'G0501'] as const;
export type MigMessageType = (typeof MIG_MESSAGE_TYPES)[number];

/** Where Turnkey picks up each message, under its `UpCast` folder. */
export const TURNKEY_FOLDERS: Readonly<Record<MigMessageType, string>> = {
  F0401: 'B2SSTORAGE/F0401/SRC',
  F0501: 'B2SSTORAGE/F0501/SRC',
  G0401: 'B2SSTORAGE/G0401/SRC',
  G0501: 'B2SSTORAGE/G0501/SRC',
};

/** When and why an invoice was voided or an allowance cancelled. */
export interface MigCancel {
  readonly at: string;
  readonly reason: string;
}

/** What one upload carries: the invoice as issued or the allowance, and for F0501 / G0501 when and why it was voided. */
export type UploadMessage =
  | { readonly messageType: 'F0401'; readonly invoice: Invoice }
  | { readonly messageType: 'F0501'; readonly invoice: Invoice; readonly cancel: MigCancel }
  | { readonly messageType: 'G0401'; readonly allowance: Allowance }
  | { readonly messageType: 'G0501'; readonly allowance: Allowance; readonly cancel: MigCancel };

/** A consumer's Buyer Identifier: MIG's ten zeros. */
export const CONSUMER_IDENTIFIER = '0000000000';
const CARRIER_CODES = { mobile: '3J0002', citizen: 'CQ0001' } as const;

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
    el('InvoiceType', '07'),
    el('DonateMark', buyer.type === 'donation' ? '1' : '0'),
    ...(buyer.type === 'carrier'
      ? [el('CarrierType', CARRIER_CODES[buyer.carrierType]), el('CarrierId1', buyer.carrierCode), el('CarrierId2', buyer.carrierCode)]
      : []),
    // B2B invoices go out on paper (三聯式), as a B2C one asked for on paper; carrier and donation ones are not printed.
    el('PrintMark', b2b || buyer.type === 'print' ? 'Y' : 'N'),
    ...(buyer.type === 'donation' ? [el('NPOBAN', buyer.loveCode)] : []),
    el('RandomNumber', invoice.randomNumber),
  ];
  const details = invoice.lines.map((line, i) =>
    el('ProductItem', [
      el('Description', line.description),
      el('Quantity', line.quantity),
      el('UnitPrice', line.unitPrice),
      el('Amount', line.amount),
      el('SequenceNumber', sequence(i)),
    ]),
  );
  const { salesAmount, taxAmount, totalAmount } = invoice.amounts;
  const amount: Node[] = [
    el('SalesAmount', b2b ? salesAmount : totalAmount),
    el('FreeTaxSalesAmount', 0),
    el('ZeroTaxSalesAmount', 0),
    el('TaxType', '1'),
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

/**
 * Each line's tax: the allowance's tax shared by the lines' tax-included amounts, the rounding left on the last line,
 * so the lines add up to the allowance's own split exactly.
 */
function lineTaxes(allowance: Pick<Allowance, 'lines' | 'amounts'>): number[] {
  const total = allowance.amounts.totalAmount;
  const taxes = allowance.lines.map((l) => (total === 0 ? 0 : Math.round((allowance.amounts.taxAmount * l.amount) / total)));
  const last = taxes.length - 1;
  taxes[last] = allowance.amounts.taxAmount - taxes.slice(0, last).reduce((s, t) => s + t, 0);
  return taxes;
}

/** A unit price without tax: at most 4 decimals, as many as it needs. */
const unitPriceOf = (amount: number, quantity: number): string => String(Math.round((amount / quantity) * 10_000) / 10_000);

/** G0401 開立折讓證明單 (the seller's 折讓證明通知單), against one invoice. */
export function g0401Xml(allowance: Allowance, seller: InvoiceSeller): string {
  const taxes = lineTaxes(allowance);
  const invoiceDate = taipeiDateTime(allowance.invoiceIssuedAt).date;
  const main: Node[] = [
    el('AllowanceNumber', allowance.number),
    el('AllowanceDate', taipeiDateTime(allowance.issuedAt).date),
    sellerNode(seller),
    el('Buyer', [el('Identifier', buyerIdentifier(allowance)), el('Name', buyerName(allowance))]),
    el('AllowanceType', '2'),
  ];
  const details = allowance.lines.map((line, i) => {
    const amount = line.amount - (taxes[i] ?? 0);
    return el('ProductItem', [
      el('OriginalInvoiceDate', invoiceDate),
      el('OriginalInvoiceNumber', allowance.invoiceNumber),
      el('OriginalDescription', line.description),
      el('Quantity', line.quantity),
      el('UnitPrice', unitPriceOf(amount, line.quantity)),
      el('Amount', amount),
      el('Tax', taxes[i] ?? 0),
      el('AllowanceSequenceNumber', sequence(i)),
      el('TaxType', '1'),
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
    el('AllowanceDate', taipeiDateTime(allowance.issuedAt).date),
    el('BuyerId', buyerIdentifier(allowance)),
    el('SellerId', seller.taxId),
    el('CancelDate', cancelled.date),
    el('CancelTime', cancelled.time),
    el('CancelReason', cancelReason(cancel.reason)),
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
  }
}

/** Turnkey's file for a message: `<message>_<invoice or allowance number>.xml`, one message per file. */
export const turnkeyFileName = (messageType: MigMessageType, number: string): string => `${messageType}_${number}.xml`;
