import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { firestoreAnnouncementStore } from '../adapters/firestore/announcement-store';
import { firestoreCustomerStore } from '../adapters/firestore/customer-store';
import {
  announcementInputSchema,
  announcementPreview,
  announcementPreviewSchema,
  announcementPublishedEvent,
  announcementSchema,
  announcementSummarySchema,
  assertAudienceDepot,
  newAnnouncement,
  portalAnnouncements,
  portalAnnouncementSchema,
  staffAnnouncements,
  staffAnnouncementSchema,
  withdrawAnnouncement,
} from '../domain/announcements';
import { taipeiDate } from '../domain/clock';
import { notificationLocaleOf } from '../domain/customers';
import { customerReach, recipientOf, type CustomerReach, type NoticeLocale } from '../domain/notifications';
import { DomainError } from '../domain/errors';
import { z } from '../domain/schema';
import { actorOf } from '../http/auth/principal';
import { createHttpHandler, idFromRequest, idParams, route, type HttpFunctionDef } from '../http/endpoint';
import { audienceContext, forEachAudiencePage } from './use-cases/announcement-audience';
import { mapConcurrently } from './use-cases/concurrently';

/** The list shows the latest ones, each with how its sending went. */
const LISTED = 20;

/** 公告: the office tells many customers at once, and the portal shows it on its home for the days it holds. */
export const announcementsFunction: HttpFunctionDef = {
  name: 'announcements',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: ['admin', 'office'],
      docs: {
        summary: `The latest ${LISTED} announcements, newest first, each with the messages sent for it by channel, refused and still pending`,
        response: z.object({ announcements: z.array(announcementSummarySchema) }),
      },
      async handle() {
        const store = firestoreAnnouncementStore((await container()).db);
        const list = await store.recent(LISTED);
        return { body: { announcements: await mapConcurrently(list, 4, async (a) => ({ ...a, ...(await store.tally(a.id)) })) } };
      },
    }),
    route({
      method: 'POST',
      path: '/preview',
      roles: ['admin', 'office'],
      // A count, which changes nothing.
      audit: false,
      docs: {
        summary: 'Whom an announcement would reach, by which channel, and the SMS texts it would cost, before it is sent',
        description: 'The same checks as sending it (400 with the field at fault); nothing is written or sent.',
        response: announcementPreviewSchema,
      },
      body: announcementInputSchema,
      async handle({ body }) {
        const c = await container();
        const store = firestoreAnnouncementStore(c.db);
        const context = await audienceContext(c.db, [body.audience]);
        assertAudienceDepot(body.audience, context.depots);
        const portal = await store.withPortalAccount();
        const recipients: { reach: CustomerReach; locale: NoticeLocale }[] = [];
        let optedOut = 0;
        await forEachAudiencePage(
          store,
          body,
          async (customers, left) => {
            for (const customer of customers) recipients.push({ reach: customerReach(recipientOf(customer), c.config.channels, portal.has(customer.id)), locale: notificationLocaleOf(customer) });
            optedOut += left.optedOut;
          },
          context,
        );
        return { body: announcementPreview(body, recipients, optedOut) };
      },
    }),
    route({
      method: 'POST',
      path: '/',
      roles: ['admin', 'office'],
      docs: {
        summary: 'Publish an announcement: the portal shows it to the customers it is for on its days, and (with `notifyCustomers`) each is sent it once',
        description:
          'The announcement and its `announcement.published` event are written in one transaction; the notifyAnnouncements consumer sends each active customer of the audience one message (LINE, else SMS, else the portal inbox) in their language, never to an inactive or erased one. A retry under the same Idempotency-Key answers the same announcement and sends nothing again. A last day already past is 422 ANNOUNCEMENT.ENDED.',
        response: z.object({ announcement: announcementSchema }),
        successStatus: 201,
      },
      body: announcementInputSchema,
      async handle({ body, principal, requestId }) {
        const c = await container();
        const now = c.clock.now();
        const actor = actorOf(principal);
        assertAudienceDepot(body.audience, (await audienceContext(c.db, [body.audience])).depots);
        const announcement = newAnnouncement(body, { id: idFromRequest('ann', requestId), today: taipeiDate(now), by: actor, at: now });
        const event = body.notifyCustomers ? announcementPublishedEvent(announcement, idFromRequest('annsend', requestId), actor) : undefined;
        const stored = await firestoreAnnouncementStore(c.db).create(announcement, { ...(event ? { event } : {}), publisher: c.publisher, now });
        return { status: 201, body: { announcement: stored } };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/withdraw',
      roles: ['admin', 'office'],
      docs: {
        summary: '撤下: take an announcement off the portal before its last day (the messages sent stay sent)',
        description: 'One withdrawn already is answered as it is; an unknown one is 404 ANNOUNCEMENT.NOT_FOUND, one whose last day is past 422 ANNOUNCEMENT.ENDED.',
        response: z.object({ announcement: announcementSchema }),
      },
      params: idParams,
      async handle({ params, principal }) {
        const c = await container();
        const now = c.clock.now();
        const announcement = await firestoreAnnouncementStore(c.db).update(params.id, (a) => withdrawAnnouncement(a, { today: taipeiDate(now), by: actorOf(principal), at: now }));
        return { body: { announcement } };
      },
    }),
    route({
      method: 'GET',
      path: '/current',
      roles: ['customer'],
      docs: {
        summary: "The announcements the portal shows the signed-in customer today (Taipei), in the caller's language",
        description: 'Only those whose days include today and whose audience includes the customer; the words in English when written in English and asked for, the Chinese otherwise.',
        response: z.object({ announcements: z.array(portalAnnouncementSchema) }),
      },
      async handle({ principal, locale }) {
        const c = await container();
        const customerId = principal.customerId;
        if (!customerId) return { body: { announcements: [] } };
        const today = taipeiDate(c.clock.now());
        const store = firestoreAnnouncementStore(c.db);
        const [list, customer] = await Promise.all([store.notEndedBy(today), firestoreCustomerStore(c.db).get(customerId)]);
        const [dismissed, context] = await Promise.all([store.dismissedBy(principal.uid, list.map((a) => a.id)), audienceContext(c.db, list.map((a) => a.audience))]);
        return { body: { announcements: portalAnnouncements(list, customer, today, locale === 'en' ? 'en' : 'zh-TW', dismissed, context) } };
      },
    }),
    route({
      method: 'GET',
      path: '/staff',
      roles: ['admin', 'office', 'driver'],
      docs: {
        summary: "The service announcements in force today (Taipei) that staff are shown, whoever they are for, in the caller's language",
        description:
          'Those whose days include today and not withdrawn, newest first, each with its audience (and the depot’s name for a depot’s): a driver is asked about them at any door. Marketing ones are not listed; the office’s list (GET /api/announcements) has them.',
        response: z.object({ announcements: z.array(staffAnnouncementSchema) }),
      },
      async handle({ locale }) {
        const c = await container();
        const today = taipeiDate(c.clock.now());
        const list = await firestoreAnnouncementStore(c.db).notEndedBy(today);
        const context = await audienceContext(c.db, list.map((a) => a.audience));
        return { body: { announcements: staffAnnouncements(list, today, locale === 'en' ? 'en' : 'zh-TW', context) } };
      },
    }),
    route({
      method: 'POST',
      path: '/:id/dismiss',
      roles: ['customer'],
      // A banner closed, which changes nothing but what this account's portal shows.
      audit: false,
      docs: {
        summary: 'The signed-in account closed an announcement’s banner: the portal shows it no more to this account, on any device',
        description: 'Closing it again answers the same. One the portal does not show this customer today (unknown, over, withdrawn, not for them) is 404 ANNOUNCEMENT.NOT_FOUND, nothing written.',
        response: z.object({ dismissed: z.string() }),
      },
      params: idParams,
      async handle({ params, principal }) {
        const c = await container();
        const customerId = principal.customerId;
        const today = taipeiDate(c.clock.now());
        const store = firestoreAnnouncementStore(c.db);
        const [list, customer] = await Promise.all([store.notEndedBy(today), customerId ? firestoreCustomerStore(c.db).get(customerId) : undefined]);
        const context = await audienceContext(c.db, list.map((a) => a.audience));
        const shown = customer ? portalAnnouncements(list, customer, today, 'zh-TW', new Set(), context).some((a) => a.id === params.id) : false;
        if (!shown) throw new DomainError('ANNOUNCEMENT.NOT_FOUND', 'not_found', `Announcement ${params.id} is not shown to ${principal.uid}`);
        await store.dismiss(params.id, principal.uid, c.clock.now());
        return { body: { dismissed: params.id } };
      },
    }),
  ],
};

http('announcements', createHttpHandler(announcementsFunction, async () => (await container()).http));
