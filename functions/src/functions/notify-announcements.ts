import { cloudEvent } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreAnnouncementStore } from '../adapters/firestore/announcement-store';
import { selectSender } from '../adapters/notify/select-sender';
import { eventConsumer } from '../adapters/pubsub/event-consumer';
import { ANNOUNCEMENT_PUBLISHED, announcementDispatchId, renderAnnouncement } from '../domain/announcements';
import { DomainError } from '../domain/errors';
import type { EventEnvelope } from '../domain/events';
import type { NoticeLocale } from '../domain/notifications';
import { audienceContext, forEachAudiencePage } from './use-cases/announcement-audience';
import { forEachConcurrently } from './use-cases/concurrently';
import { dispatchToCustomer } from './use-cases/notification-dispatch';

export const NOTIFY_ANNOUNCEMENTS = 'notifyAnnouncements';
const CONCURRENCY = 4;

/**
 * 公告: sends an announcement (`announcement.published` on `notifications`) to every customer it is for, a page of
 * customers at a time, in their language through their channel (LINE, else SMS, else the portal inbox). Once per
 * customer: each message is `notificationDispatch/announcement-<id>-<customerId>`, recorded before the send, so a
 * redelivered event, or the event of a retried request, sends nobody a second one. Inactive and erased customers are
 * never sent it, whoever the audience names. One customer's failure does not stop the others; a provider outage leaves
 * theirs pending and throws at the end, so Pub/Sub redelivers and only those are sent.
 */
export const handleAnnouncementEvent = eventConsumer(NOTIFY_ANNOUNCEMENTS, async (event: EventEnvelope) => {
  const { announcementId } = event.data;
  if (event.type !== ANNOUNCEMENT_PUBLISHED || typeof announcementId !== 'string') return;
  const c = await container();
  const store = firestoreAnnouncementStore(c.db);
  const announcement = await store.get(announcementId).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'ANNOUNCEMENT.NOT_FOUND') return undefined;
    throw err;
  });
  if (!announcement?.notifyCustomers) return;

  const select = selectSender(c.config, { db: c.db, clock: c.clock });
  const about = { kind: 'announcement', announcementId };
  const render = (locale: NoticeLocale) => renderAnnouncement(announcement, locale);
  const report = { sent: 0, alreadySent: 0, failed: [] as { customerId: string; code: string }[], pending: 0 };
  const context = await audienceContext(c.db, [announcement.audience]);
  await forEachAudiencePage(store, announcement, (customers) =>
    forEachConcurrently(customers, CONCURRENCY, async (customer) => {
      try {
        const outcome = await dispatchToCustomer(c, select, announcementDispatchId(announcementId, customer.id), customer, about, render);
        if (outcome === 'sent') report.sent++;
        else if (typeof outcome === 'object') report.failed.push({ customerId: customer.id, code: outcome.failed });
        else report.alreadySent++;
      } catch (err) {
        // A provider outage for one must not keep the others from hearing; the record stays pending for the redelivery.
        const code = err instanceof DomainError ? err.code : 'INTERNAL';
        console.error(JSON.stringify({ severity: 'WARNING', consumer: NOTIFY_ANNOUNCEMENTS, message: 'announcement not sent', announcementId, customerId: customer.id, code, error: String(err) }));
        report.pending++;
      }
    }),
    context,
  );
  console.log(JSON.stringify({ severity: 'INFO', consumer: NOTIFY_ANNOUNCEMENTS, eventId: event.id, announcementId, ...report }));
  if (report.pending > 0) throw new Error(`${report.pending} announcement messages left pending for ${announcementId}`);
});

cloudEvent(NOTIFY_ANNOUNCEMENTS, handleAnnouncementEvent);
