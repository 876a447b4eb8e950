import type { Container } from '../../adapters/container';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { firestoreInvoicedOrders } from '../../adapters/invoicing/invoiced-orders';
import { DomainError } from '../../domain/errors';
import { buildEvent } from '../../domain/events';
import { issuedInvoice, periodOfInstant, reissueDraft, type Invoice, type InvoiceDraft } from '../../domain/invoicing';

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

type Stored = { invoice: Invoice; created: boolean };

/**
 * Issues a draft once: an invoice already stored under its id is answered as it is; otherwise the issuer assigns the
 * number (idempotent per id itself, so a crash between the issuer and the store re-issues nothing) and the invoice is
 * stored, by `save` when the write must carry more (a reissue marks the void invoice with it). Running out of invoice
 * numbers raises an alert and rethrows (unavailable: retry once a book is added); nothing is stored then.
 */
export async function issueInvoice(c: Container, draft: InvoiceDraft, save?: (invoice: Invoice) => Promise<Stored>): Promise<Stored> {
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
  const invoice = issuedInvoice(draft, issued, c.invoiceIssuer.provider);
  return save ? save(invoice) : store.save(invoice);
}

/**
 * 重新開立: issues the invoice that replaces a void one, made out as its customer's invoice settings are now and
 * numbered in today's period, and marks the void one `reissuedAs` it in the transaction that stores it.
 * @throws `INVOICE.NOT_FOUND`; `INVOICE.NOT_VOID` / `INVOICE.ALREADY_REISSUED` before the issuer is asked; the issuer's
 *   errors (see `issueInvoice`), nothing marked.
 */
export async function reissueInvoice(c: Container, voidedId: string): Promise<Stored> {
  const draft = await reissueDraftOf(c, voidedId);
  return issueInvoice(c, draft, (invoice) => firestoreInvoiceStore(c.db).saveReissue(voidedId, invoice));
}

/** The draft `reissueInvoice` would issue, for the office to confirm the buyer. @throws as `reissueInvoice` does before issuing */
export async function reissueDraftOf(c: Pick<Container, 'db'>, voidedId: string): Promise<InvoiceDraft> {
  const voided = await firestoreInvoiceStore(c.db).get(voidedId);
  return reissueDraft(voided, await firestoreInvoicedOrders(c.db).customer(voided.customer.id));
}
