import type { Transaction } from '@google-cloud/firestore';
import type { Container } from '../../adapters/container';
import { firestoreBooksStore } from '../../adapters/firestore/books-store';
import { firestoreRefundStore } from '../../adapters/firestore/refund-store';
import { firestoreStatementStore } from '../../adapters/firestore/statement-store';
import { firestoreAllowanceStore } from '../../adapters/invoicing/allowance-store';
import { firestoreInvoiceStore } from '../../adapters/invoicing/invoice-store';
import { nextMonth } from '../../domain/billing';
import { taipeiDate } from '../../domain/clock';
import { DomainError, notFound } from '../../domain/errors';
import type { Actor } from '../../domain/events';
import {
  allowanceDraft,
  assertCanCancelAllowance,
  cancelAllowance,
  issuedAllowance,
  type Allowance,
  type AllowanceInput,
  type CancelAllowanceInput,
} from '../../domain/invoicing';
import { refreshLedgerLine } from './receivables';

/**
 * 開立折讓: an allowance against an issued invoice, once per `id` (derived from the request's Idempotency-Key): one
 * stored under the id is answered as it is; otherwise the issuer numbers it (idempotent per id itself: the local book
 * answers the same number, ECPay's lost one is adopted) and it is stored with the invoice's new `allowedTotal`. It is a
 * credit on the customer's account, so their receivables line is worked out again at once.
 * @throws `INVOICE.NOT_FOUND`; the domain's refusals (void invoice, more than is left) before the issuer is asked; the
 *   issuer's (`INVOICE.PROVIDER_*`, `INVOICE.ALLOWANCE_BOOK_EXHAUSTED`), nothing stored.
 */
export async function issueAllowance(c: Container, invoiceId: string, input: AllowanceInput, ctx: { readonly id: string; readonly by: Actor }): Promise<{ allowance: Allowance; created: boolean }> {
  const store = firestoreAllowanceStore(c.db);
  const stored = await store.find(ctx.id);
  if (stored && stored.invoiceId !== invoiceId) throw new DomainError('IDEMPOTENCY.KEY_REUSED', 'precondition', `Allowance ${ctx.id} is of invoice ${stored.invoiceId}`);
  if (stored) return { allowance: stored, created: false };
  const invoice = await firestoreInvoiceStore(c.db).get(invoiceId);
  const earlier = await store.ofInvoice(invoiceId);
  const draft = allowanceDraft(invoice, earlier, input, ctx);
  const issued = await c.invoiceIssuer.allowance(invoice, draft, earlier.map((a) => a.number));
  const saved = await store.save(issuedAllowance(draft, issued, c.invoiceIssuer.provider));
  await refreshLedgerLine(c, saved.allowance.customer.id);
  return saved;
}

/**
 * 作廢折讓: checked before the issuer is asked and again in the write (a cancel racing this one leaves one cancel). An
 * allowance counts on the statement of the Taipei day it was issued, so one of a month whose books are closed is refused.
 * The credit goes with it, so it is refused while a refund recorded since paid that credit back. The check before the
 * issuer marks the cancel as under way in the customer's credit guard (refund-store's `keepCredit`) and beside the
 * books-closed date (books-store's `allowanceCancel`), so a refund or payment void recorded while the issuer works counts
 * the credit as gone and a close of its day waits, and the write after it, which takes the marks away, does not refuse
 * what the issuer has done; an issuer that refuses (or a write that does) takes them away too. The customer's
 * receivables line is worked out again.
 * @throws `INVOICE.ALLOWANCE_NOT_FOUND`, `INVOICE.ALLOWANCE_ALREADY_VOID`, `INVOICE.ALLOWANCE_CANCEL_DEADLINE_PASSED`,
 *   `ALLOWANCE.CANCEL_BOOKS_CLOSED`, `INVOICE.ALLOWANCE_CREDIT_REFUNDED`; the issuer's.
 */
export async function cancelInvoiceAllowance(c: Container, invoiceId: string, allowanceId: string, input: CancelAllowanceInput, by: Actor): Promise<Allowance> {
  const store = firestoreAllowanceStore(c.db);
  const refunds = firestoreRefundStore(c.db);
  const books = firestoreBooksStore(c.db);
  const allowance = await store.find(allowanceId);
  if (allowance?.invoiceId !== invoiceId) throw notFound('INVOICE.ALLOWANCE_NOT_FOUND', `Allowance ${allowanceId} not found`, { id: allowanceId });
  const customerId = allowance.customer.id;
  const month = nextMonth(taipeiDate(c.clock.now()).slice(0, 7));
  const made = { id: allowance.id, amount: allowance.amounts.totalAmount, at: allowance.issuedAt };
  const checkAndMark = (cancel: 'hold' | 'release') => async (tx: Transaction, current: Allowance) => {
    assertCanCancelAllowance(current, c.clock.now());
    const mark = await books.allowanceCancel(tx, current.id, taipeiDate(new Date(current.issuedAt)));
    await refunds.keepCredit(
      customerId,
      'INVOICE.ALLOWANCE_CREDIT_REFUNDED',
      made,
      (read, deliveredBefore) => firestoreStatementStore(c.db).accountBefore(customerId, month, { tx: read, deliveredBefore }),
      tx,
      cancel,
    );
    if (cancel === 'hold') mark.hold(c.clock.now());
    else mark.release();
  };
  await store.check(invoiceId, allowanceId, checkAndMark('hold'));
  let cancelled: Allowance;
  try {
    await c.invoiceIssuer.cancelAllowance(allowance, input.reason);
    cancelled = await store.mutate(invoiceId, allowanceId, (current) => cancelAllowance(current, input, { by, now: c.clock.now() }), checkAndMark('release'));
  } catch (error) {
    await Promise.all([refunds.releaseCancel(customerId, allowanceId), books.releaseCancel(allowanceId)]);
    throw error;
  }
  await refreshLedgerLine(c, customerId);
  return cancelled;
}
