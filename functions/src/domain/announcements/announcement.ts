/**
 * 公告: one notice the office sends many customers at once (a shortage at the filling plant, a typhoon day, a price
 * announcement, a holiday) by their usual channel, and shows on the portal's home for the days it holds. Pure: who it is
 * for, what each is sent and what the portal shows; the `notifyAnnouncements` consumer reads, records and sends.
 */
import { daysBetween } from '../calendar';
import { SERVED_DISTRICT_COUNT, servedDistrictSchema } from '../closures';
import { CUSTOMER_TYPES, type Customer } from '../customers/customer';
import { optedOutOfMarketing } from '../customers/marketing';
import { normalisePlaceName } from '../customers/place-name';
import { buildEvent, type Actor, type OutboxEntry } from '../events';
import type { CustomerReach } from '../notifications/channel';
import { DomainError } from '../errors';
import { isActive, type Depot } from '../fleet';
import { servingDepot } from '../routes/planning';
import type { NoticeLocale } from '../notifications/templates';
import { calendarDateSchema, docIdSchema, instantSchema, z, type MessageCatalogue } from '../schema';

/** The portal shows an announcement for a month at most: a notice left up longer is one nobody reads any more. */
export const MAX_ANNOUNCEMENT_DAYS = 31;
/** A chosen list names at most this many customers; a wider audience is a district or a type. */
export const MAX_CHOSEN_CUSTOMERS = 500;

const textSchema = z.object({
  title: z.string().trim().min(1).max(40),
  /** Short enough for a text message of a few segments; the preview counts them before anyone is sent one. */
  body: z.string().trim().min(1).max(400),
});

export const announcementAudienceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('districts'), districts: z.array(servedDistrictSchema).min(1).max(SERVED_DISTRICT_COUNT).transform((ds) => [...new Set(ds)]) }),
    z.object({ kind: z.literal('types'), types: z.array(z.enum(CUSTOMER_TYPES)).min(1).max(CUSTOMER_TYPES.length).transform((ts) => [...new Set(ts)]) }),
    z.object({ kind: z.literal('customers'), customerIds: z.array(docIdSchema).min(1).max(MAX_CHOSEN_CUSTOMERS).transform((ids) => [...new Set(ids)]) }),
    z.object({ kind: z.literal('depot'), depotId: docIdSchema }),
  ])
  .openapi('AnnouncementAudience', {
    description:
      "Who it is for, among the active customers: all; those delivered in the districts named; of the types named; the customers chosen; or a depot's, those the depot in service nearest their pinned place serves (as planning places orders)",
  });
export type AnnouncementAudience = z.infer<typeof announcementAudienceSchema>;

/**
 * 個資法 §20: `service` tells customers what they need for their supply (停氣, safety, 休息日, a price change to come) and
 * reaches everyone; `marketing` (促銷, 活動) skips those who objected to marketing and tells the others how to object.
 */
