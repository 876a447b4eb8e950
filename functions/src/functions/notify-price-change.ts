import { cloudEvent } from '@google-cloud/functions-framework';
import { container, type Container } from '../adapters/container';
import { firestoreOrderHistoryStore } from '../adapters/firestore/order-history-store';
import { firestorePriceStore } from '../adapters/firestore/price-store';
import { selectSender, type SenderSelector } from '../adapters/notify/select-sender';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import { addDays } from '../domain/calendar';
import { taipeiDate } from '../domain/clock';
import type { Customer } from '../domain/customers';
import { DomainError } from '../domain/errors';
import type { EventEnvelope } from '../domain/events';
import {
  customerPriceChange,
  orderedSizesByCustomer,
  PRICE_NOTICE_LOOKBACK_DAYS,
  priceChangeOf,
  priceNoticeFor,
  priceNoticeId,
  pricingTerms,
  renderPriceNotice,
  type PriceNotice,
  type PriceNoticeSkip,
} from '../domain/pricing';
import { forEachConcurrently } from './use-cases/concurrently';
import { dispatchRecord, dispatchToCustomer, type Dispatch } from './use-cases/notification-dispatch';

export const NOTIFY_PRICE_CHANGE = 'notifyPriceChange';
const KIND = 'price-change';
const CONCURRENCY = 4;

/**
 * Sends one customer's notice once (recorded only while the entry still has the list price `posted`, which the notice's
 * price, the customer's own, follows from) and marks them told.
 */
async function tell(c: Container, select: SenderSelector, customer: Customer, notice: PriceNotice, eventId: string, posted: number): Promise<'sent' | 'done' | 'unwanted' | { failed: string }> {
  const store = firestorePriceStore(c.db);
  const { change } = notice;
  const id = priceNoticeId(customer.id, eventId);
  const about = { kind: KIND, priceEntryId: change.entryId, unitPrice: change.unitPrice, ...(notice.corrects === undefined ? {} : { corrects: notice.corrects }) };
  const outcome = await dispatchToCustomer(c, select, id, customer, about, (locale) => renderPriceNotice(notice, locale), (tx) => store.stillPriced(tx, change.entryId, posted));
  // A redelivery after a crash between the send and the mark finds the record sent: the mark is what it still owes.
  const sent = outcome === 'sent' || (outcome === 'done' && ((await dispatchRecord(c.db, id).get()).data() as Dispatch | undefined)?.status === 'sent');
  if (sent) await store.markTold(change.entryId, customer.id, change.unitPrice);
  return outcome;
}

/**
 * 調價通知 for a price entry the admin posted with `notifyCustomers` (`price.changed` on `notifications`): every active
 * customer who buys the size hears of it before the day, at the price they will pay (`customerPriceChange`: a 合約價 customer
 * hears list − discount, one on a fixed contract price nothing), in their language through their channel, once per entry —
 * posted again with another price, a correction; with the same price, nothing (`priceNoticeFor`). An entry posted again
 * meanwhile makes this event stale: its own event tells. One customer's failure does not stop the others; a provider
 * outage for any leaves their notices pending and throws, so Pub/Sub redelivers and those already told are not told
 * again (each notice is `notificationDispatch/price-<customerId>-<eventId>`, recorded before the send).
 */
export const handlePriceChangeEvent = eventConsumer(NOTIFY_PRICE_CHANGE, async (event: EventEnvelope) => {
  const { entryId, unitPrice } = event.data;
  if (event.type !== 'price.changed' || typeof entryId !== 'string' || typeof unitPrice !== 'number') return;
  const c = await container();
  const store = firestorePriceStore(c.db);
  const [list, told] = await Promise.all([store.list(), store.told(entryId)]);
  const entry = list.find((e) => e.id === entryId);
  if (entry?.unitPrice !== unitPrice) return;
  if (!priceChangeOf(list, entry)) return;

  const today = taipeiDate(c.clock.now());
  const history = firestoreOrderHistoryStore(c.db);
  const [customers, orders] = await Promise.all([history.customers({ activeOnly: true }), history.ordersSince(addDays(today, -PRICE_NOTICE_LOOKBACK_DAYS))]);
  const ordered = orderedSizesByCustomer(orders);
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  const report = { told: 0, skipped: {} as Partial<Record<PriceNoticeSkip | 'ALREADY_SENT' | 'STALE', number>>, failed: [] as { customerId: string; code: string }[], pending: 0 };
  const skip = (reason: keyof typeof report.skipped) => (report.skipped[reason] = (report.skipped[reason] ?? 0) + 1);

  await forEachConcurrently(customers, CONCURRENCY, async (customer) => {
    // Each is told the price they will pay (合約價, a branch's head office's where it has none): a fixed contract price hears
    // of no change, a discount of the list's less it.
    const change = customerPriceChange(list, entry, pricingTerms(customer, customer.payerId ? byId.get(customer.payerId) : undefined));
    const decision = change ? priceNoticeFor(change, { ...customer, orderedSizes: ordered.get(customer.id) ?? new Set() }, { today, toldPrice: told.get(customer.id) }) : 'NO_CHANGE';
    if (typeof decision === 'string') {
      skip(decision);
      return;
    }
    try {
      const outcome = await tell(c, select, customer, decision, event.id, unitPrice);
      if (outcome === 'sent') report.told++;
      else if (outcome === 'done') skip('ALREADY_SENT');
      else if (outcome === 'unwanted') skip('STALE');
      else report.failed.push({ customerId: customer.id, code: outcome.failed });
    } catch (err) {
      // One customer's provider failing must not keep the others from hearing; the record stays pending for the redelivery.
      const code = err instanceof DomainError ? err.code : 'INTERNAL';
      console.error(JSON.stringify({ severity: 'WARNING', consumer: NOTIFY_PRICE_CHANGE, message: 'price notice not sent', entryId, customerId: customer.id, code, error: String(err) }));
      report.pending++;
    }
  });
  console.log(JSON.stringify({ severity: 'INFO', consumer: NOTIFY_PRICE_CHANGE, eventId: event.id, entryId, unitPrice, ...report }));
  if (report.pending > 0) throw new Error(`${report.pending} price notices left pending for ${entryId}`);
});

cloudEvent(NOTIFY_PRICE_CHANGE, handlePriceChangeEvent);
