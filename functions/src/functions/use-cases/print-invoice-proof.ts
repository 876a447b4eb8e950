import type { Container } from '../../adapters/container';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { assertPrintable, invoiceProof, proofPreview, recordPrint, type Invoice, type PrintedProof, type ProofPreview } from '../../domain/invoicing';

/**
 * Prints an invoice's 電子發票證明聯: counts the print on the invoice in a transaction (the first print's time kept; a
 * later one is a 補印) and answers the proof's content, its QR code signed with the seller's key. Checked before the
 * write and again inside it (a void racing the print leaves it unprinted).
 * @throws `INVOICE.NOT_FOUND`; `INVOICE.VOID_NOT_PRINTABLE` (409); `INVOICE.NOT_PRINTABLE` (422: carrier or donation)
 */
export async function printInvoiceProof(c: Pick<Container, 'db' | 'clock' | 'config' | 'proofVerification'>, id: string): Promise<PrintedProof> {
  const store = firestoreInvoiceStore(c.db);
  assertPrintable(await store.get(id));
  const printed: Invoice = await store.mutate(id, (current) => recordPrint(current, c.clock.now()));
  const printCount = printed.printCount ?? 1;
  const proof = invoiceProof(printed, c.config.invoiceSeller, c.proofVerification(printed.number, printed.randomNumber), printCount);
  return { proof, printCount, reprint: proof.reprint, printedAt: printed.printedAt ?? c.clock.now().toISOString() };
}

/**
 * The proof the next print of an invoice would give, read without counting anything: what the print view shows until
 * 列印 is pressed.
 * @throws as `printInvoiceProof`
 */
export async function previewInvoiceProof(c: Pick<Container, 'db' | 'config' | 'proofVerification'>, id: string): Promise<ProofPreview> {
  const invoice = await firestoreInvoiceStore(c.db).get(id);
  return proofPreview(invoice, c.config.invoiceSeller, c.proofVerification(invoice.number, invoice.randomNumber));
}