export const ANNOUNCEMENT_KINDS = ['service', 'marketing'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

const announcementFields = z.object({
  /** Absent on one stored before kinds: a service message, as every announcement then was. */
  kind: z.enum(ANNOUNCEMENT_KINDS).default('service'),
  /** The words in Traditional Chinese, which every customer may be sent. */
  'zh-TW': textSchema,
  /** The words in English, for the customers who read their messages in English; absent, they get the Chinese. */
  en: textSchema.optional(),
  audience: announcementAudienceSchema,
  /** The Taipei days the portal shows it, both included. */
  showFrom: calendarDateSchema,
  showTo: calendarDateSchema,
  /** Whether the customers are also sent it (LINE, else SMS, else the portal inbox); otherwise it is the portal's banner alone. */
  notifyCustomers: z.boolean().default(true),
});

export const announcementInputSchema = announcementFields
  .superRefine((a, ctx) => {
    // zod still runs this when a date is malformed; that date's own error says enough.
    if (!calendarDateSchema.safeParse(a.showFrom).success || !calendarDateSchema.safeParse(a.showTo).success) return;
    if (a.showTo < a.showFrom) ctx.addIssue({ code: 'custom', message: 'ANNOUNCEMENT.END_BEFORE_START', path: ['showTo'] });
    else if (daysBetween(a.showFrom, a.showTo) + 1 > MAX_ANNOUNCEMENT_DAYS) ctx.addIssue({ code: 'custom', message: 'ANNOUNCEMENT.TOO_LONG', path: ['showTo'] });
  })
  .openapi('AnnouncementInput', {
    example: {
      kind: 'service',
      'zh-TW': { title: '分裝場供氣不足', body: '本週分裝場供氣不足，部分訂單將延後一天配送，造成不便敬請見諒。' },
      en: { title: 'Gas shortage', body: 'A shortage at the filling plant delays some deliveries this week by a day. We apologise.' },
      audience: { kind: 'districts', districts: ['中和區', '永和區'] },
      showFrom: '2031-01-20',
      showTo: '2031-01-24',
      notifyCustomers: true,
    },
  });
export type AnnouncementInput = z.infer<typeof announcementInputSchema>;

export const announcementSchema = announcementFields
  .extend({
    id: z.string(),
    createdAt: instantSchema,
    createdBy: z.string(),
    /** 撤下: taken off the portal before its last day (wrong words, the typhoon passed); the messages sent stay sent. */
    withdrawnAt: instantSchema.optional(),
    withdrawnBy: z.string().optional(),
  })
  .openapi('Announcement');
export type Announcement = z.infer<typeof announcementSchema>;

/** The event that has the announcement sent (on `notifications`), written with it. */
export const ANNOUNCEMENT_PUBLISHED = 'announcement.published';

/** `announcement.published` on `notifications`, id from the request's Idempotency-Key: the customers are sent it. */
export const announcementPublishedEvent = (announcement: Pick<Announcement, 'id' | 'createdAt'>, eventId: string, actor: Actor): OutboxEntry => ({
  topic: 'notifications',
  event: buildEvent({
    id: eventId,
    type: ANNOUNCEMENT_PUBLISHED,
    occurredAt: new Date(announcement.createdAt),
    actor,
    subject: `announcements/${announcement.id}`,
    sequence: 1,
    data: { announcementId: announcement.id },
  }),
});

/**
 * The announcement to store.
 * @throws `ANNOUNCEMENT.ENDED` (precondition, path `showTo`): its last day is past, so nobody would see it.
 */
export function newAnnouncement(input: AnnouncementInput, ctx: { readonly id: string; readonly today: string; readonly by: Actor; readonly at: Date }): Announcement {
  if (input.showTo < ctx.today) throw new DomainError('ANNOUNCEMENT.ENDED', 'precondition', `Shown until ${input.showTo}, before ${ctx.today}`, { path: 'showTo' });
  return { ...input, id: ctx.id, createdAt: ctx.at.toISOString(), createdBy: ctx.by.uid };
}

/**
 * Takes it off the portal from now on; one withdrawn already is answered as it is.
 * @throws `ANNOUNCEMENT.ENDED` (precondition): its last day is past, so the portal shows it no more anyway.
 */
export function withdrawAnnouncement(announcement: Announcement, ctx: { readonly today: string; readonly by: Actor; readonly at: Date }): Announcement {
  if (announcement.withdrawnAt) return announcement;
  if (announcement.showTo < ctx.today) throw new DomainError('ANNOUNCEMENT.ENDED', 'precondition', `Shown until ${announcement.showTo}, before ${ctx.today}`);
  return { ...announcement, withdrawnAt: ctx.at.toISOString(), withdrawnBy: ctx.by.uid };
}

/** The depots, to place a customer at the one that serves them for a depot's audience. */
export interface AudienceContext {
  readonly depots: readonly Depot[];
}
const NO_DEPOTS: AudienceContext = { depots: [] };

type AudienceCustomer = Pick<Customer, 'id' | 'type' | 'address' | 'location'>;

/**
 * Whether the announcement is for the customer, by who they are alone (whether they are still served is `skipOf`). A
 * depot's customers are those the nearest depot in service serves (`servingDepot`, as planning places their orders); a
 * customer with no pinned place is nobody's.
 */
export function inAudience(audience: AnnouncementAudience, customer: AudienceCustomer, context: AudienceContext = NO_DEPOTS): boolean {
  switch (audience.kind) {
    case 'all':
      return true;
    case 'districts':
      return audience.districts.includes(normalisePlaceName(customer.address.district));
    case 'types':
      return audience.types.includes(customer.type);
    case 'customers':
      return audience.customerIds.includes(customer.id);
    case 'depot':
      return customer.location !== undefined && servingDepot(customer.location, context.depots)?.id === audience.depotId;
  }
}

/**
 * A depot's audience names a depot in service.
 * @throws `ANNOUNCEMENT.UNKNOWN_DEPOT` (validation, path `audience.depotId`) for one unknown or out of service.
 */
export function assertAudienceDepot(audience: AnnouncementAudience, depots: readonly Depot[]): void {
  if (audience.kind === 'depot' && !depots.some((d) => d.id === audience.depotId && isActive(d))) {
    throw new DomainError('ANNOUNCEMENT.UNKNOWN_DEPOT', 'validation', `No depot ${audience.depotId} in service`, { path: 'audience.depotId' });
  }
}

/** Whether it is marketing: one stored before kinds is a service message. */
const isMarketing = (announcement: { readonly kind?: AnnouncementKind | undefined }): boolean => announcement.kind === 'marketing';

/** Whether the customer is to be sent or shown it by who they are and what they said: in its audience, and not marketing to one who objected. */
const meantFor = (
  announcement: Pick<Announcement, 'audience'> & { readonly kind?: AnnouncementKind | undefined },
  customer: AudienceCustomer & Pick<Customer, 'marketingOptOut'>,
  context: AudienceContext,
): AnnouncementSkip | null => {
  if (!inAudience(announcement.audience, customer, context)) return 'NOT_IN_AUDIENCE';
  return isMarketing(announcement) && optedOutOfMarketing(customer) ? 'MARKETING_OPT_OUT' : null;
};

export type AnnouncementSkip = 'NOT_IN_AUDIENCE' | 'INACTIVE' | 'ERASED' | 'MARKETING_OPT_OUT';

/**
 * Why a customer is not sent the announcement, or null when they are: no longer served, or their data erased, is never
 * told; one who objected to marketing (個資法 §20) is sent no marketing, a service message all the same.
 */
export function skipOf(
  announcement: Pick<Announcement, 'audience'> & { readonly kind?: AnnouncementKind | undefined },
  customer: AudienceCustomer & Pick<Customer, 'status' | 'erasure' | 'marketingOptOut'>,
  context: AudienceContext = NO_DEPOTS,
): AnnouncementSkip | null {
  if (customer.erasure) return 'ERASED';
  if (customer.status !== 'active') return 'INACTIVE';
  return meantFor(announcement, customer, context);
}

/** The words for a reader of `locale`: the English ones when written, the Chinese otherwise. */
export const wordsFor = (announcement: Pick<Announcement, 'zh-TW' | 'en'>, locale: NoticeLocale): z.infer<typeof textSchema> =>
  locale === 'en' && announcement.en ? announcement.en : announcement['zh-TW'];

/** 個資法 §20 III: how to object, under every marketing message, in the customer's language whatever the words are in. */
export const MARKETING_OPT_OUT_LINE: Readonly<Record<NoticeLocale, string>> = {
  'zh-TW': '不想再收到優惠活動訊息：請在幸福氣客戶網站「訊息通知」關閉，或來電告知。',
  en: 'To stop offers like this, turn them off under Messages on the Lucky Gas portal, or call us.',
};

/** The message a customer is sent, in their language; a marketing one ends with how to object to marketing. */
export function renderAnnouncement(announcement: Pick<Announcement, 'zh-TW' | 'en'> & { readonly kind?: AnnouncementKind | undefined }, locale: NoticeLocale): string {
  const { title, body } = wordsFor(announcement, locale);
  const text = locale === 'en' && announcement.en ? `Lucky Gas notice: ${title}\n${body}` : `幸福氣公告：${title}\n${body}`;
  return isMarketing(announcement) ? `${text}\n${MARKETING_OPT_OUT_LINE[locale]}` : text;
}

/** `announcement-<id>-<customerId>`: one message per customer and announcement, however often the event comes. */
export const announcementDispatchId = (announcementId: string, customerId: string): string => `announcement-${announcementId}-${customerId}`;

/** Whether the portal shows it on `today` (Taipei) to a customer it is for: on its days, unless withdrawn. */
export const showsOn = (announcement: Pick<Announcement, 'showFrom' | 'showTo' | 'withdrawnAt'>, today: string): boolean =>
  announcement.withdrawnAt === undefined && announcement.showFrom <= today && today <= announcement.showTo;

/*
 * GSM 03.38: the basic set costs one septet a character, the extension table two; any other character (Chinese) makes
 * the whole text UCS-2, 70 characters to a text, 67 a part once it is split.
 */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

/** How many texts a message costs when sent by SMS (every carrier bills each part of a long one). */
export function smsSegments(text: string): number {
  const chars = [...text];
  if (chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c))) {
    const septets = chars.reduce((n, c) => n + (GSM_EXTENDED.has(c) ? 2 : 1), 0);
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  // UCS-2 counts UTF-16 units: a character outside the BMP takes two.
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}

