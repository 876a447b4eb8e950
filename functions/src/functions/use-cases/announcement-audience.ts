import type { Firestore } from '@google-cloud/firestore';
import { ANNOUNCEMENT_PAGE_SIZE, type firestoreAnnouncementStore } from '../../adapters/firestore/announcement-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { skipOf, type Announcement, type AnnouncementAudience, type AudienceContext } from '../../domain/announcements';
import type { Customer } from '../../domain/customers';

/** The depots that place customers for a depot's audience, read only when one of `audiences` is a depot's. */
export async function audienceContext(db: Firestore, audiences: readonly AnnouncementAudience[]): Promise<AudienceContext> {
  return { depots: audiences.some((a) => a.kind === 'depot') ? await firestoreFleetStore(db).depots() : [] };
}

/**
 * Walks the customers an announcement is for, a page at a time (`ANNOUNCEMENT_PAGE_SIZE`), so a sending to every
 * customer never holds them all at once: a chosen list by its ids, any other audience over the active customers by id.
 * Each page holds only those to be sent it (`skipOf`: not an inactive or erased one, nor one outside the audience, nor
 * for marketing one who objected to it), with how many of the page were left out for that objection alone.
 */
export async function forEachAudiencePage(
  store: ReturnType<typeof firestoreAnnouncementStore>,
  announcement: Pick<Announcement, 'audience' | 'kind'>,
  visit: (customers: readonly Customer[], left: { readonly optedOut: number }) => Promise<void>,
  context: AudienceContext,
): Promise<void> {
  const sorted = async (page: readonly Customer[]) => {
    const skips = page.map((c) => skipOf(announcement, c, context));
    await visit(
      page.filter((_, i) => skips[i] === null),
      { optedOut: skips.filter((s) => s === 'MARKETING_OPT_OUT').length },
    );
  };
  const { audience } = announcement;
  if (audience.kind === 'customers') {
    for (let i = 0; i < audience.customerIds.length; i += ANNOUNCEMENT_PAGE_SIZE) await sorted(await store.customers(audience.customerIds.slice(i, i + ANNOUNCEMENT_PAGE_SIZE)));
    return;
  }
  let after: string | undefined;
  for (;;) {
    const page = await store.activeCustomers(after);
    if (page.length === 0) return;
    await sorted(page);
    if (page.length < ANNOUNCEMENT_PAGE_SIZE) return;
    after = page[page.length - 1]?.id;
  }
}
