import type { Container } from '../../adapters/container';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { DomainError } from '../../domain/errors';
import { buildEvent } from '../../domain/events';
import { issuedInvoice, periodOfInstant, type Invoice, type InvoiceDraft } from '../../domain/invoicing';

const SYSTEM = { uid: 'system:invoicing', role: 'system' } as const;
const OUT_OF_NUMBERS = new Set(['INVOICE.NO_BOOK', 'INVOICE.BOOK_EXHAUSTED']);

/**
 * The office must add a number book before anything more can be invoiced: a critical `system.invoice_book_exhausted`
 * alert, one an hour at most (the id names the period and hour; the alerts consumer keeps one per event id).
 */
async function alertOutOfNumbers(c: Container, error: DomainError, draft: InvoiceDraft): Promise<void> {
  const now = c.clock.now();
  const period = periodOfInstant(now);
  const alert = buildEvent({
    id: `invoice-book-${period.replace('/', '-')}-${now.toISOString().slice(0, 13)}`,
    type: 'system.invoice_book_exhausted',
    occurredAt: now,
    actor: SYSTEM,
    subject: `invoices/${draft.id}`,
    sequence: now.getTime(),
    data: { severity: 'critical', code: error.code, period, invoiceId: draft.id, customerId: draft.customer.id },
  });
  // The failure itself is what matters (the caller retries); a Pub/Sub hiccup on the alert is logged, not raised.
  await c.publisher.publish('system-alerts', alert).catch((err: unknown) => console.error(JSON.stringify({ severity: 'ERROR', message: 'invoice alert not published', error: String(err) })));
}

/**
 * Issues a draft once: an invoice already stored under its id is answered as it is; otherwise the issuer assigns the
 * number (idempotent per id itself, so a crash between the issuer and the store re-issues nothing) and the invoice is
 * stored. Running out of invoice numbers raises an alert and rethrows (unavailable: retry once a book is added).
 */
export async function issueInvoice(c: Container, draft: InvoiceDraft): Promise<{ invoice: Invoice; created: boolean }> {
  const store = firestoreInvoiceStore(c.db);
  const existing = await store.find(draft.id);
  if (existing) return { invoice: existing, created: false };
  let issued;
  try {
    issued = await c.invoiceIssuer.issue(draft);
  } catch (error) {
    if (error instanceof DomainError && OUT_OF_NUMBERS.has(error.code)) await alertOutOfNumbers(c, error, draft);
    throw error;
  }
  return store.save(issuedInvoice(draft, issued, c.invoiceIssuer.provider));
}