const count = z.number().int().nonnegative();
const channelCounts = z.object({ line: count, sms: count, inbox: count });

export const announcementPreviewSchema = z
  .object({
    recipients: count.openapi({ description: 'The active customers it is for, whose data is not erased (for marketing: who did not object to it)' }),
    optedOut: count.openapi({ description: 'Those of the audience left out because they objected to marketing (個資法 §20); 0 for a service message' }),
    channels: channelCounts.extend({ none: count }).openapi({
      description: 'How many it would reach by each channel (LINE, else SMS to a mobile, else the portal inbox); `none`: no LINE, no mobile and no portal account, to phone',
    }),
    segments: z.object({ 'zh-TW': count, en: count.optional() }).openapi({ description: 'The texts one SMS costs in each language written (70 Chinese characters to a text, 67 a part once split)' }),
    smsTexts: count.openapi({ description: 'The texts the SMS recipients cost in all, each in their language' }),
  })
  .openapi('AnnouncementPreview');
export type AnnouncementPreview = z.infer<typeof announcementPreviewSchema>;

/** Whom the announcement would reach and how, and what the texts cost, from each recipient's channel and language; `optedOut` those it leaves out for their objection. */
export function announcementPreview(
  announcement: Pick<Announcement, 'zh-TW' | 'en' | 'kind'>,
  recipients: readonly { readonly reach: CustomerReach; readonly locale: NoticeLocale }[],
  optedOut: number,
): AnnouncementPreview {
  const segmentsIn = (locale: NoticeLocale) => smsSegments(renderAnnouncement(announcement, locale));
  const channels = { line: 0, sms: 0, inbox: 0, none: 0 };
  let smsTexts = 0;
  for (const r of recipients) {
    channels[r.reach.channel]++;
    if (r.reach.channel === 'sms') smsTexts += segmentsIn(r.locale);
  }
  return { recipients: recipients.length, optedOut, channels, segments: { 'zh-TW': segmentsIn('zh-TW'), ...(announcement.en ? { en: segmentsIn('en') } : {}) }, smsTexts };
}

