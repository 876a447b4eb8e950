import type { Firestore } from '@google-cloud/firestore';
import type { Config } from '../../config/load-config';
import type { Clock } from '../../domain/clock';
import type { InvoiceIssuer } from '../../domain/invoicing';
import { ecpayInvoiceIssuer } from './ecpay-invoice-issuer';
import { localInvoiceBook } from './local-invoice-book';

/** ECPay when its merchant account is configured (`LG_EINVOICE_*`), the distributor's own number books otherwise. */
export function invoiceIssuerFromConfig(einvoice: Config['einvoice'], deps: { readonly db: Firestore; readonly clock: Clock }): InvoiceIssuer {
  const { merchantId, hashKey, hashIv, apiUrl } = einvoice;
  if (merchantId && hashKey && hashIv) return ecpayInvoiceIssuer({ merchantId, hashKey, hashIv, apiUrl, clock: deps.clock });
  return localInvoiceBook(deps.db, deps.clock);
}
