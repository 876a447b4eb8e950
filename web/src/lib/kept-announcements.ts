import type { StaffAnnouncement } from '../composables/useAnnouncements';
import { type AppLocale, formatShortDate, formatTime, taipeiDate } from './format';

/** What the kept copy needs of the Web Storage API (localStorage), so tests can hand it a Map. */
export type KeptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The staff announcements the driver's phone last read, by whom and when, for the banner without signal. */
export interface KeptAnnouncements {
  readonly uid: string;
  readonly fetchedAt: string;
  readonly announcements: readonly StaffAnnouncement[];
}

/**
 * One copy per phone, not one per account: the next driver's first reading replaces it, and a sign-out removes it, as
 * the Firestore cache of the routes goes with the session.
 */
const KEY = 'lg.staffAnnouncements.kept';

/** Keeps what `uid` was just answered, replacing any copy before it. */
export function keepAnnouncements(storage: KeptStorage, uid: string, announcements: readonly StaffAnnouncement[], fetchedAt: string): void {
  const kept: KeptAnnouncements = { uid, fetchedAt, announcements };
  storage.setItem(KEY, JSON.stringify(kept));
}

/**
 * The copy `uid` fetched, without those no longer in force on `today` (Taipei): a phone offline since yesterday still
 * shows a typhoon notice running to tomorrow, not the one that ended last night. None when the copy is another account's
 * (a driver signed in after another whose session never ended here) or unreadable.
 */
export function keptAnnouncements(storage: KeptStorage, uid: string, today: string): KeptAnnouncements | null {
  let kept: unknown;
  try {
    kept = JSON.parse(storage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
  if (!isKept(kept) || kept.uid !== uid) return null;
  return { ...kept, announcements: kept.announcements.filter((a) => a.showFrom <= today && today <= a.showTo) };
}

function isKept(value: unknown): value is KeptAnnouncements {
  if (typeof value !== 'object' || value === null) return false;
  const { uid, fetchedAt, announcements } = value as Record<string, unknown>;
  return typeof uid === 'string' && typeof fetchedAt === 'string' && Array.isArray(announcements);
}

/** The session ended: the phone keeps no copy for whoever signs in next. */
export function forgetKeptAnnouncements(storage: KeptStorage): void {
  storage.removeItem(KEY);
}

/**
 * When the copy was read, as the offline banner says it: the time alone today, the day too when read on an earlier one
 * (as `formatDateTime` writes them, no space after the full-width bracket in Chinese).
 */
export function keptAt(fetchedAt: string, today: string, locale: AppLocale): string {
  const day = taipeiDate(new Date(fetchedAt));
  return day === today ? formatTime(fetchedAt) : `${formatShortDate(day, locale)}${locale === 'en' ? ' ' : ''}${formatTime(fetchedAt)}`;
}