export const announcementSummarySchema = announcementSchema
  .extend({
    sent: channelCounts.openapi({ description: 'Messages sent, by channel' }),
    failed: count.openapi({ description: 'Messages refused for good (no portal account to read the inbox: phone them)' }),
    pending: count.openapi({ description: 'Messages recorded and not yet out (a provider outage is retried)' }),
  })
  .openapi('AnnouncementSummary');
export type AnnouncementSummary = z.infer<typeof announcementSummarySchema>;

/** What the portal shows a customer: the words in the reader's language (the Chinese when none is written in it). */
export const portalAnnouncementSchema = textSchema.extend({ id: z.string(), showFrom: calendarDateSchema, showTo: calendarDateSchema }).openapi('PortalAnnouncement');
export type PortalAnnouncement = z.infer<typeof portalAnnouncementSchema>;

/**
 * The announcements the portal shows the customer today, the latest first (`announcements` newest first): not marketing
 * to one who objected to it, nor one this account closed (`dismissed`: closed on any device).
 */
export const portalAnnouncements = (
  announcements: readonly Announcement[],
  customer: AudienceCustomer & Pick<Customer, 'marketingOptOut'>,
  today: string,
  locale: NoticeLocale,
  dismissed: ReadonlySet<string> = new Set(),
  context: AudienceContext = NO_DEPOTS,
): PortalAnnouncement[] =>
  announcements
    .filter((a) => showsOn(a, today) && !dismissed.has(a.id) && meantFor(a, customer, context) === null)
    .map((a) => ({ id: a.id, ...wordsFor(a, locale), showFrom: a.showFrom, showTo: a.showTo }));

