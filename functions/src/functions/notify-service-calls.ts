import type { Transaction } from '@google-cloud/firestore';
import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { SERVICE_CALLS } from '../adapters/firestore/service-call-store';
import { selectSender } from '../adapters/notify/select-sender';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import type { Customer } from '../domain/customers';
import type { EventEnvelope } from '../domain/events';
import { renderServiceCallNotice, renderSupplyStopNotice, serviceCallNoticeFor, serviceCallNoticeId, supplyStopNoticeFor, supplyStopNoticeId } from '../domain/notifications';
import { INSPECTION_SUPPLY_STOPPED, type SupplyStop } from '../domain/safety';
import type { ServiceCall } from '../domain/service-calls';
import { dispatchToCustomer } from './use-cases/notification-dispatch';

export const NOTIFY_SERVICE_CALLS = 'notifyServiceCalls';

/**
 * 報修通知: tells the customer of their call's `service_call.dispatched` (who is sent and when, again when the time
 * moves or another driver takes it) and
 * `service_call.closed` (how it ended), and of an inspection's `safety_inspection.supply_stopped` (停止供氣, told as an
 * unsafe close is), in their language through their channel. Once per event: the dispatch id comes
 * from the event's and is recorded before the send (`dispatchOnce`), only while the call (or the customer's stop) still says what the event
 * does, so a redelivery sends nothing twice and a time or driver the office has changed since, or a stop a re-check has
 * lifted, is never told. A provider outage throws for the redelivery; a refusal is final and logged (通知紀錄 shows it as failed).
 */
export const handleServiceCallEvent = eventConsumer(NOTIFY_SERVICE_CALLS, async (event: EventEnvelope) => {
  if (event.type === INSPECTION_SUPPLY_STOPPED) return tellSupplyStop(event);
  const { serviceCallId } = event.data;
  if (typeof serviceCallId !== 'string') return;
  const c = await container();
  const callDoc = c.db.collection(SERVICE_CALLS).doc(serviceCallId);
  const call = (await callDoc.get()).data() as ServiceCall | undefined;
  const notice = serviceCallNoticeFor(event, call);
  if (!call || !notice) return;
  const customerSnap = await c.db.collection('customers').doc(call.customerId).get();
  if (!customerSnap.exists) return;
  const id = serviceCallNoticeId(event.id);
  const about = { kind: 'service-call', serviceCallId, event: event.type };
  const stillTrue = async (tx: Transaction) => serviceCallNoticeFor(event, (await tx.get(callDoc)).data() as ServiceCall | undefined) !== null;
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  const outcome = await dispatchToCustomer(c, select, id, customerSnap.data() as Customer, about, (locale) => renderServiceCallNotice(notice, locale), stillTrue);
  if (typeof outcome === 'object') console.error(JSON.stringify({ severity: 'WARNING', consumer: NOTIFY_SERVICE_CALLS, message: 'service call notice refused by the provider', dispatchId: id, code: outcome.failed }));
});

/** The customer's notice of an inspection's stop, while their `supplyStop` is still the one the event announced. */
async function tellSupplyStop(event: EventEnvelope): Promise<void> {
  const { customerId, inspectionId } = event.data;
  if (typeof customerId !== 'string') return;
  const c = await container();
  const customerDoc = c.db.collection('customers').doc(customerId);
  const customer = (await customerDoc.get()).data() as Customer | undefined;
  const notice = supplyStopNoticeFor(event, customer?.supplyStop);
  if (!customer || !notice) return;
  const id = supplyStopNoticeId(event.id);
  const about = { kind: 'supply-stop', inspectionId, event: event.type };
  const stillTrue = async (tx: Transaction) => supplyStopNoticeFor(event, (await tx.get(customerDoc)).get('supplyStop') as SupplyStop | undefined) !== null;
  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  const outcome = await dispatchToCustomer(c, select, id, customer, about, (locale) => renderSupplyStopNotice(notice, locale), stillTrue);
  if (typeof outcome === 'object') console.error(JSON.stringify({ severity: 'WARNING', consumer: NOTIFY_SERVICE_CALLS, message: 'supply stop notice refused by the provider', dispatchId: id, code: outcome.failed }));
}

cloudEvent(NOTIFY_SERVICE_CALLS, handleServiceCallEvent);
