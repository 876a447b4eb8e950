import { FieldPath, type Firestore, type Query } from '@google-cloud/firestore';
import type { Announcement } from '../../domain/announcements';
import type { Customer } from '../../domain/customers';
import { DomainError } from '../../domain/errors';
import type { EventPublisher, OutboxEntry } from '../../domain/events';
import { publishOutbox, writeOutbox } from './outbox';
import { runContendedTransaction } from './contended-transaction';

export const ANNOUNCEMENTS = 'announcements';

/** How many customers the sending reads at a time: a page's worth of messages goes out before the next is read. */
export const ANNOUNCEMENT_PAGE_SIZE = 200;

/** `announcements/{id}/dismissals/{uid}`: the portal account closed its banner, on whichever device. */
const DISMISSALS = 'dismissals';

/**
 * `announcements/{id}` (公告, server-only: the portal reads its customer's through the API), the accounts that closed
 * each (`dismissals`), and what they need of the customers and the messages sent for them (`notificationDispatch`
 * records with the announcement's id).
 */
export function firestoreAnnouncementStore(db: Firestore) {
  const announcements = db.collection(ANNOUNCEMENTS);
  const dispatches = db.collection('notificationDispatch');
  return {
    /**
     * Writes the announcement with the event that has it sent, when there is one, in one transaction, published after it
     * (the outbox sweeper catches what that misses). A request retried under its Idempotency-Key after a crash finds
     * them written and answers what is stored.
     */
    async create(announcement: Announcement, sending: { readonly event?: OutboxEntry; readonly publisher: EventPublisher; readonly now: Date }): Promise<Announcement> {
      const ref = announcements.doc(announcement.id);
      const stored = await runContendedTransaction(db, async (tx) => {
        const existing = (await tx.get(ref)).data() as Announcement | undefined;
        if (existing) return existing;
        tx.create(ref, announcement);
        if (sending.event) writeOutbox(db, tx, [sending.event], sending.now);
        return announcement;
      });
      if (sending.event) await publishOutbox(db, sending.publisher, [sending.event.event.id]);
      return stored;
    },

    async get(id: string): Promise<Announcement> {
      const found = (await announcements.doc(id).get()).data() as Announcement | undefined;
      if (!found) throw new DomainError('ANNOUNCEMENT.NOT_FOUND', 'not_found', `No announcement ${id}`);
      return found;
    },

    /** Changes one in a transaction, from the record as it is then. */
    async update(id: string, change: (current: Announcement) => Announcement): Promise<Announcement> {
      const ref = announcements.doc(id);
      return runContendedTransaction(db, async (tx) => {
        const current = (await tx.get(ref)).data() as Announcement | undefined;
        if (!current) throw new DomainError('ANNOUNCEMENT.NOT_FOUND', 'not_found', `No announcement ${id}`);
        const next = change(current);
        if (next !== current) tx.set(ref, next);
        return next;
      });
    },

    /** The latest ones, newest first. */
    async recent(limit: number): Promise<Announcement[]> {
      return (await announcements.orderBy('createdAt', 'desc').limit(limit).get()).docs.map((d) => d.data() as Announcement);
    },

    /** Those the portal still shows on `today` or later, newest first (whether one has begun is the caller's to judge). */
    async notEndedBy(today: string): Promise<Announcement[]> {
      const list = (await announcements.where('showTo', '>=', today).get()).docs.map((d) => d.data() as Announcement);
      return list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    /** Records that the account closed the banner; closing it again rewrites the same record. */
    async dismiss(id: string, uid: string, at: Date): Promise<void> {
      await announcements.doc(id).collection(DISMISSALS).doc(uid).set({ uid, at: at.toISOString() });
    },

    /** Which of `ids` the account closed. */
    async dismissedBy(uid: string, ids: readonly string[]): Promise<ReadonlySet<string>> {
      if (ids.length === 0) return new Set();
      const snaps = await db.getAll(...ids.map((id) => announcements.doc(id).collection(DISMISSALS).doc(uid)));
      // getAll answers in the order asked.
      return new Set(ids.filter((_, i) => snaps[i]?.exists));
    },

    /** The messages sent for it: by channel once out, refused for good, and still pending. */
    async tally(id: string): Promise<{ sent: { line: number; sms: number; inbox: number }; failed: number; pending: number }> {
      const mine = dispatches.where('announcementId', '==', id);
      const counted = async (q: Query) => (await q.count().get()).data().count;
      const [line, sms, inbox, failed, pending] = await Promise.all([
        counted(mine.where('status', '==', 'sent').where('channel', '==', 'line')),
        counted(mine.where('status', '==', 'sent').where('channel', '==', 'sms')),
        counted(mine.where('status', '==', 'sent').where('channel', '==', 'inbox')),
        counted(mine.where('status', '==', 'failed')),
        counted(mine.where('status', '==', 'pending')),
      ]);
      return { sent: { line, sms, inbox }, failed, pending };
    },

    /** One page of the active customers by id, after `after` (the last id of the page before). */
    async activeCustomers(after: string | undefined): Promise<Customer[]> {
      let q = db.collection('customers').where('status', '==', 'active').orderBy(FieldPath.documentId()).limit(ANNOUNCEMENT_PAGE_SIZE);
      if (after !== undefined) q = q.startAfter(after);
      return (await q.get()).docs.map((d) => d.data() as Customer);
    },

    /** The customers of one page of a chosen list that exist. */
    async customers(ids: readonly string[]): Promise<Customer[]> {
      if (ids.length === 0) return [];
      const snaps = await db.getAll(...ids.map((id) => db.collection('customers').doc(id)));
      return snaps.flatMap((s) => (s.exists ? [s.data() as Customer] : []));
    },

    /** The customers with an enabled portal account, who can read the inbox (the check the inbox sender makes one by one). */
    async withPortalAccount(): Promise<ReadonlySet<string>> {
      const snap = await db.collection('users').where('role', '==', 'customer').get();
      return new Set(snap.docs.filter((d) => d.get('disabled') !== true && typeof d.get('customerId') === 'string').map((d) => d.get('customerId') as string));
    },
  };
}