/**
 * What staff see of one in force (the office's shell, the driver's app): the words in the reader's language, whom it is
 * for, and the depot's name for a depot's audience (a driver cannot read the depots to name it).
 */
export const staffAnnouncementSchema = textSchema
  .extend({ id: z.string(), showFrom: calendarDateSchema, showTo: calendarDateSchema, audience: announcementAudienceSchema, depotName: z.string().optional() })
  .openapi('StaffAnnouncement');
export type StaffAnnouncement = z.infer<typeof staffAnnouncementSchema>;

/**
 * The announcements staff are shown today, the latest first (`announcements` newest first): every service one on its
 * days and not withdrawn, whatever its audience, for a customer at any door may ask about it (a driver's stops change
 * during the day with 改派, and the audience says whom it concerns). Marketing is left out: nobody's supply hangs on it,
 * and the office's 公告 page lists it.
 */
export const staffAnnouncements = (announcements: readonly Announcement[], today: string, locale: NoticeLocale, context: AudienceContext = NO_DEPOTS): StaffAnnouncement[] =>
  announcements
    .filter((a) => showsOn(a, today) && !isMarketing(a))
    .map((a) => {
      const depotName = depotNameOf(a.audience, context);
      return { id: a.id, ...wordsFor(a, locale), showFrom: a.showFrom, showTo: a.showTo, audience: a.audience, ...(depotName ? { depotName } : {}) };
    });

const depotNameOf = (audience: AnnouncementAudience, context: AudienceContext): string | undefined =>
  audience.kind === 'depot' ? context.depots.find((d) => d.id === audience.depotId)?.name : undefined;

export const announcementMessages: MessageCatalogue = {
  'ANNOUNCEMENT.UNKNOWN_DEPOT': { 'zh-TW': '找不到這個營業所，或已停用', en: 'This depot does not exist or is out of service' },
  'ANNOUNCEMENT.END_BEFORE_START': { 'zh-TW': '結束日期不可早於開始日期', en: 'The last day cannot be before the first day' },
  'ANNOUNCEMENT.TOO_LONG': { 'zh-TW': `公告最多顯示 ${MAX_ANNOUNCEMENT_DAYS} 天`, en: `An announcement is shown for ${MAX_ANNOUNCEMENT_DAYS} days at most` },
  'ANNOUNCEMENT.ENDED': { 'zh-TW': '顯示期間已結束，沒有人會看到這則公告', en: 'Its last day has passed: nobody would see it' },
  'ANNOUNCEMENT.NOT_FOUND': { 'zh-TW': '找不到公告', en: 'Announcement not found' },
};
