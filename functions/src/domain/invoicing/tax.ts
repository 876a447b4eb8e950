/**
 * 營業稅 (VAT) on an invoice, 5 %, in whole NT$ as the Ministry of Finance's e-invoice format requires.
 * The distributor's price list is tax-included (what a household pays for a 20 kg cylinder), so every invoice's
 * total is the money the order or statement charged; only how it is split differs by kind.
 */
import { moneySchema, z } from '../schema';

/** 5 %, as a whole-number ratio: integer arithmetic keeps an exact half (NT$0.5) exact for the rounding. */
export const VAT_PERCENT = 5;

export const invoiceAmountsSchema = z
  .object({
    /** 銷售額: untaxed sales. */
    salesAmount: moneySchema,
    /** 稅額: 5 % VAT. */
    taxAmount: moneySchema,
    /** 總計: salesAmount + taxAmount, what the customer pays. */
    totalAmount: moneySchema,
  })
  .openapi('InvoiceAmounts', { example: { salesAmount: 1676, taxAmount: 84, totalAmount: 1760 } });
export type InvoiceAmounts = z.infer<typeof invoiceAmountsSchema>;

/** B2B (三聯式) from untaxed sales: tax = round(sales × 5 %), half up, and the total adds up. */
export function b2bAmounts(salesAmount: number): InvoiceAmounts {
  const taxAmount = Math.round((salesAmount * VAT_PERCENT) / 100);
  return { salesAmount, taxAmount, totalAmount: salesAmount + taxAmount };
}

/** B2C (二聯式 / 雲端發票) from a tax-included total: sales = round(total ÷ 1.05), the tax is the rest. */
export function b2cAmounts(totalAmount: number): InvoiceAmounts {
  const salesAmount = Math.round((totalAmount * 100) / (100 + VAT_PERCENT));
  return { salesAmount, taxAmount: totalAmount - salesAmount, totalAmount };
}

/**
 * B2B for a tax-included charge: the whole-NT$ sales whose `b2bAmounts` total is exactly the charge, so the
 * invoice equals the statement. Sales + round(5 % sales) skips one total in 21 (NT$10, 31, 52 …: where the tax
 * steps up by a dollar the total steps by two); for those no whole sales amount reaches the charge, and the
 * B2C split (tax = total − sales) is used, a dollar of rounding the MOF accepts on tax-included sales.
 */
export function b2bAmountsFromTotal(totalAmount: number): InvoiceAmounts {
  const guess = Math.round((totalAmount * 100) / (100 + VAT_PERCENT));
  for (const sales of [guess, guess - 1, guess + 1]) {
    if (sales >= 0 && b2bAmounts(sales).totalAmount === totalAmount) return b2bAmounts(sales);
  }
  return b2cAmounts(totalAmount);
}
