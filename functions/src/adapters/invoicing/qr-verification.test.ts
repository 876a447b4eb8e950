import { createDecipheriv } from 'node:crypto';
import { qrVerification } from './qr-verification';

describe('QR verification code (檢驗碼)', () => {
  it('matches a known answer published with a public implementation', () => {
    // A public Go e-invoice client (func AES_CBC_Encrypted) encrypts AA12345678 + 隨機碼 2468 with the key
    // CB211F126E1E12C2ACE4BC3145085A50 and notes the result `ehU8DinWePXYxFyQXuZf8g==` beside it.
    expect(qrVerification('CB211F126E1E12C2ACE4BC3145085A50')('AA12345678', '2468')).toBe('ehU8DinWePXYxFyQXuZf8g==');
  });

  it('is 24 characters that decrypt back to number + 隨機碼 with the MOF IV', () => {
    const key = '0123456789abcdef0123456789abcdef';
    const code = qrVerification(key)('AB11223344', '9999');
    expect(code).toHaveLength(24);
    const decipher = createDecipheriv('aes-128-cbc', Buffer.from(key, 'hex'), Buffer.from('Dt8lyToo17X/XkXaQvihuA==', 'base64'));
    expect(Buffer.concat([decipher.update(Buffer.from(code, 'base64')), decipher.final()]).toString()).toBe('AB112233449999');
  });

  it('depends on the key', () => {
    expect(qrVerification('0123456789abcdef0123456789abcdef')('AB11223344', '9999')).not.toBe(qrVerification('CB211F126E1E12C2ACE4BC3145085A50')('AB11223344', '9999'));
  });

  it('refuses a key that is not 32 hex digits', () => {
    expect(() => qrVerification('not-a-key')('AB11223344', '9999')).toThrow(/32 hex digits/);
  });
});
