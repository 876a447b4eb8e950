/**
 * 統一編號 (Unified Business Number) checksum, per the Ministry of Finance rule.
 * Multiply the 8 digits by 1,2,1,2,1,2,4,1, add the digits of every product, and the sum must be a
 * multiple of 5 (the rule since April 2023, when numbers ran short) — a multiple of 10 under the older
 * rule. When the 7th digit is 7 its product 28 adds up to 10, which may count as 1 or 0, so the
 * number is also valid if the sum plus 1 passes.
 */
const WEIGHTS = [1, 2, 1, 2, 1, 2, 4, 1] as const;

export type TaxIdRule = 'legacy' | '2023';

const digitSum = (n: number): number => Math.floor(n / 10) + (n % 10);

export function isValidTaxId(taxId: string, rule: TaxIdRule = '2023'): boolean {
  if (!/^\d{8}$/.test(taxId)) return false;
  const divisor = rule === '2023' ? 5 : 10;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + digitSum(Number(taxId[i]) * w), 0);
  return sum % divisor === 0 || (taxId[6] === '7' && (sum + 1) % divisor === 0);
}

/** 手機條碼 (mobile barcode carrier): `/` then 7 of 0-9, A-Z, `.`, `+`, `-`. */
export const isValidMobileBarcode = (carrier: string): boolean => /^\/[0-9A-Z.+-]{7}$/.test(carrier);

/** 自然人憑證條碼 (citizen digital certificate carrier): 2 capital letters then 14 digits. */
export const isValidCitizenCertificate = (carrier: string): boolean => /^[A-Z]{2}\d{14}$/.test(carrier);

export const isValidCarrier = (carrier: string): boolean =>
  isValidMobileBarcode(carrier) || isValidCitizenCertificate(carrier);
