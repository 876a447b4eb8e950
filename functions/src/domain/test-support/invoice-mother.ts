import type { Customer } from '../customers';
import { b2cAmounts, periodOfInstant, type Invoice } from '../invoicing';

/**
 * An issued B2C paper invoice (`buyer: print`) of one 20 kg cylinder at NT$850 for `customer`, numbered `number` in
 * today's period and voidable far ahead, as the local book would store it; `overrides` for the rest (lines, kind, …).
 */
export const anIssuedInvoice = (id: string, customer: Customer, number: string, overrides: Partial<Invoice> = {}): Invoice => ({
  id,
  kind: 'B2C',
  customer: { id: customer.id, code: customer.code, name: customer.name, address: customer.address.full },
  buyer: { type: 'print' },
  lines: [{ description: '液化石油氣 20公斤', quantity: 1, unitPrice: 850, amount: 850 }],
  amounts: b2cAmounts(850),
  source: { orderId: id.slice(4) },
  number,
  randomNumber: '1234',
  period: periodOfInstant(new Date()),
  periodLabel: 'x',
  issuedAt: new Date().toISOString(),
  status: 'issued',
  voidableUntil: '2099-01-13',
  provider: 'local-book',
  providerRef: 'ref',
  ...overrides,
});
