import { createCipheriv } from 'node:crypto';
import type { QrVerification } from '../../domain/invoicing';

/**
 * The IV the MOF fixes for every seller's QR verification code (「電子發票證明聯一維及二維條碼規格說明」; the same
 * constant in the MOF's sample code and every public implementation, e.g. ho600-ltd/django-taiwan-einvoice's
 * `qrcode_aes_encrypt`).
 */
const MOF_QR_IV = Buffer.from('Dt8lyToo17X/XkXaQvihuA==', 'base64');
const AES_KEY_HEX = /^[0-9a-fA-F]{32}$/;

/**
 * The 檢驗碼 maker for the seller's QR AES key (32 hex digits, from the e-invoice platform): AES-128-CBC with PKCS#7
 * padding over number + 隨機碼 (14 characters: one block), base64, 24 characters. A malformed key fails the print that
 * needs it, not the start of every function built with it.
 */
export function qrVerification(keyHex: string): QrVerification {
  return (number, randomNumber) => {
    if (!AES_KEY_HEX.test(keyHex)) throw new Error('The invoice QR AES key (LG_INVOICE_QR_AES_KEY) must be 32 hex digits');
    const key = Buffer.from(keyHex, 'hex');
    const cipher = createCipheriv('aes-128-cbc', key, MOF_QR_IV);
    return Buffer.concat([cipher.update(`${number}${randomNumber}`, 'utf8'), cipher.final()]).toString('base64');
  };
}
