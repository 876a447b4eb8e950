import { z } from '../schema';

/**
 * 愛心碼: a charity's donation code, 3–7 digits. A leaf module: the customer's invoice settings use it too, and the
 * customer module must not load the invoice module (which loads orders, which load customers).
 */
export const loveCodeSchema = z.string().regex(/^\d{3,7}$/, 'INVOICE.LOVE_CODE_INVALID');
